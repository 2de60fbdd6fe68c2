package io.neutrino.server.pipeline;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code osprofiler.web:WsgiMiddleware.factory}. This is NOT OSProfiler: no trace headers
 * ({@code X-Trace-Info}/{@code X-Trace-HMAC}) are read and nothing is sent to a collector.
 * With {@code [profiler] enabled = true} (or {@code enabled} in local_conf) it logs, at DEBUG on
 * logger {@code io.neutrino.server.pipeline.OsProfilerFilter}, each request's method, path,
 * status and wall time; otherwise (the default) it is a pure pass-through.
 */
public final class OsProfilerFilter extends PipelineFilter {
  private static final Logger LOG = LoggerFactory.getLogger(OsProfilerFilter.class);

  public static final FilterFactory FACTORY =
      (conf, ctx) -> new OsProfilerFilter(new Opt(conf, ctx, "profiler").bool("enabled", false));

  private final boolean enabled;

  public OsProfilerFilter(boolean enabled) {
    this.enabled = enabled;
  }

  public boolean enabled() {
    return enabled;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (!enabled || !LOG.isDebugEnabled()) {
      return next(request, response, callback);
    }
    long start = System.nanoTime();
    Callback timed =
        new Callback.Nested(callback) {
          @Override
          public void succeeded() {
            log(request, response, start, "done");
            super.succeeded();
          }

          @Override
          public void failed(Throwable x) {
            log(request, response, start, "failed: " + x);
            super.failed(x);
          }
        };
    return next(request, response, timed);
  }

  private static void log(Request request, Response response, long start, String outcome) {
    LOG.debug(
        "[{}] {} {} -> {} in {} ms ({})",
        RequestAttributes.requestId(request),
        request.getMethod(),
        request.getHttpURI().getPath(),
        response.getStatus(),
        String.format("%.3f", (System.nanoTime() - start) / 1e6),
        outcome);
  }
}
