package io.neutrino.server.pipeline;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Base of the pipeline's middlewares. A request the wrapped handler does not handle (returns
 * false, or no handler) is answered here with webob's 404, so that it passes back through the
 * outer filters as it would in paste (where every app answers).
 */
abstract class PipelineFilter extends Handler.Wrapper {

  /** Calls the next handler; answers 404 through {@code response} when it declines. */
  protected final boolean next(Request request, Response response, Callback callback) throws Exception {
    Handler next = getHandler();
    if (next != null && next.handle(request, response, callback)) {
      return true;
    }
    Http.notFound(request, response, callback, false);
    return true;
  }
}
