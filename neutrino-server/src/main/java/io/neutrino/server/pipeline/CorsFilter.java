package io.neutrino.server.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code oslo_middleware.cors:filter_factory} with Neutron's defaults
 * ({@code neutron.common.config.set_cors_middleware_defaults}). Options come from the filter's
 * local_conf first, then neutron.conf {@code [cors]}: {@code allowed_origin} (list),
 * {@code allow_credentials} (default true), {@code expose_headers}, {@code max_age} (3600),
 * {@code allow_methods}, {@code allow_headers}. Deprecated {@code [cors.NAME]} sections are not
 * read.
 *
 * <p>Like oslo, the application always sees the request first; the response is then decorated:
 *
 * <ul>
 *   <li>if the application already set {@code Access-Control-Allow-Origin}, nothing is done;
 *   <li>{@code OPTIONS} (preflight): a non-2xx answer from the application is replaced by an
 *       empty 200 — even when no origin is configured or the preflight is refused, as oslo does;
 *       then, for an allowed origin, method and headers, {@code Vary}, {@code
 *       Access-Control-Allow-Origin/-Credentials/-Max-Age/-Allow-Methods/-Allow-Headers} are set;
 *   <li>other methods from an allowed Origin: {@code Vary: Origin} (appended),
 *       {@code Access-Control-Allow-Origin}, {@code -Allow-Credentials}, {@code -Expose-Headers}.
 * </ul>
 */
public final class CorsFilter extends PipelineFilter {
  private static final Logger LOG = LoggerFactory.getLogger(CorsFilter.class);

  static final List<String> DEFAULT_ALLOW_HEADERS =
      List.of("X-Auth-Token", "X-Identity-Status", "X-Roles", "X-Service-Catalog", "X-User-Id",
          "X-Tenant-Id", "X-OpenStack-Request-ID");
  static final List<String> DEFAULT_EXPOSE_HEADERS =
      List.of("X-Auth-Token", "X-Subject-Token", "X-Service-Token", "X-OpenStack-Request-ID",
          "OpenStack-Volume-microversion");
  static final List<String> DEFAULT_ALLOW_METHODS = List.of("GET", "PUT", "POST", "DELETE", "PATCH");
  static final List<String> SIMPLE_HEADERS =
      List.of("Accept", "Accept-Language", "Content-Type", "Cache-Control", "Content-Language",
          "Expires", "Last-Modified", "Pragma");

  /** Per-origin settings (oslo keeps one per allowed origin; Neutrino has only [cors]). */
  record OriginConfig(
      boolean allowCredentials,
      List<String> exposeHeaders,
      int maxAge,
      List<String> allowMethods,
      List<String> allowHeaders) {}

  public static final FilterFactory FACTORY =
      (conf, ctx) -> {
        if (!conf.containsKey("allowed_origin") && !conf.containsKey("oslo_config_project")) {
          throw new PipelineException("cors filter: allowed_origin or oslo_config_project is required");
        }
        return new CorsFilter(conf, ctx);
      };

  private final Map<String, OriginConfig> allowedOrigins = new LinkedHashMap<>();

  public CorsFilter(Map<String, String> conf, PipelineContext ctx) {
    Opt o = new Opt(conf, ctx, "cors");
    List<String> origins = o.list("allowed_origin", List.of());
    OriginConfig cfg =
        new OriginConfig(
            o.bool("allow_credentials", true),
            o.list("expose_headers", DEFAULT_EXPOSE_HEADERS),
            o.integer("max_age", 3600),
            o.list("allow_methods", DEFAULT_ALLOW_METHODS),
            o.list("allow_headers", DEFAULT_ALLOW_HEADERS));
    for (String origin : origins) {
      if (allowedOrigins.containsKey(origin)) {
        LOG.warn("Allowed origin [{}] already exists, skipping", origin);
        continue;
      }
      allowedOrigins.put(origin, cfg);
    }
  }

  Map<String, OriginConfig> allowedOrigins() {
    return allowedOrigins;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    DecoratingResponse decorated = new DecoratingResponse(request, response, r -> decorate(request, r));
    return next(request, decorated, decorated.wrap(callback));
  }

  private void decorate(Request request, DecoratingResponse response) {
    if (response.getHeaders().contains(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN)) {
      return;
    }
    if ("OPTIONS".equals(request.getMethod())) {
      preflight(request, response);
    } else {
      simple(request, response);
    }
  }

  private Map.Entry<String, OriginConfig> originConfig(String origin) {
    OriginConfig c = allowedOrigins.get(origin);
    if (c != null) {
      return Map.entry(origin, c);
    }
    c = allowedOrigins.get("*");
    if (c != null) {
      return Map.entry("*", c);
    }
    LOG.debug("CORS request from origin '{}' not permitted.", origin);
    return null;
  }

  private static List<String> splitHeaderValues(Request request, String name) {
    List<String> values = new ArrayList<>();
    String v = request.getHeaders().get(name);
    if (v != null) {
      for (String s : v.split(",")) {
        String t = s.strip();
        if (!t.isEmpty()) {
          values.add(t);
        }
      }
    }
    return values;
  }

  private void preflight(Request request, DecoratingResponse response) {
    int status = response.getStatus();
    if (status < 200 || status >= 300) {
      // oslo: a new empty 200 response replaces the application's answer
      response.getHeaders().clear();
      response.setStatus(200);
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, "0");
      response.discardBody();
    }
    String originHeader = request.getHeaders().get(HttpHeader.ORIGIN);
    if (originHeader == null) {
      return;
    }
    Map.Entry<String, OriginConfig> oc = originConfig(originHeader);
    if (oc == null) {
      return;
    }
    String method = request.getHeaders().get(HttpHeader.ACCESS_CONTROL_REQUEST_METHOD);
    if (method == null) {
      LOG.debug("CORS request does not contain Access-Control-Request-Method header.");
      return;
    }
    List<String> requestHeaders = splitHeaderValues(request, "Access-Control-Request-Headers");
    OriginConfig cfg = oc.getValue();
    if (!cfg.allowMethods().contains(method)) {
      LOG.debug("Request method '{}' not in permitted list: {}", method, cfg.allowMethods());
      return;
    }
    List<String> permitted = new ArrayList<>();
    for (String h : cfg.allowHeaders()) {
      permitted.add(h.toUpperCase(Locale.ROOT));
    }
    for (String h : SIMPLE_HEADERS) {
      permitted.add(h.toUpperCase(Locale.ROOT));
    }
    for (String h : requestHeaders) {
      if (!permitted.contains(h.toUpperCase(Locale.ROOT))) {
        LOG.debug("Request header '{}' not in permitted list: {}", h, permitted);
        return;
      }
    }
    response.getHeaders().put(HttpHeader.VARY, "Origin");
    response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, oc.getKey());
    if (cfg.allowCredentials()) {
      response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
    }
    if (cfg.maxAge() != 0) {
      response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, Integer.toString(cfg.maxAge()));
    }
    response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, method);
    if (!requestHeaders.isEmpty()) {
      response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, String.join(",", requestHeaders));
    }
  }

  private void simple(Request request, DecoratingResponse response) {
    String originHeader = request.getHeaders().get(HttpHeader.ORIGIN);
    if (originHeader == null) {
      return;
    }
    Map.Entry<String, OriginConfig> oc = originConfig(originHeader);
    if (oc == null) {
      return;
    }
    String vary = response.getHeaders().get(HttpHeader.VARY);
    response.getHeaders().put(HttpHeader.VARY, vary == null ? "Origin" : vary + ",Origin");
    response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, oc.getKey());
    OriginConfig cfg = oc.getValue();
    if (cfg.allowCredentials()) {
      response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
    }
    if (!cfg.exposeHeaders().isEmpty()) {
      response.getHeaders().put(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, String.join(",", cfg.exposeHeaders()));
    }
  }
}
