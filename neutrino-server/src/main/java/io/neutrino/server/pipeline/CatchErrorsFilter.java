package io.neutrino.server.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code oslo_middleware:CatchErrors.factory}: any exception escaping the rest of the pipeline,
 * thrown by {@code handle} or reported through {@code callback.failed}, becomes a 500 before
 * anything was sent, logged at ERROR with the request id and the request line (never the
 * headers, so no tokens).
 *
 * <p>Deliberate difference: oslo answers a bare webob HTTPInternalServerError; Neutrino answers
 * the body Neutron's API layer gives an unexpected error
 * ({@code api_common.convert_exception_to_http_exc}), {@code {"NeutronError": {"type":
 * "HTTPInternalServerError", "message": "Request Failed: internal server error while processing
 * your request.", "detail": ""}}}, because in Neutrino this filter is also the API's last line
 * of defence. When the response was already committed the failure is passed on to Jetty.
 */
public final class CatchErrorsFilter extends PipelineFilter {
  private static final Logger LOG = LoggerFactory.getLogger(CatchErrorsFilter.class);

  public static final String MESSAGE =
      "Request Failed: internal server error while processing your request.";

  public static final FilterFactory FACTORY = (conf, ctx) -> new CatchErrorsFilter();

  static Map<String, Object> body() {
    Map<String, Object> err = new LinkedHashMap<>();
    err.put("type", "HTTPInternalServerError");
    err.put("message", MESSAGE);
    err.put("detail", "");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("NeutronError", err);
    return m;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    AtomicBoolean done = new AtomicBoolean();
    Callback guarded =
        new Callback.Nested(callback) {
          @Override
          public void succeeded() {
            if (done.compareAndSet(false, true)) {
              super.succeeded();
            }
          }

          @Override
          public void failed(Throwable x) {
            if (done.compareAndSet(false, true)) {
              if (!fail(request, response, callback, x)) {
                super.failed(x);
              }
            }
          }
        };
    try {
      return next(request, response, guarded);
    } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
      if (done.compareAndSet(false, true) && fail(request, response, callback, e)) {
        return true;
      }
      throw e;
    }
  }

  /** Writes the 500; false when it is too late (already committed). */
  private static boolean fail(Request request, Response response, Callback callback, Throwable x) {
    LOG.error(
        "[{}] An error occurred during processing the request: {} {}",
        RequestAttributes.requestId(request),
        request.getMethod(),
        request.getHttpURI().getPathQuery(),
        x);
    if (response.isCommitted()) {
      return false;
    }
    try {
      response.reset();
    } catch (IllegalStateException ignored) {
      // nothing buffered
    }
    Http.writeJson(response, callback, 500, body());
    return true;
  }
}
