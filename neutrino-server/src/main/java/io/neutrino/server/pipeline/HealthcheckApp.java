package io.neutrino.server.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code oslo_middleware:Healthcheck.app_factory}: answers every request routed to it (as an
 * app it ignores {@code path}). Options from local_conf, then neutron.conf {@code [healthcheck]}:
 * {@code backends} (list; {@code disable_by_file}, {@code disable_by_files_ports}),
 * {@code disable_by_file_path}, {@code disable_by_file_paths} ({@code port:path} list),
 * {@code detailed} (accepted, but the detailed page — interpreter/thread dumps — is not
 * produced: a warning is logged and the plain form is used).
 *
 * <p>Answers: healthy 200 (HEAD: 204), unhealthy 503; body by Accept as oslo (text/plain
 * default: the reasons, e.g. {@code OK} or {@code DISABLED BY FILE}; text/html table;
 * application/json {@code {"detailed": false, "reasons": [...]}} pretty-printed); HEAD has no
 * body. No backend: healthy with an empty body. No authentication is involved.
 */
public final class HealthcheckApp extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(HealthcheckApp.class);

  /** One backend's verdict (oslo's HealthcheckResult). */
  record Result(boolean available, String reason) {}

  interface Backend {
    Result check(int serverPort);
  }

  public static final AppFactory FACTORY = HealthcheckApp::create;

  private final List<Backend> backends;

  HealthcheckApp(List<Backend> backends) {
    this.backends = List.copyOf(backends);
  }

  static HealthcheckApp create(Map<String, String> conf, PipelineContext ctx) {
    Opt o = new Opt(conf, ctx, "healthcheck");
    if (o.bool("detailed", false)) {
      LOG.warn("healthcheck: detailed = true is not supported by Neutrino; answering the non-detailed form");
    }
    List<Backend> backends = new ArrayList<>();
    for (String name : o.list("backends", List.of())) {
      switch (name) {
        case "disable_by_file" -> {
          String path = o.string("disable_by_file_path", null);
          backends.add(port -> {
            if (path == null || path.isEmpty()) {
              LOG.warn("DisableByFile healthcheck middleware enabled without disable_by_file_path set");
              return new Result(true, "OK");
            }
            return Files.exists(Path.of(path)) ? new Result(false, "DISABLED BY FILE") : new Result(true, "OK");
          });
        }
        case "disable_by_files_ports" -> {
          Map<Integer, String> files = new TreeMap<>();
          for (String pp : o.list("disable_by_file_paths", List.of())) {
            int c = pp.indexOf(':');
            if (c <= 0) {
              throw new PipelineException("healthcheck: disable_by_file_paths entry '" + pp + "' is not port:path");
            }
            try {
              files.put(Integer.parseInt(pp.substring(0, c).strip()), pp.substring(c + 1));
            } catch (NumberFormatException e) {
              throw new PipelineException("healthcheck: disable_by_file_paths entry '" + pp + "' has a bad port");
            }
          }
          backends.add(port -> {
            String path = files.get(port);
            if (path == null) {
              LOG.warn("DisableByFilesPorts healthcheck middleware enabled without disable_by_file_paths set for port {}", port);
              return new Result(true, "OK");
            }
            return Files.exists(Path.of(path)) ? new Result(false, "DISABLED BY FILE") : new Result(true, "OK");
          });
        }
        default -> throw new PipelineException("healthcheck: unknown backend '" + name
            + "' (supported: disable_by_file, disable_by_files_ports)");
      }
    }
    return new HealthcheckApp(backends);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int port = Request.getLocalPort(request);
    List<Result> results = new ArrayList<>();
    for (Backend b : backends) {
      results.add(b.check(port));
    }
    boolean healthy = results.stream().allMatch(Result::available);
    if ("HEAD".equals(request.getMethod())) {
      Http.write(response, callback, healthy ? 204 : 503, "text/plain; charset=UTF-8", "");
      return true;
    }
    int status = healthy ? 200 : 503;
    String accept = request.getHeaders().get(HttpHeader.ACCEPT);
    String type = Accept.best(accept, List.of("text/plain", "text/html", "application/json"));
    if (type == null) {
      type = "text/plain";
    }
    List<String> reasons = new ArrayList<>();
    for (Result r : results) {
      reasons.add(r.reason());
    }
    switch (type) {
      case "application/json" -> {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("detailed", false);
        body.put("reasons", reasons);
        Http.write(response, callback, status, "application/json", prettyJson(body));
      }
      case "text/html" -> Http.write(response, callback, status, "text/html; charset=UTF-8", html(reasons));
      default -> {
        StringBuilder sb = new StringBuilder();
        for (String r : reasons) {
          if (r != null && !r.isEmpty()) {
            sb.append(r).append('\n');
          }
        }
        Http.write(response, callback, status, "text/plain; charset=UTF-8", sb.toString().strip());
      }
    }
    return true;
  }

  /** json.dumps(body, indent=4, sort_keys=True) for the non-detailed body. */
  static String prettyJson(Map<String, Object> body) {
    StringBuilder sb = new StringBuilder("{\n    \"detailed\": false,\n    \"reasons\": [");
    @SuppressWarnings("unchecked")
    List<String> reasons = (List<String>) body.get("reasons");
    if (reasons.isEmpty()) {
      sb.append("]");
    } else {
      for (int i = 0; i < reasons.size(); i++) {
        sb.append(i == 0 ? "\n" : ",\n").append("        ").append(PyJson.dumps(reasons.get(i)));
      }
      sb.append("\n    ]");
    }
    return sb.append("\n}").toString();
  }

  static String html(List<String> reasons) {
    StringBuilder sb = new StringBuilder();
    sb.append("<HTML>\n<HEAD><TITLE>Healthcheck Status</TITLE></HEAD>\n<BODY>\n\n")
        .append("<H2>Result of ").append(reasons.size()).append(" checks:</H2>\n")
        .append("<TABLE bgcolor=\"#ffffff\" border=\"1\">\n<TBODY>\n<TR>\n\n<TH>\nReason\n</TH>\n</TR>\n");
    for (String r : reasons) {
      if (r != null && !r.isEmpty()) {
        sb.append("<TR>\n    <TD>").append(escape(r)).append("</TD>\n\n</TR>");
      }
    }
    sb.append("\n</TBODY>\n</TABLE>\n<HR></HR>\n\n</BODY>\n</HTML>");
    return sb.toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&#34;").replace("'", "&#39;");
  }
}
