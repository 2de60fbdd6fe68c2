package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** network-ip-availabilities (default service plugin network_ip_availability) as Zed answers it. */
@SuppressWarnings("unchecked")
class NetworkIpAvailabilityTest {
  static TestServer s;

  @BeforeAll
  static void start() {
    s = TestServer.start();
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  static String network(String name) {
    return (String) s.post("/v2.0/networks", Map.of("network", Map.of("name", name)))
        .member("network").get("id");
  }

  static String subnet(String net, String cidr, Map<String, Object> more) {
    var body = new java.util.HashMap<String, Object>(Map.of("network_id", net, "cidr", cidr,
        "ip_version", cidr.contains(":") ? 6 : 4, "name", "sn-" + cidr));
    body.putAll(more);
    var r = s.post("/v2.0/subnets", Map.of("subnet", body));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return (String) r.member("subnet").get("id");
  }

  static BigInteger big(Object n) {
    return new BigInteger(String.valueOf(n));
  }

  static BigInteger ip(Object address) {
    try {
      return new BigInteger(1, java.net.InetAddress.getByName((String) address).getAddress());
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void totalsAndUsedPerNetworkAndSubnet() {
    assertThat(s.get("/v2.0/extensions/network-ip-availability").status()).isEqualTo(200);
    String net = network("avail");
    String v4 = subnet(net, "10.90.0.0/24", Map.of());
    String small = subnet(net, "10.91.0.0/24", Map.of("allocation_pools",
        List.of(Map.of("start", "10.91.0.10", "end", "10.91.0.19"),
            Map.of("start", "10.91.0.30", "end", "10.91.0.34"))));
    String v6 = subnet(net, "2001:db8:90::/64", Map.of());
    for (int i = 0; i < 3; i++) {
      assertThat(s.post("/v2.0/ports", Map.of("port", Map.of("network_id", net,
          "fixed_ips", List.of(Map.of("subnet_id", v4))))).status()).isEqualTo(201);
    }
    var r = s.get("/v2.0/network-ip-availabilities/" + net);
    assertThat(r.status()).isEqualTo(200);
    var a = r.member("network_ip_availability");
    assertThat(a).containsOnlyKeys("network_id", "network_name", "tenant_id", "project_id",
        "total_ips", "used_ips", "subnet_ip_availability");
    assertThat(a).containsEntry("network_id", net).containsEntry("network_name", "avail");
    var subnets = (List<Map<String, Object>>) a.get("subnet_ip_availability");
    assertThat(subnets).hasSize(3);
    Map<String, Object> first = subnets.stream().filter(x -> x.get("subnet_id").equals(v4)).findFirst().orElseThrow();
    assertThat(first).containsEntry("cidr", "10.90.0.0/24").containsEntry("ip_version", 4)
        .containsEntry("subnet_name", "sn-10.90.0.0/24").containsEntry("total_ips", 253)
        .containsEntry("used_ips", 3);
    Map<String, Object> pools = subnets.stream().filter(x -> x.get("subnet_id").equals(small)).findFirst().orElseThrow();
    assertThat(pools).containsEntry("total_ips", 15).containsEntry("used_ips", 0);
    Map<String, Object> six = subnets.stream().filter(x -> x.get("subnet_id").equals(v6)).findFirst().orElseThrow();
    var v6Pool = ((List<Map<String, Object>>) s.get("/v2.0/subnets/" + v6).member("subnet")
        .get("allocation_pools")).get(0);
    BigInteger v6Size = ip(v6Pool.get("end")).subtract(ip(v6Pool.get("start"))).add(BigInteger.ONE);
    assertThat(v6Size).isGreaterThan(BigInteger.TWO.pow(63));
    assertThat(big(six.get("total_ips"))).isEqualTo(v6Size);
    assertThat(big(a.get("total_ips"))).isEqualTo(v6Size.add(BigInteger.valueOf(268)));
    assertThat(a).containsEntry("used_ips", 3);
  }

  @Test
  void filtersAndNotFound() {
    String empty = network("avail-empty");
    String net = network("avail-v4");
    subnet(net, "10.92.0.0/24", Map.of());
    var e = s.get("/v2.0/network-ip-availabilities/" + empty).member("network_ip_availability");
    assertThat(e).containsEntry("total_ips", 0).containsEntry("used_ips", 0);
    assertThat((List<Object>) e.get("subnet_ip_availability")).isEmpty();
    assertThat(s.get("/v2.0/network-ip-availabilities?network_name=avail-v4")
        .list("network_ip_availabilities")).extracting(x -> x.get("network_id")).containsExactly(net);
    assertThat(s.get("/v2.0/network-ip-availabilities?ip_version=6&network_id=" + net)
        .list("network_ip_availabilities")).isEmpty();
    assertThat(s.get("/v2.0/network-ip-availabilities?ip_version=4&network_id=" + net + "&network_id=" + empty)
        .list("network_ip_availabilities")).hasSize(1);
    assertThat(s.get("/v2.0/network-ip-availabilities?network_id=" + net + "&network_id=" + empty)
        .list("network_ip_availabilities")).hasSize(2);
    var missing = s.get("/v2.0/network-ip-availabilities/1b3f5a8e-0000-4000-8000-000000000000");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.errorType()).isEqualTo("NetworkNotFound");
    var page = s.get("/v2.0/network-ip-availabilities?limit=1&sort_key=network_id&sort_dir=asc");
    assertThat(page.list("network_ip_availabilities")).hasSize(1);
    assertThat(page.list("network_ip_availabilities_links").toString()).contains("marker="
        + page.list("network_ip_availabilities").get(0).get("network_id"));
    assertThat(s.post("/v2.0/network-ip-availabilities", Map.of("network_ip_availability", Map.of()))
        .status()).isIn(400, 405);
  }

  @Test
  void adminOnly() {
    String net = network("avail-admin");
    String[] user = {"X-Project-Id", "avail-user"};
    assertThat(s.get("/v2.0/network-ip-availabilities", user).list("network_ip_availabilities")).isEmpty();
    assertThat(s.get("/v2.0/network-ip-availabilities/" + net, user).status()).isEqualTo(404);
  }
}
