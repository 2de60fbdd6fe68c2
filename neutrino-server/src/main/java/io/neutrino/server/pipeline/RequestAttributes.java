package io.neutrino.server.pipeline;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;

/**
 * Names of the Jetty request attributes the pipeline filters set (the WSGI environ keys of
 * Neutron's middlewares), and helpers to read them.
 */
public final class RequestAttributes {
  private RequestAttributes() {}

  /** Local request id {@code req-<uuid4>} (oslo's {@code openstack.request_id}). Always generated. */
  public static final String REQUEST_ID = "neutrino.request_id";

  /**
   * The caller's {@code X-OpenStack-Request-ID} when it is a valid {@code req-<uuid>} (oslo's
   * {@code openstack.global_request_id}); absent otherwise.
   */
  public static final String GLOBAL_REQUEST_ID = "neutrino.global_request_id";

  /**
   * A {@link io.neutrino.lib.context.RequestContext} when a filter built one (noauth's
   * fake_project_id when no project came with the request); Neutron's {@code neutron.context}.
   */
  public static final String CONTEXT = "neutrino.context";

  /**
   * The {@link Identity} of the caller's token, validated by the {@code authtoken} filter
   * (keystonemiddleware's {@code keystone.token_auth}); its {@link Identity#service()} holds a
   * valid X-Service-Token's identity. Absent without a valid token (delay_auth_decision).
   */
  public static final String IDENTITY = "neutrino.identity";

  /** Project id of the caller as known to the pipeline (header or noauth's fake_project_id). */
  public static final String PROJECT_ID = "neutrino.project_id";

  /** Boolean.TRUE when the pipeline elevated the context (noauth without a project). */
  public static final String IS_ADMIN = "neutrino.is_admin";

  /**
   * {@code scheme://host[:port][forwarded-prefix]} without trailing slash: webob's
   * {@code host_url} plus the proxy's {@code X-Forwarded-Prefix}, after http_proxy_to_wsgi
   * applied the proxy headers (when enabled). Default ports (80/443) are omitted as webob does.
   * Does not include {@link #SCRIPT_NAME}.
   */
  public static final String BASE_URL = "neutrino.base_url";

  /** Client address, or the proxy's X-Forwarded-For / Forwarded for= when enabled. */
  public static final String REMOTE_ADDR = "neutrino.remote_addr";

  /**
   * The urlmap prefix that selected the current application ("" for {@code /},
   * {@code "/v2.0"} for the API). The request path is NOT stripped of it.
   */
  public static final String SCRIPT_NAME = "neutrino.script_name";

  public static String requestId(Request request) {
    Object v = request.getAttribute(REQUEST_ID);
    return v == null ? null : v.toString();
  }

  /** {@link #BASE_URL} if a filter set it, else computed from the request as webob would. */
  public static String baseUrl(Request request) {
    Object v = request.getAttribute(BASE_URL);
    if (v != null) {
      return v.toString();
    }
    HttpURI uri = request.getHttpURI();
    String scheme = uri.getScheme() == null ? (request.isSecure() ? "https" : "http") : uri.getScheme();
    String host = request.getHeaders().get(HttpHeader.HOST);
    if (host == null || host.isBlank()) {
      host = Request.getServerName(request) + ":" + Request.getServerPort(request);
    }
    return hostUrl(scheme, host);
  }

  /** webob's host_url: scheme + host, dropping the port when it is the scheme's default. */
  static String hostUrl(String scheme, String hostHeader) {
    String host = hostHeader.strip();
    String port = null;
    int c = host.lastIndexOf(':');
    if (c >= 0 && !host.endsWith("]") && host.indexOf(']') < c) {
      port = host.substring(c + 1);
      host = host.substring(0, c);
    }
    if ("https".equals(scheme) && "443".equals(port)) {
      port = null;
    } else if ("http".equals(scheme) && "80".equals(port)) {
      port = null;
    }
    return scheme + "://" + host + (port == null || port.isEmpty() ? "" : ":" + port);
  }

  /** webob's application_url: {@link #baseUrl} + {@link #SCRIPT_NAME}. */
  public static String applicationUrl(Request request) {
    Object sn = request.getAttribute(SCRIPT_NAME);
    return baseUrl(request) + (sn == null ? "" : sn.toString());
  }
}
