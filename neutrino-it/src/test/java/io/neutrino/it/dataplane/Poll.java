package io.neutrino.it.dataplane;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting for the data plane to converge: a condition checked again and again until a deadline.
 * The deadlines are generous (the machine is small and shared); a test waits only as long as the
 * agents actually take.
 */
final class Poll {
  private static final long PAUSE_MS = 200;

  private Poll() {}

  /** Waits until {@code condition} holds; after {@code limit}, fails with {@code diagnostics}. */
  static void until(String what, Duration limit, BooleanSupplier condition, Supplier<String> diagnostics) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting until " + what
            + "\n" + diagnostics.get());
      }
      pause();
    }
  }

  static void until(String what, Duration limit, BooleanSupplier condition) {
    until(what, limit, condition, () -> "");
  }

  static void pause() {
    try {
      Thread.sleep(PAUSE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
