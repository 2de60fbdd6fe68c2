package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Address scopes (address-scope, loaded by default as in ML2) and their rules on subnet pools,
 * subnets and networks, with Neutron Zed's status codes and fault types.
 */
class AddressScopesTest {
  static TestServer s;

  @BeforeAll
  static void start() {
    s = TestServer.start();
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  static String[] as(String project) {
    return new String[] {"X-Project-Id", project};
  }

  static String scope(int version, boolean shared, String... headers) {
    var r = s.post("/v2.0/address-scopes", Map.of("address_scope",
        map("name", "as", "ip_version", version, "shared", shared)), headers);
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return (String) r.member("address_scope").get("id");
  }

  static TestServer.Reply pool(String scope, List<String> prefixes, String... headers) {
    Map<String, Object> body = map("name", "p", "prefixes", prefixes, "default_prefixlen",
        prefixes.get(0).contains(":") ? 64 : 26);
    if (scope != null) {
      body.put("address_scope_id", scope);
    }
    return s.post("/v2.0/subnetpools", Map.of("subnetpool", body), headers);
  }

  static String poolId(TestServer.Reply r) {
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return (String) r.member("subnetpool").get("id");
  }

  @Test
  void extensionAndCrud() {
    assertThat(s.get("/v2.0/extensions/address-scope").status()).isEqualTo(200);
    // ML2's and the default service plugins' extensions are there; those of plugins not loaded
    // (port_forwarding) or missing what they require (auto-allocated-topology needs router) not
    var aliases = s.get("/v2.0/extensions").list("extensions").stream().map(e -> e.get("alias")).toList();
    assertThat(aliases).contains("address-scope", "address-group", "network-ip-availability",
        "security-groups-remote-address-group")
        .doesNotContain("floating-ip-port-forwarding", "auto-allocated-topology");
    assertThat(s.get("/v2.0/floatingips/x/port_forwardings").status()).isEqualTo(404);
    var r = s.post("/v2.0/address-scopes", Map.of("address_scope", map("name", "a", "ip_version", "4")));
    assertThat(r.status()).isEqualTo(201);
    var as = r.member("address_scope");
    assertThat(as).containsOnlyKeys("id", "name", "project_id", "tenant_id", "shared", "ip_version")
        .containsEntry("ip_version", 4).containsEntry("shared", false).containsEntry("name", "a");
    String id = (String) as.get("id");
    assertThat(s.get("/v2.0/address-scopes?ip_version=4&id=" + id).list("address_scopes")).hasSize(1);
    assertThat(s.get("/v2.0/address-scopes?ip_version=6&id=" + id).list("address_scopes")).isEmpty();
    var up = s.put("/v2.0/address-scopes/" + id, Map.of("address_scope", map("name", "b", "shared", true)));
    assertThat(up.member("address_scope")).containsEntry("name", "b").containsEntry("shared", true);
    var unshare = s.put("/v2.0/address-scopes/" + id, Map.of("address_scope", map("shared", false)));
    assertThat(unshare.status()).isEqualTo(400);
    assertThat(unshare.errorType()).isEqualTo("AddressScopeUpdateError");
    var ipv = s.put("/v2.0/address-scopes/" + id, Map.of("address_scope", map("ip_version", 6)));
    assertThat(ipv.status()).isEqualTo(400);
    assertThat(s.delete("/v2.0/address-scopes/" + id).status()).isEqualTo(204);
    var gone = s.get("/v2.0/address-scopes/" + id);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.errorType()).isEqualTo("AddressScopeNotFound");
  }

  @Test
  void badInput() {
    for (Object v : new Object[] {5, "x", null}) {
      var r = s.post("/v2.0/address-scopes", Map.of("address_scope", map("name", "a", "ip_version", v)));
      assertThat(r.status()).as(String.valueOf(v)).isEqualTo(400);
    }
    var missing = s.post("/v2.0/address-scopes", Map.of("address_scope", map("name", "a")));
    assertThat(missing.status()).isEqualTo(400);
  }

  @Test
  void visibilityAndSharingPolicy() {
    String mine = scope(4, false, as("p-one"));
    assertThat(s.get("/v2.0/address-scopes/" + mine, as("p-two")).status()).isEqualTo(404);
    assertThat(s.get("/v2.0/address-scopes?id=" + mine, as("p-two")).list("address_scopes")).isEmpty();
    var shared = s.post("/v2.0/address-scopes", Map.of("address_scope",
        map("ip_version", 4, "shared", true)), as("p-one"));
    assertThat(shared.status()).isEqualTo(403);
    String adminShared = scope(4, true);
    assertThat(s.get("/v2.0/address-scopes/" + adminShared, as("p-two")).status()).isEqualTo(200);
    var other = s.put("/v2.0/address-scopes/" + adminShared, Map.of("address_scope", map("name", "x")),
        as("p-two"));
    assertThat(other.status()).isEqualTo(403);
    var del = s.delete("/v2.0/address-scopes/" + mine, as("p-two"));
    assertThat(del.status()).isEqualTo(404);
  }

  @Test
  void subnetpoolAssociationRules() {
    String v4 = scope(4, false);
    var wrongVersion = pool(v4, List.of("2001:db8:1::/48"));
    assertThat(wrongVersion.status()).isEqualTo(400);
    assertThat(wrongVersion.errorType()).isEqualTo("IllegalSubnetPoolIpVersionAssociationToAddressScope");
    var unknown = pool("7c0d4a8c-3a8e-4b7f-9a5e-0a1b2c3d4e5f", List.of("10.50.0.0/16"));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorType()).isEqualTo("AddressScopeNotFound");
    String p1 = poolId(pool(v4, List.of("10.50.0.0/16")));
    assertThat(s.get("/v2.0/subnetpools/" + p1).member("subnetpool")).containsEntry("address_scope_id", v4);
    assertThat(s.get("/v2.0/subnetpools?address_scope_id=" + v4).list("subnetpools")).hasSize(1);
    var overlap = pool(v4, List.of("10.50.128.0/17"));
    assertThat(overlap.status()).isEqualTo(409);
    assertThat(overlap.errorType()).isEqualTo("AddressScopePrefixConflict");
    String p2 = poolId(pool(null, List.of("10.50.0.0/20")));
    var join = s.put("/v2.0/subnetpools/" + p2, Map.of("subnetpool", map("address_scope_id", v4)));
    assertThat(join.status()).isEqualTo(409);
    assertThat(join.errorType()).isEqualTo("AddressScopePrefixConflict");
    String p3 = poolId(pool(v4, List.of("10.51.0.0/16")));
    var grow = s.put("/v2.0/subnetpools/" + p3, Map.of("subnetpool",
        map("prefixes", List.of("10.51.0.0/16", "10.50.3.0/24"))));
    assertThat(grow.status()).isEqualTo(409);
    var inUse = s.delete("/v2.0/address-scopes/" + v4);
    assertThat(inUse.status()).isEqualTo(409);
    assertThat(inUse.errorType()).isEqualTo("AddressScopeInUse");
    var leave = s.put("/v2.0/subnetpools/" + p3, Map.of("subnetpool", map("address_scope_id", null)));
    assertThat(leave.member("subnetpool").get("address_scope_id")).isNull();
    assertThat(s.delete("/v2.0/subnetpools/" + p1).status()).isEqualTo(204);
    assertThat(s.delete("/v2.0/address-scopes/" + v4).status()).isEqualTo(204);
  }

  @Test
  void privateScopeOfAnotherProjectAndSharedScopeUpdates() {
    String foreign = scope(4, false, as("p-owner"));
    var r = pool(foreign, List.of("10.60.0.0/16"), as("p-user"));
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.errorType()).isEqualTo("AddressScopeNotFound");
    String shared = scope(4, true);
    String p = poolId(pool(shared, List.of("10.61.0.0/16"), as("p-user")));
    var rename = s.put("/v2.0/subnetpools/" + p, Map.of("subnetpool", map("name", "q")), as("p-user"));
    assertThat(rename.status()).isEqualTo(400);
    assertThat(rename.errorType()).isEqualTo("IllegalSubnetPoolUpdate");
    var admin = s.put("/v2.0/subnetpools/" + p, Map.of("subnetpool", map("name", "q")));
    assertThat(admin.status()).isEqualTo(200);
  }

  @Test
  void networkScopesAndSubnetAffinity() {
    String scopeA = scope(4, false);
    String scopeB = scope(4, false);
    String poolA = poolId(pool(scopeA, List.of("10.70.0.0/16")));
    String poolA2 = poolId(pool(scopeA, List.of("10.71.0.0/16")));
    String poolB = poolId(pool(scopeB, List.of("10.72.0.0/16")));
    String plain = poolId(pool(null, List.of("10.73.0.0/16")));
    String net = (String) s.post("/v2.0/networks", Map.of("network", map("name", "n")))
        .member("network").get("id");
    assertThat(s.get("/v2.0/networks/" + net).member("network"))
        .containsEntry("ipv4_address_scope", null).containsEntry("ipv6_address_scope", null);
    var first = s.post("/v2.0/subnets", Map.of("subnet", map("network_id", net, "ip_version", 4,
        "subnetpool_id", poolA)));
    assertThat(first.status()).as(first.raw().body()).isEqualTo(201);
    assertThat(s.get("/v2.0/networks/" + net).member("network"))
        .containsEntry("ipv4_address_scope", scopeA).containsEntry("ipv6_address_scope", null);
    var otherScope = s.post("/v2.0/subnets", Map.of("subnet", map("network_id", net,
        "ip_version", 4, "subnetpool_id", poolB)));
    assertThat(otherScope.status()).isEqualTo(400);
    assertThat(otherScope.errorType()).isEqualTo("NetworkAddressScopeAffinityError");
    var noScope = s.post("/v2.0/subnets", Map.of("subnet", map("network_id", net,
        "ip_version", 4, "subnetpool_id", plain)));
    assertThat(noScope.errorType()).isEqualTo("NetworkAddressScopeAffinityError");
    var sameScope = s.post("/v2.0/subnets", Map.of("subnet", map("network_id", net,
        "ip_version", 4, "subnetpool_id", poolA2)));
    assertThat(sameScope.status()).isEqualTo(201);
    var noPool = s.post("/v2.0/subnets", Map.of("subnet", map("network_id", net,
        "ip_version", 4, "cidr", "192.168.90.0/24")));
    assertThat(noPool.status()).isEqualTo(400);
    assertThat(noPool.errorType()).isEqualTo("NetworkSubnetPoolAffinityError");
    var rescope = s.put("/v2.0/subnetpools/" + poolA, Map.of("subnetpool", map("address_scope_id", scopeB)));
    assertThat(rescope.status()).isEqualTo(400);
    assertThat(rescope.errorType()).isEqualTo("NetworkAddressScopeAffinityError");
  }

  @Test
  void poolAffinityWithoutScopes() {
    String p1 = poolId(pool(null, List.of("10.80.0.0/16")));
    String p2 = poolId(pool(null, List.of("10.81.0.0/16")));
    String net = (String) s.post("/v2.0/networks", Map.of("network", map("name", "n")))
        .member("network").get("id");
    assertThat(s.post("/v2.0/subnets", Map.of("subnet", map("network_id", net, "ip_version", 4,
        "subnetpool_id", p1))).status()).isEqualTo(201);
    var r = s.post("/v2.0/subnets", Map.of("subnet", map("network_id", net, "ip_version", 4,
        "subnetpool_id", p2)));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorType()).isEqualTo("NetworkSubnetPoolAffinityError");
    var again = s.post("/v2.0/subnets", Map.of("subnet", map("network_id", net, "ip_version", 4,
        "subnetpool_id", p1)));
    assertThat(again.status()).isEqualTo(201);
    var v6 = s.post("/v2.0/subnets", Map.of("subnet", map("network_id", net, "ip_version", 6,
        "cidr", "2001:db8:80::/64")));
    assertThat(v6.status()).isEqualTo(201);
  }
}
