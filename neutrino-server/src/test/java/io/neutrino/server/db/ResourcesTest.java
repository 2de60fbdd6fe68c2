package io.neutrino.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResourcesTest {
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  @Test
  void timestampsAreWrittenAsTheIsoPatternWritesThem() {
    Random random = new Random(11);
    for (int i = 0; i < 10_000; i++) {
      // From year 1 to 12000: the fast path covers 1000-9999, the pattern the rest.
      Instant t = Instant.ofEpochSecond(-62_135_596_800L + (long) (random.nextDouble() * 440_000_000_000L));
      assertThat(Resources.iso(t)).isEqualTo(ISO.format(t));
    }
    assertThat(Resources.iso(Instant.parse("2026-01-02T03:04:05Z"))).isEqualTo("2026-01-02T03:04:05Z");
    assertThat(Resources.iso(Instant.parse("1999-12-31T23:59:59Z"))).isEqualTo("1999-12-31T23:59:59Z");
  }
}
