package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * rbac-policies beyond networks, over HTTP with several projects: security groups, address
 * groups and QoS policies shared with one project or all — seen, used, and the entries their
 * users depend on kept — and what is refused. Address scopes and subnet pools are in
 * {@link RbacScopesAndPoolsTest}. As neutron-tempest-plugin's Rbac*Test classes expect.
 */
class RbacObjectTypesTest {
  static TestServer s;

  static final String[] OWNER = {"X-Project-Id", "owner", "X-Roles", "member"};
  static final String[] OTHER = {"X-Project-Id", "other", "X-Roles", "member"};
  static final String[] THIRD = {"X-Project-Id", "third", "X-Roles", "member"};

  @BeforeAll
  static void start() {
    s = TestServer.start(Map.of("DEFAULT", Map.of("service_plugins", "qos"),
        "ml2", Map.of("extension_drivers", "port_security,qos")));
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  static TestServer.Reply share(String type, String id, String target, String... headers) {
    return s.post("/v2.0/rbac-policies", Map.of("rbac_policy", Map.of("object_type", type,
        "object_id", id, "action", "access_as_shared", "target_tenant", target)), headers);
  }

  static String shareId(String type, String id, String target, String... headers) {
    var r = share(type, id, target, headers);
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return (String) r.member("rbac_policy").get("id");
  }

  static String create(String path, String key, Map<String, Object> body, String... headers) {
    var r = s.post(path, Map.of(key, body), headers);
    assertThat(r.status()).as(path + ": " + r.raw().body()).isEqualTo(201);
    return (String) r.member(key).get("id");
  }

  static String network(String... headers) {
    return create("/v2.0/networks", "network", Map.of("name", "n"), headers);
  }

  @Test
  void securityGroupSharedWithOneProjectThenAll() {
    String sg = create("/v2.0/security-groups", "security_group", Map.of("name", "web"), OWNER);
    assertThat(s.get("/v2.0/security-groups/" + sg, OTHER).status()).isEqualTo(404);
    String otherNet = network(OTHER);
    var refused = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", otherNet,
        "security_groups", List.of(sg))), OTHER);
    assertThat(refused.status()).isEqualTo(404);
    assertThat(refused.errorType()).isEqualTo("SecurityGroupNotFound");

    var created = share("security_group", sg, "other", OWNER);
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    Map<String, Object> entry = created.member("rbac_policy");
    assertThat(entry).containsEntry("object_type", "security_group").containsEntry("object_id", sg)
        .containsEntry("project_id", "owner").containsEntry("tenant_id", "owner")
        .containsEntry("target_tenant", "other").containsEntry("action", "access_as_shared");
    String entryId = (String) entry.get("id");
    assertThat(s.get("/v2.0/rbac-policies/" + entryId, OWNER).member("rbac_policy")).isEqualTo(entry);
    assertThat(share("security_group", sg, "other", OWNER).errorType()).isEqualTo("DuplicateRbacPolicy");

    // Seen and used by the project it is shared with, with shared=true for it only.
    var seen = s.get("/v2.0/security-groups/" + sg, OTHER);
    assertThat(seen.status()).isEqualTo(200);
    assertThat(seen.member("security_group")).containsEntry("shared", true);
    assertThat(s.get("/v2.0/security-groups/" + sg, OWNER).member("security_group"))
        .containsEntry("shared", false);
    assertThat(s.get("/v2.0/security-groups?shared=true", OTHER).list("security_groups"))
        .extracting(g -> g.get("id")).containsExactly(sg);
    assertThat(s.get("/v2.0/security-groups?shared=false", OTHER).list("security_groups"))
        .extracting(g -> g.get("id")).doesNotContain(sg).isNotEmpty();
    assertThat(s.get("/v2.0/security-groups/" + sg, THIRD).status()).isEqualTo(404);
    var port = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", otherNet,
        "security_groups", List.of(sg))), OTHER);
    assertThat(port.status()).as(port.raw().body()).isEqualTo(201);
    assertThat(port.member("port").get("security_groups")).isEqualTo(List.of(sg));
    String mine = create("/v2.0/security-groups", "security_group", Map.of("name", "mine"), OTHER);
    assertThat(s.post("/v2.0/security-group-rules", Map.of("security_group_rule", Map.of(
        "security_group_id", mine, "direction", "ingress", "remote_group_id", sg)), OTHER).status())
        .isEqualTo(201);
    // The entry is not the other project's to see, nor to pass on.
    assertThat(s.get("/v2.0/rbac-policies", OTHER).list("rbac_policies")).isEmpty();
    assertThat(s.get("/v2.0/rbac-policies/" + entryId, OTHER).status()).isEqualTo(404);
    assertThat(share("security_group", sg, "third", OTHER).status()).isEqualTo(400);

    // The port depends on the entry: it cannot go, nor move to another project.
    var inUse = s.delete("/v2.0/rbac-policies/" + entryId, OWNER);
    assertThat(inUse.status()).isEqualTo(409);
    assertThat(inUse.errorType()).isEqualTo("RbacPolicyInUse");
    assertThat(s.put("/v2.0/rbac-policies/" + entryId, Map.of("rbac_policy",
        Map.of("target_tenant", "third")), OWNER).errorType()).isEqualTo("RbacPolicyInUse");
    // With a '*' entry the project's own entry is no longer needed; the '*' one then is.
    String wildcard = shareId("security_group", sg, "*");
    assertThat(s.get("/v2.0/security-groups/" + sg, THIRD).member("security_group"))
        .containsEntry("shared", true);
    assertThat(s.delete("/v2.0/rbac-policies/" + entryId, OWNER).status()).isEqualTo(204);
    assertThat(s.delete("/v2.0/rbac-policies/" + wildcard).errorType()).isEqualTo("RbacPolicyInUse");
    assertThat(s.delete("/v2.0/ports/" + port.member("port").get("id"), OTHER).status()).isEqualTo(204);
    assertThat(s.delete("/v2.0/rbac-policies/" + wildcard).status()).isEqualTo(204);
    assertThat(s.get("/v2.0/security-groups/" + sg, OTHER).status()).isEqualTo(404);
  }

  @Test
  void securityGroupEntriesGoWithTheGroupAndOnlyOwnersShare() {
    String sg = create("/v2.0/security-groups", "security_group", Map.of("name", "gone"), OWNER);
    String entry = shareId("security_group", sg, "other", OWNER);
    // A shared group is still not the other project's to change.
    assertThat(s.put("/v2.0/security-groups/" + sg, Map.of("security_group", Map.of("name", "x")),
        OTHER).status()).isEqualTo(403);
    assertThat(s.delete("/v2.0/security-groups/" + sg, OWNER).status()).isEqualTo(204);
    assertThat(s.get("/v2.0/rbac-policies/" + entry, OWNER).status()).isEqualTo(404);
    assertThat(s.get("/v2.0/rbac-policies?object_id=" + sg).list("rbac_policies")).isEmpty();
  }

  @Test
  void addressGroupSharedForRemoteUse() {
    String ag = create("/v2.0/address-groups", "address_group",
        Map.of("name", "ag", "addresses", List.of("10.60.0.0/24")), OWNER);
    String sg = create("/v2.0/security-groups", "security_group", Map.of("name", "ag-user"), OTHER);
    Map<String, Object> rule = Map.of("security_group_rule", Map.of("security_group_id", sg,
        "direction", "ingress", "protocol", "tcp", "remote_address_group_id", ag));
    assertThat(s.get("/v2.0/address-groups/" + ag, OTHER).status()).isEqualTo(404);
    assertThat(s.post("/v2.0/security-group-rules", rule, OTHER).errorType())
        .isEqualTo("AddressGroupNotFound");

    String entry = shareId("address_group", ag, "other", OWNER);
    var seen = s.get("/v2.0/address-groups/" + ag, OTHER);
    assertThat(seen.status()).isEqualTo(200);
    assertThat(seen.member("address_group")).containsEntry("addresses", List.of("10.60.0.0/24"))
        .doesNotContainKey("shared");
    assertThat(s.get("/v2.0/address-groups", OTHER).list("address_groups"))
        .extracting(g -> g.get("id")).contains(ag);
    assertThat(s.get("/v2.0/address-groups/" + ag, THIRD).status()).isEqualTo(404);
    assertThat(s.put("/v2.0/address-groups/" + ag + "/add_addresses",
        Map.of("addresses", List.of("10.61.0.0/24")), OTHER).status()).isEqualTo(403);
    var created = s.post("/v2.0/security-group-rules", rule, OTHER);
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);

    assertThat(s.delete("/v2.0/rbac-policies/" + entry, OWNER).errorType()).isEqualTo("RbacPolicyInUse");
    assertThat(s.delete("/v2.0/security-group-rules/" + created.member("security_group_rule").get("id"),
        OTHER).status()).isEqualTo(204);
    assertThat(s.delete("/v2.0/rbac-policies/" + entry, OWNER).status()).isEqualTo(204);
    assertThat(s.get("/v2.0/address-groups/" + ag, OTHER).status()).isEqualTo(404);
  }

  @Test
  void qosPolicySharedByEntryAndByTheSharedFlag() {
    String policy = create("/v2.0/qos/policies", "policy", Map.of("name", "gold", "project_id", "owner"));
    assertThat(s.get("/v2.0/qos/policies/" + policy, OTHER).status()).isEqualTo(404);
    String entry = shareId("qos_policy", policy, "other");
    assertThat(s.get("/v2.0/qos/policies/" + policy, OTHER).member("policy")).containsEntry("shared", true);
    assertThat(s.get("/v2.0/qos/policies/" + policy, THIRD).status()).isEqualTo(404);
    var net = s.post("/v2.0/networks", Map.of("network", Map.of("qos_policy_id", policy)), OTHER);
    assertThat(net.status()).as(net.raw().body()).isEqualTo(201);
    assertThat(s.post("/v2.0/networks", Map.of("network", Map.of("qos_policy_id", policy)), THIRD)
        .errorType()).isEqualTo("QosPolicyNotFound");
    assertThat(s.delete("/v2.0/rbac-policies/" + entry).errorType()).isEqualTo("RbacPolicyInUse");

    // shared=true is the '*' entry, owned by the policy's project.
    assertThat(s.put("/v2.0/qos/policies/" + policy, Map.of("policy", Map.of("shared", true)))
        .status()).isEqualTo(200);
    var wildcard = s.get("/v2.0/rbac-policies?object_id=" + policy + "&target_tenant=*")
        .list("rbac_policies");
    assertThat(wildcard).hasSize(1);
    assertThat(wildcard.get(0)).containsEntry("project_id", "owner").containsEntry("object_type", "qos_policy");
    assertThat(s.get("/v2.0/qos/policies/" + policy, THIRD).member("policy")).containsEntry("shared", true);
    assertThat(s.delete("/v2.0/rbac-policies/" + entry).status()).isEqualTo(204);
    // Unsharing would leave the other project's network without its policy.
    var unshare = s.put("/v2.0/qos/policies/" + policy, Map.of("policy", Map.of("shared", false)));
    assertThat(unshare.errorType()).isEqualTo("RbacPolicyInUse");
    assertThat(s.delete("/v2.0/networks/" + net.member("network").get("id"), OTHER).status()).isEqualTo(204);
    assertThat(s.put("/v2.0/qos/policies/" + policy, Map.of("policy", Map.of("shared", false)))
        .member("policy")).containsEntry("shared", false);
    assertThat(s.get("/v2.0/qos/policies/" + policy, OTHER).status()).isEqualTo(404);
    assertThat(s.get("/v2.0/rbac-policies?object_id=" + policy).list("rbac_policies")).isEmpty();
  }

  @Test
  void qosPolicyOwnersOwnBindingsKeepItShared() {
    // As Neutron counts them (test_policy_sharing_with_wildcard): the owner's networks too.
    String policy = create("/v2.0/qos/policies", "policy", Map.of("name", "own", "shared", true));
    assertThat(s.get("/v2.0/qos/policies/" + policy, OTHER).member("policy")).containsEntry("shared", true);
    var net = s.post("/v2.0/networks", Map.of("network", Map.of("qos_policy_id", policy)));
    assertThat(net.status()).isEqualTo(201);
    assertThat(s.put("/v2.0/qos/policies/" + policy, Map.of("policy", Map.of("shared", false)))
        .status()).isEqualTo(409);
    s.delete("/v2.0/networks/" + net.member("network").get("id"));
    assertThat(s.put("/v2.0/qos/policies/" + policy, Map.of("policy", Map.of("shared", false)))
        .status()).isEqualTo(200);
  }

  @Test
  void badInputIsRefused() {
    String sg = create("/v2.0/security-groups", "security_group", Map.of("name", "bad"), OWNER);
    var unknown = share("flavor", sg, "other", OWNER);
    assertThat(unknown.status()).isEqualTo(400);
    var external = s.post("/v2.0/rbac-policies", Map.of("rbac_policy", Map.of("object_type",
        "security_group", "object_id", sg, "action", "access_as_external", "target_tenant", "other")),
        OWNER);
    assertThat(external.status()).isEqualTo(400);
    assertThat(external.raw().body()).contains("Invalid action 'access_as_external' for object type "
        + "'security_group'");
    var missing = share("security_group", "7c3a2b66-4d4e-4c8a-9d2f-0f1e2d3c4b5a", "other", OWNER);
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.errorType()).isEqualTo("InvalidInput");
    // Another project's group, whether it can see it or not.
    assertThat(share("security_group", sg, "third", OTHER).status()).isEqualTo(400);
    // Only an admin shares with everyone.
    assertThat(share("security_group", sg, "*", OWNER).status()).isEqualTo(403);
    assertThat(share("security_group", sg, "x".repeat(256), OWNER).status()).isEqualTo(400);
    var noTarget = s.post("/v2.0/rbac-policies", Map.of("rbac_policy", Map.of("object_type",
        "security_group", "object_id", sg, "action", "access_as_shared")), OWNER);
    assertThat(noTarget.status()).isEqualTo(400);
    // The type is matched as Neutron's convert_valid_object_type does.
    assertThat(share(" Security_Group ", sg, "other", OWNER).member("rbac_policy"))
        .containsEntry("object_type", "security_group");
    assertThat(s.get("/v2.0/rbac-policies?object_type=security_group&object_id=" + sg, OWNER)
        .list("rbac_policies")).hasSize(1);
    assertThat(s.get("/v2.0/rbac-policies?object_type=network&object_id=" + sg, OWNER)
        .list("rbac_policies")).isEmpty();
  }

  @Test
  void entriesOfEveryTypeCountAgainstOneQuota() {
    String[] quotaProject = {"X-Project-Id", "counted", "X-Roles", "member"};
    assertThat(s.put("/v2.0/quotas/counted", Map.of("quota", Map.of("rbac_policy", 2))).status())
        .isEqualTo(200);
    String net = network(quotaProject);
    String sg = create("/v2.0/security-groups", "security_group", Map.of("name", "q"), quotaProject);
    String ag = create("/v2.0/address-groups", "address_group", Map.of("name", "q"), quotaProject);
    shareId("network", net, "other", quotaProject);
    shareId("security_group", sg, "other", quotaProject);
    var over = share("address_group", ag, "other", quotaProject);
    assertThat(over.status()).isEqualTo(409);
    assertThat(over.errorType()).isEqualTo("OverQuota");
    assertThat(s.get("/v2.0/quotas/counted/details").member("quota").get("rbac_policy"))
        .isEqualTo(Map.of("limit", 2, "used", 2, "reserved", 0));
  }

  @Test
  void extensionsAnnounceTheTypes() {
    for (String alias : List.of("rbac-policies", "rbac-security-groups", "rbac-address-scope",
        "rbac-subnetpool", "rbac-address-group", "security-groups-shared-filtering")) {
      assertThat(s.get("/v2.0/extensions/" + alias).status()).as(alias).isEqualTo(200);
    }
  }
}
