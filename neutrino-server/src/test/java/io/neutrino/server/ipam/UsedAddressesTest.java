package io.neutrino.server.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UsedAddressesTest {
  @Test
  void canonicalDottedQuadsReadAsTheGeneralParserReadsThem() {
    SplittableRandom random = new SplittableRandom(3);
    List<String> samples = new ArrayList<>(List.of("0.0.0.0", "255.255.255.255", "10.0.0.1",
        "192.168.100.200", "1.22.133.4"));
    for (int i = 0; i < 2000; i++) {
      samples.add(IpAddresses.formatValue(4, BigInteger.valueOf(random.nextLong(1L << 32))));
    }
    for (String s : samples) {
      assertThat(UsedAddresses.dottedQuad(s)).as(s).isEqualTo(IpAddresses.parse(s).getValue().longValue());
    }
  }

  @Test
  void anythingElseIsLeftToTheGeneralParser() {
    for (String s : List.of("", "1.2.3", "1.2.3.4.5", "1.2.3.", ".1.2.3", "1..2.3", "01.2.3.4",
        "1.2.3.00", "256.1.1.1", "1.2.3.1000", "1.2.3.4 ", " 1.2.3.4", "a.b.c.d", "::1", "1.2.3.-4",
        "::ffff:1.2.3.4")) {
      assertThat(UsedAddresses.dottedQuad(s)).as("'%s'", s).isEqualTo(-1);
    }
  }

  @Test
  void indexesBothVersionsAndRefusesWhatIsNoAddress() {
    UsedAddresses used = UsedAddresses.of(List.of("10.0.0.9", "10.0.0.2", "10.0.0.9", "2001:db8::1",
        " 10.0.0.3"));
    assertThat(used.size()).isEqualTo(4);
    assertThat(used.contains("10.0.0.3")).isTrue();
    assertThat(used.contains("2001:db8:0::1")).isTrue();
    assertThat(used.countIn(new IpRange("10.0.0.2", "10.0.0.9"))).isEqualTo(3);
    assertThatThrownBy(() -> UsedAddresses.of(List.of("256.1.1.1")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
