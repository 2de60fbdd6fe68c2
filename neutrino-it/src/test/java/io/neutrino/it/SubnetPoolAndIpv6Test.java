package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.server.ipam.Eui64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Subnets allocated from a subnetpool, and IPv6 subnets: SLAAC/EUI-64, default gateway, no gateway. */
class SubnetPoolAndIpv6Test {
  static TestServer s;

  @BeforeAll
  static void start() {
    s = TestServer.start();
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  static String network() {
    var r = s.post("/v2.0/networks", Map.of("network", Map.of("name", "n")));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return (String) r.member("network").get("id");
  }

  static Map<String, Object> subnet(Map<String, Object> body) {
    var r = s.post("/v2.0/subnets", Map.of("subnet", body));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return r.member("subnet");
  }

  @Test
  void subnetsFromAPool() {
    var pool = s.post("/v2.0/subnetpools", Map.of("subnetpool",
        Map.of("name", "pool", "prefixes", List.of("10.100.0.0/16"), "default_prefixlen", 24)));
    assertThat(pool.status()).as(pool.raw().body()).isEqualTo(201);
    String poolId = (String) pool.member("subnetpool").get("id");
    assertThat(pool.member("subnetpool").get("ip_version")).isEqualTo(4);
    String net = network();

    var a = subnet(Map.of("network_id", net, "subnetpool_id", poolId, "ip_version", 4));
    var b = subnet(Map.of("network_id", net, "subnetpool_id", poolId, "ip_version", 4));
    for (var sub : List.of(a, b)) {
      assertThat((String) sub.get("cidr")).startsWith("10.100.").endsWith(".0/24");
      assertThat(sub.get("subnetpool_id")).isEqualTo(poolId);
    }
    assertThat(a.get("cidr")).isNotEqualTo(b.get("cidr"));

    var c = subnet(Map.of("network_id", net, "subnetpool_id", poolId, "ip_version", 4, "prefixlen", 26));
    assertThat((String) c.get("cidr")).startsWith("10.100.").endsWith("/26");
    assertThat(List.of(a.get("cidr"), b.get("cidr"))).doesNotContain(c.get("cidr"));

    var del = s.delete("/v2.0/subnetpools/" + poolId);
    assertThat(del.status()).as(del.raw().body()).isEqualTo(409);
    assertThat(del.errorType()).isNotBlank();
    assertThat(s.get("/v2.0/subnetpools/" + poolId).status()).isEqualTo(200);
  }

  @Test
  @SuppressWarnings("unchecked")
  void slaacPortGetsEui64Address() {
    String net = network();
    var sub = subnet(Map.of("network_id", net, "cidr", "2001:db8::/64", "ip_version", 6,
        "ipv6_address_mode", "slaac", "ipv6_ra_mode", "slaac"));
    assertThat(sub.get("ipv6_address_mode")).isEqualTo("slaac");
    assertThat(sub.get("ipv6_ra_mode")).isEqualTo("slaac");
    var port = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", net)));
    assertThat(port.status()).as(port.raw().body()).isEqualTo(201);
    var p = port.member("port");
    var ips = (List<Map<String, Object>>) p.get("fixed_ips");
    assertThat(ips).hasSize(1);
    assertThat(ips.get(0).get("subnet_id")).isEqualTo(sub.get("id"));
    assertThat(ips.get(0).get("ip_address"))
        .isEqualTo(Eui64.address("2001:db8::/64", (String) p.get("mac_address")));
  }

  @Test
  @SuppressWarnings("unchecked")
  void slaacSubnetGivesExistingPortsAnAddress() {
    String net = network();
    var port = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", net)));
    assertThat(port.status()).as(port.raw().body()).isEqualTo(201);
    String portId = (String) port.member("port").get("id");
    String mac = (String) port.member("port").get("mac_address");
    var sub = subnet(Map.of("network_id", net, "cidr", "2001:db8:9::/64", "ip_version", 6,
        "ipv6_address_mode", "slaac", "ipv6_ra_mode", "slaac"));
    var shown = s.get("/v2.0/ports/" + portId).member("port");
    assertThat((List<Map<String, Object>>) shown.get("fixed_ips")).containsExactly(Map.of(
        "subnet_id", sub.get("id"), "ip_address", Eui64.address("2001:db8:9::/64", mac)));
  }

  @Test
  void ipv6DefaultGateway() {
    var sub = subnet(Map.of("network_id", network(), "cidr", "2001:db8:1::/64", "ip_version", 6));
    assertThat(sub.get("gateway_ip")).isEqualTo("2001:db8:1::");
  }

  @Test
  void noGatewayPoolCoversWholeRange() {
    Map<String, Object> v6 = new HashMap<>(Map.of("network_id", network(), "cidr", "2001:db8:2::/64", "ip_version", 6));
    v6.put("gateway_ip", null);
    var sub6 = subnet(v6);
    assertThat(sub6).containsEntry("gateway_ip", null);
    assertThat(sub6.get("allocation_pools"))
        .isEqualTo(List.of(Map.of("start", "2001:db8:2::1", "end", "2001:db8:2:0:ffff:ffff:ffff:ffff")));

    Map<String, Object> v4 = new HashMap<>(Map.of("network_id", network(), "cidr", "10.101.0.0/24", "ip_version", 4));
    v4.put("gateway_ip", null);
    var sub4 = subnet(v4);
    assertThat(sub4).containsEntry("gateway_ip", null);
    assertThat(sub4.get("allocation_pools"))
        .isEqualTo(List.of(Map.of("start", "10.101.0.1", "end", "10.101.0.254")));
  }
}
