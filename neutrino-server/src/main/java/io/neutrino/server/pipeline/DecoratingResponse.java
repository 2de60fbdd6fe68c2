package io.neutrino.server.pipeline;

import java.nio.ByteBuffer;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The Jetty counterpart of a WSGI middleware's {@code process_response}: runs a hook exactly
 * once just before the response is committed, i.e. on the first write through this wrapper or,
 * when the application completes without writing, when its callback succeeds. The hook may
 * change status and headers, and may ask for the application's body to be discarded (CORS
 * replaces a failed preflight answer by an empty 200).
 */
class DecoratingResponse extends Response.Wrapper {

  /** Called once before commit. */
  interface Hook {
    void beforeCommit(DecoratingResponse response);
  }

  private final Hook hook;
  private boolean fired;
  private boolean discardBody;

  DecoratingResponse(Request request, Response wrapped, Hook hook) {
    super(request, wrapped);
    this.hook = hook;
  }

  /** From the hook: drop whatever body the application writes (status/headers are the hook's). */
  void discardBody() {
    this.discardBody = true;
  }

  void fire() {
    if (!fired) {
      fired = true;
      if (!getWrapped().isCommitted()) {
        hook.beforeCommit(this);
      }
    }
  }

  @Override
  public void write(boolean last, ByteBuffer byteBuffer, Callback callback) {
    fire();
    if (discardBody) {
      if (last) {
        super.write(true, org.eclipse.jetty.util.BufferUtil.EMPTY_BUFFER, callback);
      } else {
        callback.succeeded();
      }
      return;
    }
    super.write(last, byteBuffer, callback);
  }

  /** The application's callback, firing the hook if it completes without having written. */
  Callback wrap(Callback callback) {
    return new Callback.Nested(callback) {
      @Override
      public void succeeded() {
        fire();
        super.succeeded();
      }
    };
  }
}
