package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

/** Shared set-up for the L3 tests. */
final class RoutersTestHelper {
  private RoutersTestHelper() {}

  /** An external network (admin) with one IPv4 subnet. */
  static String external(TestServer s, String cidr) {
    var n = s.post("/v2.0/networks", Map.of("network", Map.of("name", "public", "router:external", true)));
    assertThat(n.status()).as(n.raw().body()).isEqualTo(201);
    String id = (String) n.member("network").get("id");
    var sub = s.post("/v2.0/subnets", Map.of("subnet", Map.of("network_id", id, "cidr", cidr, "ip_version", 4)));
    assertThat(sub.status()).as(sub.raw().body()).isEqualTo(201);
    return id;
  }
}
