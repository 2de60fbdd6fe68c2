package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Address groups (address-group) and security group rules with a remote address group
 * (security-groups-remote-address-group), with Neutron Zed's status codes and fault types.
 */
@SuppressWarnings("unchecked")
class AddressGroupsTest {
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

  static Map<String, Object> group(Map<String, Object> body, String... headers) {
    var r = s.post("/v2.0/address-groups", Map.of("address_group", body), headers);
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return r.member("address_group");
  }

  static TestServer.Reply change(String id, String action, List<String> addresses, String... headers) {
    return s.put("/v2.0/address-groups/" + id + "/" + action, Map.of("addresses", addresses), headers);
  }

  @Test
  void extensionsAndCrud() {
    var aliases = s.get("/v2.0/extensions").list("extensions").stream().map(e -> e.get("alias")).toList();
    assertThat(aliases).contains("address-group", "security-groups-remote-address-group");
    var g = group(map("name", "ag", "description", "d".repeat(1024),
        "addresses", List.of("10.0.0.0/24", "2001:db8::/64")));
    assertThat(g).containsOnlyKeys("id", "name", "description", "project_id", "tenant_id", "addresses");
    assertThat((List<Object>) g.get("addresses")).containsExactlyInAnyOrder("10.0.0.0/24", "2001:db8::/64");
    String id = (String) g.get("id");
    assertThat(s.get("/v2.0/address-groups?name=ag&id=" + id).list("address_groups")).hasSize(1);
    var up = s.put("/v2.0/address-groups/" + id, Map.of("address_group", map("name", "ag2")));
    assertThat(up.member("address_group")).containsEntry("name", "ag2");
    var putAddresses = s.put("/v2.0/address-groups/" + id, Map.of("address_group",
        map("addresses", List.of("10.1.0.0/24"))));
    assertThat(putAddresses.status()).isEqualTo(400);
    var bad = s.post("/v2.0/address-groups", Map.of("address_group", map("addresses", List.of("x"))));
    assertThat(bad.status()).isEqualTo(400);
    var duplicate = s.post("/v2.0/address-groups", Map.of("address_group",
        map("addresses", List.of("10.0.0.0/24", "10.0.0.0/24"))));
    assertThat(duplicate.status()).isEqualTo(400);
    // validate_subnet accepts host bits with a prefix; the group keeps the network
    var hostBits = group(map("addresses", List.of("10.0.0.1/24")));
    assertThat((List<Object>) hostBits.get("addresses")).containsExactly("10.0.0.0/24");
    var bare = s.post("/v2.0/address-groups", Map.of("address_group",
        map("addresses", List.of("10.0.0.1"))));
    assertThat(bare.status()).isEqualTo(400);
    var longDescription = s.post("/v2.0/address-groups", Map.of("address_group",
        map("description", "d".repeat(1025))));
    assertThat(longDescription.status()).isEqualTo(400);
    assertThat(s.delete("/v2.0/address-groups/" + id).status()).isEqualTo(204);
    var gone = s.get("/v2.0/address-groups/" + id);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.errorType()).isEqualTo("AddressGroupNotFound");
  }

  @Test
  void addAndRemoveAddresses() {
    String id = (String) group(map("name", "x")).get("id");
    assertThat((List<?>) s.get("/v2.0/address-groups/" + id).member("address_group").get("addresses")).isEmpty();
    var add = change(id, "add_addresses", List.of("10.2.0.7/24", "192.168.1.1", "10.2.0.0/24"));
    assertThat(add.status()).isEqualTo(200);
    assertThat((List<Object>) add.member("address_group").get("addresses"))
        .containsExactlyInAnyOrder("10.2.0.0/24", "192.168.1.1/32");
    var again = change(id, "add_addresses", List.of("10.2.0.0/24", "10.3.0.0/24"));
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.errorType()).isEqualTo("AddressesAlreadyExist");
    assertThat((List<?>) s.get("/v2.0/address-groups/" + id).member("address_group").get("addresses"))
        .hasSize(2);
    var missing = change(id, "remove_addresses", List.of("10.2.0.0/24", "10.9.0.0/24"));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.errorType()).isEqualTo("AddressesNotFound");
    var remove = change(id, "remove_addresses", List.of("10.2.0.0/24"));
    assertThat((List<Object>) remove.member("address_group").get("addresses")).containsExactly("192.168.1.1/32");
    var garbage = change(id, "add_addresses", List.of("not-an-ip"));
    assertThat(garbage.status()).isEqualTo(400);
    assertThat(s.put("/v2.0/address-groups/" + id + "/add_addresses", Map.of()).status()).isEqualTo(400);
    var unknown = change("4a7c1d2e-0000-4000-8000-000000000000", "add_addresses", List.of("10.0.0.0/8"));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorType()).isEqualTo("AddressGroupNotFound");
  }

  @Test
  void ownership() {
    String id = (String) group(map("name", "mine"), as("ag-one")).get("id");
    assertThat(s.get("/v2.0/address-groups/" + id, as("ag-two")).status()).isEqualTo(404);
    assertThat(s.get("/v2.0/address-groups", as("ag-two")).list("address_groups"))
        .noneMatch(g -> g.get("id").equals(id));
    assertThat(change(id, "add_addresses", List.of("10.0.0.0/8"), as("ag-two")).status()).isEqualTo(404);
    assertThat(s.delete("/v2.0/address-groups/" + id, as("ag-two")).status()).isEqualTo(404);
    assertThat(change(id, "add_addresses", List.of("10.0.0.0/8"), as("ag-one")).status()).isEqualTo(200);
  }

  @Test
  void securityGroupRulesWithRemoteAddressGroup() {
    String ag = (String) group(map("name", "remote", "addresses", List.of("10.5.0.0/16")), as("ag-sg"))
        .get("id");
    String sg = (String) s.post("/v2.0/security-groups", Map.of("security_group", map("name", "g")),
        as("ag-sg")).member("security_group").get("id");
    var rule = s.post("/v2.0/security-group-rules", Map.of("security_group_rule", map(
        "security_group_id", sg, "direction", "ingress", "remote_address_group_id", ag)), as("ag-sg"));
    assertThat(rule.status()).as(rule.raw().body()).isEqualTo(201);
    assertThat(rule.member("security_group_rule")).containsEntry("remote_address_group_id", ag)
        .containsEntry("remote_ip_prefix", null).containsEntry("remote_group_id", null);
    String ruleId = (String) rule.member("security_group_rule").get("id");
    assertThat(s.get("/v2.0/security-group-rules?remote_address_group_id=" + ag, as("ag-sg"))
        .list("security_group_rules")).extracting(r -> r.get("id")).containsExactly(ruleId);
    var dup = s.post("/v2.0/security-group-rules", Map.of("security_group_rule", map(
        "security_group_id", sg, "direction", "ingress", "remote_address_group_id", ag)), as("ag-sg"));
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.errorType()).isEqualTo("SecurityGroupRuleExists");
    for (var other : List.of(map("remote_ip_prefix", "10.0.0.0/8"), map("remote_group_id", sg))) {
      Map<String, Object> body = map("security_group_id", sg, "direction", "egress",
          "remote_address_group_id", ag);
      body.putAll(other);
      var both = s.post("/v2.0/security-group-rules", Map.of("security_group_rule", body), as("ag-sg"));
      assertThat(both.status()).isEqualTo(400);
      assertThat(both.errorType()).isEqualTo("SecurityGroupMultipleRemoteEntites");
    }
    String foreign = (String) group(map("name", "f"), as("ag-other")).get("id");
    var notMine = s.post("/v2.0/security-group-rules", Map.of("security_group_rule", map(
        "security_group_id", sg, "direction", "egress", "remote_address_group_id", foreign)), as("ag-sg"));
    assertThat(notMine.status()).isEqualTo(404);
    assertThat(notMine.errorType()).isEqualTo("AddressGroupNotFound");
    var inUse = s.delete("/v2.0/address-groups/" + ag, as("ag-sg"));
    assertThat(inUse.status()).isEqualTo(409);
    assertThat(inUse.errorType()).isEqualTo("AddressGroupInUse");
    assertThat(s.delete("/v2.0/security-group-rules/" + ruleId, as("ag-sg")).status()).isEqualTo(204);
    assertThat(s.delete("/v2.0/address-groups/" + ag, as("ag-sg")).status()).isEqualTo(204);
  }
}
