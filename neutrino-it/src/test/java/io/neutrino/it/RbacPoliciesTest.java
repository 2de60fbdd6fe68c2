package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sharing rules: shared and external networks, and rbac-policies for one project or all. */
class RbacPoliciesTest {
  static TestServer s;

  @BeforeAll
  static void start() {
    s = TestServer.start();
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static final String[] OWNER = {"X-Project-Id", "owner", "X-Roles", "member"};
  private static final String[] OTHER = {"X-Project-Id", "other", "X-Roles", "member"};
  private static final String[] THIRD = {"X-Project-Id", "third", "X-Roles", "member"};

  private String ownerNetworkWithSubnet(String cidr) {
    String net = (String) s.post("/v2.0/networks", Map.of("network", Map.of("name", "rbac")), OWNER)
        .member("network").get("id");
    s.post("/v2.0/subnets", Map.of("subnet", Map.of("network_id", net, "cidr", cidr, "ip_version", 4)), OWNER);
    return net;
  }

  @Test
  void shareWithOneProject() {
    String net = ownerNetworkWithSubnet("10.50.0.0/24");
    assertThat(s.get("/v2.0/networks/" + net, OTHER).status()).isEqualTo(404);
    assertThat(s.post("/v2.0/ports", Map.of("port", Map.of("network_id", net)), OTHER).status()).isEqualTo(404);

    var policy = s.post("/v2.0/rbac-policies", Map.of("rbac_policy", Map.of("object_type", "network",
        "object_id", net, "action", "access_as_shared", "target_tenant", "other")), OWNER);
    assertThat(policy.status()).as(policy.raw().body()).isEqualTo(201);
    String policyId = (String) policy.member("rbac_policy").get("id");
    assertThat(policy.member("rbac_policy")).containsEntry("object_type", "network").containsEntry("project_id", "owner");
    var dup = s.post("/v2.0/rbac-policies", Map.of("rbac_policy", Map.of("object_type", "network",
        "object_id", net, "action", "access_as_shared", "target_tenant", "other")), OWNER);
    assertThat(dup.status()).isEqualTo(409);

    var seen = s.get("/v2.0/networks/" + net, OTHER);
    assertThat(seen.status()).isEqualTo(200);
    assertThat(seen.member("network").get("shared")).isEqualTo(true);
    assertThat(s.get("/v2.0/networks/" + net, THIRD).status()).isEqualTo(404);
    assertThat(s.get("/v2.0/subnets?network_id=" + net, OTHER).list("subnets")).hasSize(1);
    var port = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", net)), OTHER);
    assertThat(port.status()).as(port.raw().body()).isEqualTo(201);

    // The other project's port depends on the policy: it cannot go, nor be retargeted.
    assertThat(s.delete("/v2.0/rbac-policies/" + policyId, OWNER).errorType()).isEqualTo("RbacPolicyInUse");
    assertThat(s.put("/v2.0/rbac-policies/" + policyId, Map.of("rbac_policy", Map.of("target_tenant", "third")),
        OWNER).status()).isEqualTo(409);
    assertThat(s.delete("/v2.0/ports/" + port.member("port").get("id"), OTHER).status()).isEqualTo(204);
    assertThat(s.delete("/v2.0/rbac-policies/" + policyId, OWNER).status()).isEqualTo(204);
    assertThat(s.get("/v2.0/networks/" + net, OTHER).status()).isEqualTo(404);
  }

  @Test
  void wildcardIsAdminOnlyAndMirrorsShared() {
    String net = ownerNetworkWithSubnet("10.51.0.0/24");
    var wildcard = s.post("/v2.0/rbac-policies", Map.of("rbac_policy", Map.of("object_type", "network",
        "object_id", net, "action", "access_as_shared", "target_tenant", "*")), OWNER);
    assertThat(wildcard.status()).isEqualTo(403);
    var admin = s.post("/v2.0/rbac-policies", Map.of("rbac_policy", Map.of("object_type", "network",
        "object_id", net, "action", "access_as_shared", "target_tenant", "*")));
    assertThat(admin.status()).isEqualTo(201);
    assertThat(s.get("/v2.0/networks/" + net).member("network").get("shared")).isEqualTo(true);
    assertThat(s.get("/v2.0/networks/" + net, THIRD).status()).isEqualTo(200);
    var port = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", net)), THIRD);
    assertThat(port.status()).isEqualTo(201);
    // Unsharing while another project uses the network is refused.
    assertThat(s.put("/v2.0/networks/" + net, Map.of("network", Map.of("shared", false))).errorType())
        .isEqualTo("InvalidSharedSetting");
    s.delete("/v2.0/ports/" + port.member("port").get("id"));
    assertThat(s.put("/v2.0/networks/" + net, Map.of("network", Map.of("shared", false))).status()).isEqualTo(200);
    assertThat(s.get("/v2.0/rbac-policies?object_id=" + net).list("rbac_policies")).isEmpty();
  }

  @Test
  void sharedAndExternalNetworksAndBadInput() {
    var shared = s.post("/v2.0/networks", Map.of("network", Map.of("shared", true)));
    String id = (String) shared.member("network").get("id");
    assertThat(s.get("/v2.0/rbac-policies?object_id=" + id).list("rbac_policies"))
        .extracting(p -> p.get("target_tenant")).containsExactly("*");
    var external = s.post("/v2.0/networks", Map.of("network", Map.of("router:external", true)));
    String ext = (String) external.member("network").get("id");
    assertThat(s.get("/v2.0/networks/" + ext, OTHER).status()).isEqualTo(200);
    assertThat(s.post("/v2.0/ports", Map.of("port", Map.of("network_id", ext)), OTHER).status()).isEqualTo(404);
    assertThat(s.post("/v2.0/rbac-policies", Map.of("rbac_policy", Map.of("object_type", "qos_policy",
        "object_id", id, "action", "access_as_shared", "target_tenant", "x"))).status()).isEqualTo(400);
    assertThat(s.post("/v2.0/rbac-policies", Map.of("rbac_policy", Map.of("object_type", "network",
        "object_id", id, "action", "access_as_owner", "target_tenant", "x"))).status()).isEqualTo(400);
    assertThat(s.get("/v2.0/rbac-policies", OTHER).list("rbac_policies")).isEmpty();
    assertThat(s.get("/v2.0/extensions/rbac-policies").status()).isEqualTo(200);
    assertThat(List.of(id)).isNotEmpty();
  }

  @Test
  void sharedFilterRevisionAndBadInput() {
    String net = ownerNetworkWithSubnet("10.52.0.0/24");
    var policy = s.post("/v2.0/rbac-policies", Map.of("rbac_policy", Map.of("object_type", "network",
        "object_id", net, "action", "access_as_shared", "target_tenant", "other")), OWNER);
    assertThat(policy.status()).isEqualTo(201);
    // shared=true means shared with the caller's project (or all), as Neutron's model query reads it.
    assertThat(s.get("/v2.0/networks?shared=true", OTHER).list("networks"))
        .extracting(n -> n.get("id")).contains(net);
    assertThat(s.get("/v2.0/subnets?shared=true", OTHER).list("subnets"))
        .extracting(n -> n.get("network_id")).contains(net);
    assertThat(s.get("/v2.0/networks?shared=false", OTHER).list("networks"))
        .extracting(n -> n.get("id")).doesNotContain(net);
    assertThat(s.get("/v2.0/networks?shared=true", OWNER).list("networks"))
        .extracting(n -> n.get("id")).doesNotContain(net);
    // An entry made through rbac-policies revises the network (NetworkRBAC revises_on_change).
    Number before = (Number) s.get("/v2.0/networks/" + net, OTHER).member("network").get("revision_number");
    s.post("/v2.0/rbac-policies", Map.of("rbac_policy", Map.of("object_type", "network",
        "object_id", net, "action", "access_as_shared", "target_tenant", "*")));
    Number after = (Number) s.get("/v2.0/networks/" + net, OTHER).member("network").get("revision_number");
    assertThat(after.longValue()).isGreaterThan(before.longValue());
    // Sharing another project's network, or one that is not there, is invalid input.
    assertThat(s.post("/v2.0/rbac-policies", Map.of("rbac_policy", Map.of("object_type", "network",
        "object_id", net, "action", "access_as_shared", "target_tenant", "third")), OTHER).status())
        .isEqualTo(400);
    assertThat(s.post("/v2.0/rbac-policies", Map.of("rbac_policy", Map.of("object_type", "network",
        "object_id", "0a1b2c3d-0000-4000-8000-000000000000", "action", "access_as_shared",
        "target_tenant", "third"))).status()).isEqualTo(400);
  }
}
