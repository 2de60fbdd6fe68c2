package io.neutrino.server.api;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

/**
 * A response body written as it is produced (a long list, page after page). The first {@link
 * #HELD} bytes are held back: a body that ends within them is sent whole with its Content-Length,
 * and a failure within them can still become an error answer. Past them the response is
 * committed and each block is written as it fills, waiting for the client to take it, so memory
 * stays bounded whatever the size of the body; a failure then can only abort the response.
 */
final class ResponseStream extends OutputStream {
  /**
   * Bodies up to this size are sent whole and with their length. Held blocks live as long as the
   * answer, so every young collection during a long list copies them: at 1 MiB they were, with
   * the pages being decorated, what kept eight concurrent lists of 1,000 ports a quarter of their
   * time in collections.
   */
  static final int HELD = 256 * 1024;
  private static final int BLOCK = 64 * 1024;

  private final Response response;
  private final List<ByteBuffer> held = new ArrayList<>();
  private int heldBytes;
  private byte[] block = new byte[4096];
  private int used;
  private boolean committed;

  ResponseStream(Response response) {
    this.response = response;
  }

  /** Whether bytes have gone out: from then on the status and headers are fixed. */
  boolean committed() {
    return committed;
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    while (len > 0) {
      if (used == block.length) {
        full();
      }
      int n = Math.min(len, block.length - used);
      System.arraycopy(b, off, block, used, n);
      used += n;
      off += n;
      len -= n;
    }
  }

  /**
   * The block is full: hold it while under {@link #HELD}, else send what is held and it. A block
   * sent is written when send returns, so it is filled again rather than a new one made.
   */
  private void full() {
    ByteBuffer filled = ByteBuffer.wrap(block, 0, used);
    used = 0;
    if (!committed && heldBytes + filled.remaining() <= HELD) {
      held.add(filled);
      heldBytes += filled.remaining();
      block = new byte[BLOCK];
      return;
    }
    committed = true;
    for (ByteBuffer b : held) {
      send(b);
    }
    held.clear();
    send(filled);
    if (block.length < BLOCK) {
      block = new byte[BLOCK];
    }
  }

  private void send(ByteBuffer buffer) {
    try (Blocker.Callback sent = Blocker.callback()) {
      response.write(false, buffer, sent);
      sent.block();
    } catch (InterruptedIOException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The end of the body: sends what is left, completing {@code callback}. */
  void finish(Callback callback) {
    ByteBuffer last = ByteBuffer.wrap(block, 0, used);
    if (committed) {
      response.write(true, last, callback);
      return;
    }
    // Never committed: the whole body is here, sent with its length as any other answer.
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, heldBytes + used);
    try {
      for (ByteBuffer b : held) {
        send(b);
      }
    } catch (UncheckedIOException e) {
      callback.failed(e.getCause());
      return;
    }
    response.write(true, last, callback);
  }
}
