package io.neutrino.lib.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidsTest {
  @Test
  void idsAreVersion4WithTheIetfVariantAndDistinct() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      UUID u = Uuids.random();
      assertThat(u.version()).isEqualTo(4);
      assertThat(u.variant()).isEqualTo(2);
      assertThat(UUID.fromString(u.toString())).isEqualTo(u);
      seen.add(u.toString());
    }
    assertThat(seen).hasSize(10_000);
  }

  @Test
  void textIsCanonical() {
    assertThat(Uuids.randomString()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  }
}
