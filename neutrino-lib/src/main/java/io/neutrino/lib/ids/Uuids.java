package io.neutrino.lib.ids;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random (version 4) UUIDs, as {@link UUID#randomUUID()} makes them but without its one shared
 * generator: every id of every request drew from a single {@code SecureRandom} whose lock was,
 * under 16 concurrent port creates, the most contended monitor of the server. Each thread here
 * has its own {@code SecureRandom}, seeded once from the system's, so ids stay unpredictable.
 */
public final class Uuids {
  private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);

  private Uuids() {}

  public static UUID random() {
    byte[] b = new byte[16];
    RANDOM.get().nextBytes(b);
    b[6] = (byte) ((b[6] & 0x0f) | 0x40); // version 4
    b[8] = (byte) ((b[8] & 0x3f) | 0x80); // IETF variant
    long msb = 0;
    long lsb = 0;
    for (int i = 0; i < 8; i++) {
      msb = (msb << 8) | (b[i] & 0xff);
      lsb = (lsb << 8) | (b[i + 8] & 0xff);
    }
    return new UUID(msb, lsb);
  }

  /** {@link #random()} as its canonical text, the form resource ids take. */
  public static String randomString() {
    return random().toString();
  }
}
