package io.neutrino.server.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code egg:Paste#urlmap}: dispatch by longest matching path prefix. A prefix {@code P}
 * matches a path equal to {@code P} or starting with {@code P + "/"}; {@code /} matches
 * everything. Trailing slashes of the configured prefixes are ignored, as paste does.
 * Host-based entries ({@code domain:...}, {@code http://host/...}) are rejected at build time.
 *
 * <p>Unlike paste, which moves the prefix from PATH_INFO to SCRIPT_NAME, the request path is
 * left untouched: the selected application sees the full path (e.g. {@code /v2.0/networks}) and
 * finds the matched prefix in {@link RequestAttributes#SCRIPT_NAME} (for nested urlmaps, the
 * concatenation of the prefixes; an inner urlmap matches the path below the outer prefix). A path no prefix matches
 * gets webob's 404.
 */
public final class UrlMapHandler extends Handler.AbstractContainer {

  private record Entry(String prefix, Handler app) {}

  private final List<Entry> entries;

  /** @param mapping prefix -> application, in any order */
  public UrlMapHandler(Map<String, Handler> mapping) {
    List<Entry> list = new ArrayList<>();
    for (Map.Entry<String, Handler> e : mapping.entrySet()) {
      list.add(new Entry(normalise(e.getKey()), e.getValue()));
    }
    list.sort(Comparator.comparingInt((Entry e) -> e.prefix.length()).reversed());
    this.entries = List.copyOf(list);
    for (Entry e : entries) {
      addBean(e.app);
    }
  }

  /** paste.urlmap's normalize_url for path-only keys: no trailing slash, "/" becomes "". */
  static String normalise(String prefix) {
    String p = prefix.strip();
    if (p.startsWith("domain:") || p.startsWith("http://") || p.startsWith("https://")) {
      throw new PipelineException("urlmap: host-based mapping '" + prefix + "' is not supported");
    }
    if (!p.startsWith("/")) {
      throw new PipelineException("urlmap: URL prefix '" + prefix + "' must start with /");
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  @Override
  public List<Handler> getHandlers() {
    List<Handler> hs = new ArrayList<>();
    for (Entry e : entries) {
      hs.add(e.app);
    }
    return hs;
  }

  public Map<String, Handler> mapping() {
    Map<String, Handler> m = new LinkedHashMap<>();
    for (Entry e : entries) {
      m.put(e.prefix.isEmpty() ? "/" : e.prefix, e.app);
    }
    return m;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = request.getHttpURI().getPath();
    if (path == null) {
      path = "/";
    }
    // nested urlmaps match below the prefix already selected by an outer one
    Object previous = request.getAttribute(RequestAttributes.SCRIPT_NAME);
    String outer = previous == null ? "" : previous.toString();
    if (!outer.isEmpty() && path.startsWith(outer)) {
      path = path.substring(outer.length());
    }
    for (Entry e : entries) {
      if (e.prefix.isEmpty() || path.equals(e.prefix) || path.startsWith(e.prefix + "/")) {
        request.setAttribute(RequestAttributes.SCRIPT_NAME, outer + e.prefix);
        if (e.app.handle(request, response, callback)) {
          return true;
        }
        if (previous == null) {
          request.removeAttribute(RequestAttributes.SCRIPT_NAME);
        } else {
          request.setAttribute(RequestAttributes.SCRIPT_NAME, previous);
        }
        break;
      }
    }
    Http.notFound(request, response, callback, false);
    return true;
  }
}
