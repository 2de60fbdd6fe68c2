package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * rbac-policies on address scopes and subnet pools (rbac-address-scope, rbac-subnetpool) over
 * HTTP with several projects: a shared scope takes other projects' pools, a shared pool their
 * subnets, the entries those depend on stay, and a pool is only shared with projects that may
 * use its scope (neutron-tempest-plugin's RbacAddressScopeTest and RbacSubnetPoolTest).
 */
class RbacScopesAndPoolsTest {
  static TestServer s;

  static final String[] OTHER = {"X-Project-Id", "other", "X-Roles", "member"};
  static final String[] THIRD = {"X-Project-Id", "third", "X-Roles", "member"};

  @BeforeAll
  static void start() {
    s = TestServer.start();
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  static TestServer.Reply share(String type, String id, String target, String... headers) {
    return s.post("/v2.0/rbac-policies", Map.of("rbac_policy", Map.of("object_type", type,
        "object_id", id, "action", "access_as_shared", "target_tenant", target)), headers);
  }

  static String create(String path, String key, Map<String, Object> body, String... headers) {
    var r = s.post(path, Map.of(key, body), headers);
    assertThat(r.status()).as(path + ": " + r.raw().body()).isEqualTo(201);
    return (String) r.member(key).get("id");
  }

  static String id(TestServer.Reply r) {
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return (String) r.member("rbac_policy").get("id");
  }

  static Map<String, Object> subnetFrom(String network, String pool) {
    return Map.of("subnet", Map.of("network_id", network, "ip_version", 4, "subnetpool_id", pool));
  }

  @Test
  void addressScopeSharedForOtherProjectsPools() {
    String scope = create("/v2.0/address-scopes", "address_scope", Map.of("name", "as", "ip_version", 4));
    assertThat(s.get("/v2.0/address-scopes/" + scope, OTHER).status()).isEqualTo(404);
    String toOther = id(share("address_scope", scope, "other"));
    assertThat(s.get("/v2.0/address-scopes/" + scope, OTHER).member("address_scope"))
        .containsEntry("shared", true);
    assertThat(s.get("/v2.0/address-scopes?shared=true", OTHER).list("address_scopes"))
        .extracting(a -> a.get("id")).containsExactly(scope);
    assertThat(s.get("/v2.0/address-scopes/" + scope).member("address_scope")).containsEntry("shared", false);
    assertThat(s.get("/v2.0/address-scopes/" + scope, THIRD).status()).isEqualTo(404);

    Map<String, Object> poolBody = Map.of("name", "p", "prefixes", List.of("10.70.0.0/16"),
        "default_prefixlen", 24, "address_scope_id", scope);
    String pool = create("/v2.0/subnetpools", "subnetpool", poolBody, OTHER);
    assertThat(s.post("/v2.0/subnetpools", Map.of("subnetpool", Map.of("name", "p3", "prefixes",
        List.of("10.71.0.0/16"), "address_scope_id", scope)), THIRD).errorType())
        .isEqualTo("AddressScopeNotFound");
    assertThat(s.delete("/v2.0/rbac-policies/" + toOther).errorType()).isEqualTo("RbacPolicyInUse");
    assertThat(s.put("/v2.0/rbac-policies/" + toOther, Map.of("rbac_policy",
        Map.of("target_tenant", "third"))).errorType()).isEqualTo("RbacPolicyInUse");

    // The pool may go only where its scope may: not to a project without access to the scope.
    var refused = share("subnetpool", pool, "third", OTHER);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.raw().body()).contains("doesn't have access to associated address scope");
    assertThat(s.put("/v2.0/address-scopes/" + scope, Map.of("address_scope", Map.of("shared", true)))
        .member("address_scope")).containsEntry("shared", true);
    String poolToThird = id(share("subnetpool", pool, "third", OTHER));
    assertThat(s.get("/v2.0/subnetpools/" + pool, THIRD).member("subnetpool")).containsEntry("shared", true);
    String thirdNet = create("/v2.0/networks", "network", Map.of("name", "t"), THIRD);
    var subnet = s.post("/v2.0/subnets", subnetFrom(thirdNet, pool), THIRD);
    assertThat(subnet.status()).as(subnet.raw().body()).isEqualTo(201);
    assertThat(subnet.member("subnet")).containsEntry("subnetpool_id", pool);
    assertThat(s.delete("/v2.0/rbac-policies/" + poolToThird, OTHER).errorType())
        .isEqualTo("RbacPolicyInUse");

    // A scope shared with the caller cannot be unshared; its '*' entry can go while the one
    // project with pools in it keeps its own entry.
    assertThat(s.put("/v2.0/address-scopes/" + scope, Map.of("address_scope", Map.of("shared", false)))
        .errorType()).isEqualTo("AddressScopeUpdateError");
    String wildcard = (String) s.get("/v2.0/rbac-policies?object_id=" + scope + "&target_tenant=*")
        .list("rbac_policies").get(0).get("id");
    assertThat(s.delete("/v2.0/rbac-policies/" + wildcard).status()).isEqualTo(204);
    assertThat(s.get("/v2.0/address-scopes/" + scope, THIRD).status()).isEqualTo(404);
    assertThat(s.get("/v2.0/address-scopes/" + scope, OTHER).status()).isEqualTo(200);
  }

  @Test
  void subnetpoolSharedForOtherProjectsSubnets() {
    String pool = create("/v2.0/subnetpools", "subnetpool", Map.of("name", "sp",
        "prefixes", List.of("10.72.0.0/16"), "default_prefixlen", 24));
    String otherNet = create("/v2.0/networks", "network", Map.of("name", "o"), OTHER);
    assertThat(s.get("/v2.0/subnetpools/" + pool, OTHER).status()).isEqualTo(404);
    assertThat(s.post("/v2.0/subnets", subnetFrom(otherNet, pool), OTHER).status()).isEqualTo(404);

    String entry = id(share("subnetpool", pool, "other"));
    assertThat(s.get("/v2.0/subnetpools?shared=true", OTHER).list("subnetpools"))
        .extracting(p -> p.get("id")).contains(pool);
    var subnet = s.post("/v2.0/subnets", subnetFrom(otherNet, pool), OTHER);
    assertThat(subnet.status()).as(subnet.raw().body()).isEqualTo(201);
    String thirdNet = create("/v2.0/networks", "network", Map.of("name", "t"), THIRD);
    assertThat(s.post("/v2.0/subnets", subnetFrom(thirdNet, pool), THIRD).status()).isEqualTo(404);
    assertThat(s.delete("/v2.0/rbac-policies/" + entry).errorType()).isEqualTo("RbacPolicyInUse");
    assertThat(s.delete("/v2.0/subnets/" + subnet.member("subnet").get("id"), OTHER).status())
        .isEqualTo(204);
    assertThat(s.delete("/v2.0/rbac-policies/" + entry).status()).isEqualTo(204);
    assertThat(s.get("/v2.0/subnetpools/" + pool, OTHER).status()).isEqualTo(404);
  }

  @Test
  void sharedFlagOnCreateIsTheWildcardEntry() {
    var pool = s.post("/v2.0/subnetpools", Map.of("subnetpool", Map.of("name", "pub",
        "prefixes", List.of("10.73.0.0/16"), "shared", true)));
    assertThat(pool.status()).isEqualTo(201);
    String id = (String) pool.member("subnetpool").get("id");
    assertThat(s.get("/v2.0/rbac-policies?object_id=" + id).list("rbac_policies"))
        .extracting(p -> p.get("target_tenant"), p -> p.get("object_type"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("*", "subnetpool"));
    assertThat(s.get("/v2.0/subnetpools/" + id, THIRD).member("subnetpool")).containsEntry("shared", true);
    // Only a member's own share; everyone's is an admin's.
    assertThat(s.post("/v2.0/subnetpools", Map.of("subnetpool", Map.of("name", "x",
        "prefixes", List.of("10.74.0.0/16"), "shared", true)), OTHER).status()).isEqualTo(403);

    // A pool in a scope nobody else may use cannot be shared with everyone.
    String scope = create("/v2.0/address-scopes", "address_scope", Map.of("name", "private",
        "ip_version", 4));
    var inPrivate = s.post("/v2.0/subnetpools", Map.of("subnetpool", Map.of("name", "x",
        "prefixes", List.of("10.75.0.0/16"), "shared", true, "address_scope_id", scope)));
    assertThat(inPrivate.status()).isEqualTo(400);
    assertThat(s.get("/v2.0/subnetpools?name=x").list("subnetpools")).isEmpty();
  }
}
