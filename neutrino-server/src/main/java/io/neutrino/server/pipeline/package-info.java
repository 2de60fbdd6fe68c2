/**
 * The API's WSGI pipeline, rebuilt on Jetty core: api-paste.ini is read as paste deploy reads
 * it ({@link io.neutrino.server.pipeline.PasteConfig}) and composed into one Jetty
 * {@link org.eclipse.jetty.server.Handler} by
 * {@link io.neutrino.server.pipeline.PipelineBuilder#build(java.nio.file.Path, String,
 * io.neutrino.server.pipeline.PipelineContext)}.
 *
 * <p>Decisions worth knowing:
 *
 * <ul>
 *   <li>urlmap does not strip the matched prefix: applications see the full path and read the
 *       prefix from {@link io.neutrino.server.pipeline.RequestAttributes#SCRIPT_NAME}.
 *   <li>Middleware state travels in request attributes ({@link
 *       io.neutrino.server.pipeline.RequestAttributes}) instead of the WSGI environ.
 *   <li>Response-side behaviour (request id header, CORS) runs just before commit, through
 *       {@code DecoratingResponse}; a handler that declines a request (returns false) inside a
 *       pipeline gets webob's 404 written through the filters, so it is decorated too.
 *   <li>request_id follows oslo.middleware exactly: a fresh {@code req-<uuid4>} per request;
 *       a valid inbound {@code X-OpenStack-Request-ID} is kept as the global request id only.
 *   <li>catch_errors answers Neutron's NeutronError 500 body instead of webob's bare 500.
 *   <li>authtoken ({@link io.neutrino.server.pipeline.AuthTokenFilter}) validates Keystone
 *       tokens as keystonemiddleware does and stores the caller's
 *       {@link io.neutrino.server.pipeline.Identity} in
 *       {@link io.neutrino.server.pipeline.RequestAttributes#IDENTITY}; keystonecontext
 *       ({@link io.neutrino.server.pipeline.KeystoneContextFilter}) turns it into the
 *       RequestContext. extensions, project_id and osprofiler are pass-throughs (osprofiler can
 *       log timing).
 * </ul>
 */
package io.neutrino.server.pipeline;
