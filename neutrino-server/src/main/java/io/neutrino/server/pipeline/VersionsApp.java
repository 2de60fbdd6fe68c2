package io.neutrino.server.pipeline;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code neutron.pecan_wsgi.app:versions_factory}: pecan's RootController.
 *
 * <ul>
 *   <li>{@code GET /} (and every method pecan routes to the generic index: GET, OPTIONS, ...)
 *       answers 200 {@code application/json}
 *       {@code {"versions": [{"id": "v2.0", "status": "CURRENT", "links": [{"rel": "self",
 *       "href": "<application_url>/v2.0/"}]}]}}. The application URL is
 *       {@link RequestAttributes#applicationUrl} (proxy headers applied by http_proxy_to_wsgi),
 *       rewritten by {@code [DEFAULT] network_link_prefix} when set, as Neutron's
 *       {@code api_common.prepare_url} does.
 *   <li>HEAD, POST, PUT, PATCH, DELETE on {@code /} answer 405 (no Allow header, as pecan).
 *   <li>Any other path answers pecan's 404: JSON {@code {"code": 404, "title": "Not Found",
 *       "description": null}} when the client asks for JSON, else webob's HTML/plain page.
 *   <li>A client whose Accept excludes application/json gets pecan's 406.
 * </ul>
 *
 * The path is taken relative to {@link RequestAttributes#SCRIPT_NAME} (the urlmap prefix).
 */
public final class VersionsApp extends Handler.Abstract {
  public static final AppFactory FACTORY =
      (conf, ctx) -> new VersionsApp(ctx.get("DEFAULT", "network_link_prefix").orElse(null));

  private static final List<String> NOT_SUPPORTED = List.of("HEAD", "POST", "PATCH", "PUT", "DELETE");

  private final String networkLinkPrefix;

  public VersionsApp(String networkLinkPrefix) {
    this.networkLinkPrefix = networkLinkPrefix == null || networkLinkPrefix.isBlank() ? null : networkLinkPrefix;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = request.getHttpURI().getPath();
    Object sn = request.getAttribute(RequestAttributes.SCRIPT_NAME);
    String script = sn == null ? "" : sn.toString();
    String rel = path != null && path.startsWith(script) ? path.substring(script.length()) : path;
    if (rel == null || !(rel.isEmpty() || rel.equals("/") || rel.equals("/index"))) {
      Http.notFound(request, response, callback, true);
      return true;
    }
    if (NOT_SUPPORTED.contains(request.getMethod())) {
      Http.methodNotAllowed(request, response, callback, null);
      return true;
    }
    String accept = request.getHeaders().get(HttpHeader.ACCEPT);
    if (accept != null
        && !accept.isBlank()
        && !accept.strip().equals("*/*")
        && Accept.best(accept, List.of("application/json")) == null
        && !accept.startsWith("application/json")) {
      Http.pecanError(request, response, callback, 406, "Not Acceptable",
          "The resource could not be generated that was acceptable to your browser\n(content of type "
              + accept + ". <br /><br />\n");
      return true;
    }
    Http.writeJson(response, callback, 200, document(request));
    return true;
  }

  Map<String, Object> document(Request request) {
    String base = prepareUrl(RequestAttributes.applicationUrl(request));
    Map<String, Object> link = new LinkedHashMap<>();
    link.put("rel", "self");
    link.put("href", join(base, "v2.0") + "/");
    Map<String, Object> version = new LinkedHashMap<>();
    version.put("id", "v2.0");
    version.put("status", "CURRENT");
    version.put("links", List.of(link));
    return Map.of("versions", List.of(version));
  }

  /** os.path.join(base, part): adds a slash unless base already ends with one. */
  private static String join(String base, String part) {
    return base.endsWith("/") ? base + part : base + "/" + part;
  }

  /** neutron.api.api_common.prepare_url. */
  String prepareUrl(String origUrl) {
    if (networkLinkPrefix == null) {
      return origUrl;
    }
    URI url = URI.create(origUrl);
    URI prefix = URI.create(networkLinkPrefix);
    String scheme = prefix.getScheme() == null ? "" : prefix.getScheme();
    String netloc = prefix.getRawAuthority() == null ? "" : prefix.getRawAuthority();
    String ppath = prefix.getRawPath() == null ? "" : prefix.getRawPath();
    String upath = url.getRawPath() == null ? "" : url.getRawPath();
    StringBuilder sb = new StringBuilder();
    if (!scheme.isEmpty()) {
      sb.append(scheme).append(':');
    }
    if (!netloc.isEmpty()) {
      sb.append("//").append(netloc);
    }
    sb.append(ppath).append(upath);
    if (url.getRawQuery() != null) {
      sb.append('?').append(url.getRawQuery());
    }
    String s = sb.toString();
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '/') {
      end--;
    }
    return s.substring(0, end);
  }
}
