package io.neutrino.server.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code oslo_middleware.http_proxy_to_wsgi:HTTPProxyToWSGI.factory}.
 *
 * <p>When {@code [oslo_middleware] enable_proxy_headers_parsing} (or the same key in the
 * filter's local_conf) is true, proxy headers override what the request says, as oslo does:
 * an RFC 7239 {@code Forwarded} header (first element: {@code proto}, {@code host}, {@code for})
 * wins; otherwise {@code X-Forwarded-Proto}, {@code X-Forwarded-Host}, {@code X-Forwarded-For}.
 * {@code X-Forwarded-Prefix} is prepended to the base URL. When disabled (the default) all of
 * them are ignored.
 *
 * <p>The effective values are always published: {@link RequestAttributes#BASE_URL}
 * ({@code scheme://host[:port][prefix]}) and {@link RequestAttributes#REMOTE_ADDR}; the request
 * handed on also reports the forwarded scheme and host from {@code getHttpURI()} and
 * {@code isSecure()}.
 */
public final class HttpProxyToWsgiFilter extends PipelineFilter {
  public static final FilterFactory FACTORY =
      (conf, ctx) -> new HttpProxyToWsgiFilter(new Opt(conf, ctx, "oslo_middleware").bool("enable_proxy_headers_parsing", false));

  private final boolean enabled;

  public HttpProxyToWsgiFilter(boolean enabled) {
    this.enabled = enabled;
  }

  public boolean enabled() {
    return enabled;
  }

  static List<Map<String, String>> parseRfc7239(String header) {
    List<Map<String, String>> result = new ArrayList<>();
    for (String proxy : header.split(",")) {
      Map<String, String> entry = new LinkedHashMap<>();
      for (String d : proxy.split(";")) {
        int eq = d.indexOf('=');
        String key = eq < 0 ? d : d.substring(0, eq);
        String value = eq < 0 ? "" : d.substring(eq + 1);
        entry.put(key.toLowerCase(Locale.ROOT).strip(), value.strip());
      }
      result.add(entry);
    }
    return result;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    HttpURI uri = request.getHttpURI();
    String scheme = uri.getScheme() == null ? (request.isSecure() ? "https" : "http") : uri.getScheme();
    String host = request.getHeaders().get(HttpHeader.HOST);
    if (host == null || host.isBlank()) {
      host = Request.getServerName(request) + ":" + Request.getServerPort(request);
    }
    String remote = Request.getRemoteAddr(request);
    String prefix = "";
    boolean changed = false;
    if (enabled) {
      String fwd = request.getHeaders().get(HttpHeader.FORWARDED);
      String proto = null;
      String fhost = null;
      String ffor = null;
      if (fwd != null && !fwd.isEmpty()) {
        List<Map<String, String>> proxies = parseRfc7239(fwd);
        if (!proxies.isEmpty()) {
          Map<String, String> p = proxies.get(0);
          proto = p.get("proto");
          fhost = p.get("host");
          ffor = p.get("for");
        }
      } else {
        proto = request.getHeaders().get(HttpHeader.X_FORWARDED_PROTO);
        fhost = request.getHeaders().get(HttpHeader.X_FORWARDED_HOST);
        ffor = request.getHeaders().get(HttpHeader.X_FORWARDED_FOR);
      }
      if (proto != null && !proto.isEmpty()) {
        scheme = proto;
        changed = true;
      }
      if (fhost != null && !fhost.isEmpty()) {
        host = fhost;
        changed = true;
      }
      if (ffor != null && !ffor.isEmpty()) {
        remote = ffor;
      }
      String p = request.getHeaders().get("X-Forwarded-Prefix");
      if (p != null && !p.isEmpty()) {
        prefix = p;
      }
    }
    request.setAttribute(RequestAttributes.BASE_URL, RequestAttributes.hostUrl(scheme, host) + prefix);
    request.setAttribute(RequestAttributes.REMOTE_ADDR, remote);
    Request effective = request;
    if (changed) {
      effective = forwarded(request, scheme, host);
    }
    return next(effective, response, callback);
  }

  private static Request forwarded(Request request, String scheme, String hostHeader) {
    HttpURI.Mutable b = HttpURI.build(request.getHttpURI()).scheme(scheme);
    String h = hostHeader.strip();
    int c = h.lastIndexOf(':');
    if (c >= 0 && !h.endsWith("]") && h.indexOf(']') < c) {
      b.host(h.substring(0, c));
      try {
        b.port(Integer.parseInt(h.substring(c + 1)));
      } catch (NumberFormatException e) {
        b.port(-1);
      }
    } else {
      b.host(h);
      b.port(-1);
    }
    HttpURI newUri = b.asImmutable();
    boolean secure = "https".equalsIgnoreCase(scheme);
    return new Request.Wrapper(request) {
      @Override
      public HttpURI getHttpURI() {
        return newUri;
      }

      @Override
      public boolean isSecure() {
        return secure;
      }
    };
  }
}
