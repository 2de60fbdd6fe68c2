package io.neutrino.server.pipeline;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code neutron.api.extensions:ProjectIdMiddleware.factory}. In Neutron (Zed) it checks, for a
 * request carrying a {@code project_id} or {@code tenant_id} query parameter, that the project
 * exists in Keystone (through the [nova] credentials) and answers 404 otherwise. It is defined in
 * api-paste.ini but used by none of Zed's pipelines.
 *
 * <p>Neutrino has no Keystone client yet: this filter passes every request through and says so
 * once at start-up.
 */
public final class ProjectIdFilter extends PipelineFilter {
  private static final Logger LOG = LoggerFactory.getLogger(ProjectIdFilter.class);

  public static final FilterFactory FACTORY =
      (conf, ctx) -> {
        LOG.warn("project_id filter: project existence is not verified against Keystone in Neutrino; passing through");
        return new ProjectIdFilter();
      };

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    return next(request, response, callback);
  }
}
