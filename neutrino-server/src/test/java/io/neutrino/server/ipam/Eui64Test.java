package io.neutrino.server.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neutrino.lib.fault.NeutronException;
import org.junit.jupiter.api.Test;

class Eui64Test {

  @Test
  void slaacAddressFromPrefixAndMac() {
    // oslo.utils test_get_ipv6_addr_by_EUI64
    assertThat(Eui64.address("2001:db8::", "00:16:3e:33:44:55"))
        .isEqualTo("2001:db8::216:3eff:fe33:4455");
    assertThat(Eui64.address("2001:db8::/64", "00-16-3E-33-44-55"))
        .isEqualTo("2001:db8::216:3eff:fe33:4455");
    assertThat(Eui64.address("fe80::/64", "fa:16:3e:00:00:01"))
        .isEqualTo("fe80::f816:3eff:fe00:1");
    assertThat(Eui64.address("2001:db8:1:2::/64", "0016.3e33.4455"))
        .isEqualTo("2001:db8:1:2:216:3eff:fe33:4455");
    assertThat(Eui64.isEui64Address("2001:db8::216:3eff:fe33:4455")).isTrue();
    assertThat(Eui64.isEui64Address("2001:db8::1")).isFalse();
    assertThat(Eui64.isEui64Address("10.0.0.1")).isFalse();
  }

  @Test
  void rejectsIpv4PrefixAndBadMac() {
    assertThatThrownBy(() -> Eui64.address("10.0.0.0/24", "00:16:3e:33:44:55"))
        .isInstanceOf(NeutronException.class)
        .hasMessageContaining("Unable to generate IP address by EUI64 for IPv4 prefix")
        .extracting(e -> ((NeutronException) e).status()).isEqualTo(400);
    assertThatThrownBy(() -> Eui64.address("2001:db8::/64", "00:16:3e:33:44"))
        .isInstanceOf(NeutronException.class)
        .hasMessageContaining("Bad prefix or mac format for generating IPv6 address by EUI-64");
    assertThatThrownBy(() -> Eui64.address("2001:db8::/64", "zz:16:3e:33:44:55"))
        .isInstanceOf(NeutronException.class);
    assertThatThrownBy(() -> Eui64.address("bogus", "00:16:3e:33:44:55"))
        .isInstanceOf(NeutronException.class);
  }
}
