package io.neutrino.server.pipeline;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Small response writers shared by the pipeline's filters and apps. */
final class Http {
  private Http() {}

  static void write(Response response, Callback callback, int status, String contentType, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    if (contentType != null) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    } else {
      response.getHeaders().remove(HttpHeader.CONTENT_TYPE);
    }
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, Long.toString(bytes.length));
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }

  static void writeJson(Response response, Callback callback, int status, Object body) {
    write(response, callback, status, "application/json", PyJson.dumps(body));
  }

  /**
   * A webob {@code HTTPException} rendered as webob does: HTML when the client's Accept prefers
   * text/html (also for {@code *}/{@code *}), JSON when it prefers application/json, plain text
   * otherwise.
   *
   * @param bodyTemplate webob's body template already expanded (may contain {@code <br />})
   */
  static void webobError(
      Request request, Response response, Callback callback, int status, String title, String bodyTemplate) {
    String statusLine = status + " " + title;
    String accept = request.getHeaders().get(HttpHeader.ACCEPT);
    String match = Accept.best(accept == null ? "" : accept, List.of("text/html", "application/json"));
    if ("text/html".equals(match)) {
      String html =
          "<html>\n <head>\n  <title>" + statusLine + "</title>\n </head>\n <body>\n  <h1>"
              + statusLine + "</h1>\n  " + bodyTemplate + "\n </body>\n</html>";
      write(response, callback, status, "text/html; charset=UTF-8", html);
    } else if ("application/json".equals(match)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("message", bodyTemplate);
      m.put("code", statusLine);
      m.put("title", title);
      write(response, callback, status, "application/json", PyJson.dumps(m));
    } else {
      write(response, callback, status, "text/plain; charset=UTF-8", statusLine + "\n\n" + stripTags(bodyTemplate));
    }
  }

  /**
   * An HTTP error raised inside a pecan application: pecan answers JSON
   * {@code {"code", "title", "description"}} when the client asks for JSON, otherwise lets webob
   * render it ({@link #webobError}).
   */
  static void pecanError(
      Request request, Response response, Callback callback, int status, String title, String bodyTemplate) {
    String accept = request.getHeaders().get(HttpHeader.ACCEPT);
    String best =
        Accept.best(accept == null || accept.isBlank() ? "*/*" : accept,
            List.of("text/plain", "text/html", "application/json"));
    if ("application/json".equals(best)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("code", status);
      m.put("title", title);
      m.put("description", null);
      write(response, callback, status, "application/json", PyJson.dumps(m));
    } else {
      webobError(request, response, callback, status, title, bodyTemplate);
    }
  }

  static void notFound(Request request, Response response, Callback callback, boolean pecan) {
    String tpl = "The resource could not be found.<br /><br />\n\n\n";
    if (pecan) {
      pecanError(request, response, callback, 404, "Not Found", tpl);
    } else {
      webobError(request, response, callback, 404, "Not Found", tpl);
    }
  }

  static void methodNotAllowed(Request request, Response response, Callback callback, List<String> allow) {
    if (allow != null && !allow.isEmpty()) {
      response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", allow));
    }
    String tpl = "The method " + request.getMethod() + " is not allowed for this resource. <br /><br />\n";
    pecanError(request, response, callback, 405, "Method Not Allowed", tpl);
  }

  /** webob.exc.strip_tags. */
  static String stripTags(String value) {
    String v = value.replace("\n", " ").replace("\r", "");
    v = v.replaceAll("(?is)<br.*?>", "\n");
    v = v.replaceAll("<!--|-->", "");
    v = v.replaceAll("(?s)<.*?>", "");
    return v;
  }
}
