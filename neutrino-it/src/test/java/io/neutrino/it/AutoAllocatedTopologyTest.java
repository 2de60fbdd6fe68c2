package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * auto-allocated-topology (default service plugin auto_allocate) with is_default on networks:
 * one sequence, since the default external network and default subnet pools are global.
 */
@SuppressWarnings("unchecked")
class AutoAllocatedTopologyTest {
  static TestServer s;
  static final String[] AA = {"X-Project-Id", "aa1"};

  @BeforeAll
  static void start() {
    s = TestServer.start(Map.of("DEFAULT", Map.of("service_plugins", "router")));
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  static String external(String name, Object isDefault, String cidr) {
    var n = s.post("/v2.0/networks", Map.of("network", Map.of("name", name, "router:external", true,
        "is_default", isDefault)));
    assertThat(n.status()).as(n.raw().body()).isEqualTo(201);
    String id = (String) n.member("network").get("id");
    s.post("/v2.0/subnets", Map.of("subnet", Map.of("network_id", id, "cidr", cidr, "ip_version", 4)));
    return id;
  }

  @Test
  void provisionShowAndDelete() {
    assertThat(s.get("/v2.0/extensions/auto-allocated-topology").status()).isEqualTo(200);
    var noDefault = s.get("/v2.0/auto-allocated-topology/aa1?fields=dry-run", AA);
    assertThat(noDefault.status()).isEqualTo(409);
    assertThat(noDefault.errorType()).isEqualTo("AutoAllocationFailure");
    assertThat(s.get("/v2.0/auto-allocated-topology/aa1", AA).errorType()).isEqualTo("AutoAllocationFailure");

    // is_default: one default external network, shown on external networks only
    String a = external("ext-a", true, "172.33.0.0/24");
    assertThat(s.get("/v2.0/networks/" + a).member("network")).containsEntry("is_default", true);
    var second = s.post("/v2.0/networks", Map.of("network", Map.of("name", "ext-b",
        "router:external", true, "is_default", true)));
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.errorType()).isEqualTo("DefaultExternalNetworkExists");
    String b = external("ext-b", false, "172.34.0.0/24");
    assertThat(s.get("/v2.0/networks/" + b).member("network")).containsEntry("is_default", false);
    assertThat(s.put("/v2.0/networks/" + b, Map.of("network", Map.of("is_default", true))).status())
        .isEqualTo(409);
    assertThat(s.get("/v2.0/networks?is_default=true").list("networks")).extracting(n -> n.get("id"))
        .containsExactly(a);
    String internal = (String) s.post("/v2.0/networks", Map.of("network", Map.of("name", "in")), AA)
        .member("network").get("id");
    assertThat(s.get("/v2.0/networks/" + internal, AA).member("network")).doesNotContainKey("is_default");
    assertThat(s.post("/v2.0/networks", Map.of("network", Map.of("name", "x", "is_default", true)), AA)
        .status()).isEqualTo(403);

    var noPools = s.get("/v2.0/auto-allocated-topology/aa1?fields=dry-run", AA);
    assertThat(noPools.status()).isEqualTo(409);
    assertThat(noPools.errorType()).isEqualTo("AutoAllocationFailure");
    var pool = s.post("/v2.0/subnetpools", Map.of("subnetpool", Map.of("name", "default-v4",
        "prefixes", List.of("10.128.0.0/16"), "default_prefixlen", 26, "shared", true, "is_default", true)));
    assertThat(pool.status()).as(pool.raw().body()).isEqualTo(201);
    // The check passed: Zed answers it whole, whatever fields= asked for.
    var dryRun = s.get("/v2.0/auto-allocated-topology/aa1?fields=dry-run", AA);
    assertThat(dryRun.status()).as(dryRun.raw().body()).isEqualTo(200);
    assertThat(dryRun.member("auto_allocated_topology"))
        .isEqualTo(Map.of("id", "dry-run=pass", "tenant_id", "aa1"));
    var otherFields = s.get("/v2.0/auto-allocated-topology/aa1?fields=id", AA);
    assertThat(otherFields.status()).isEqualTo(400);
    assertThat(otherFields.errorType()).isEqualTo("BadRequest");
    var notMine = s.get("/v2.0/auto-allocated-topology/someone-else", AA);
    assertThat(notMine.status()).isEqualTo(403);

    var got = s.get("/v2.0/auto-allocated-topology/aa1", AA);
    assertThat(got.status()).as(got.raw().body()).isEqualTo(200);
    var topology = got.member("auto_allocated_topology");
    assertThat(topology).containsOnlyKeys("id", "tenant_id").containsEntry("tenant_id", "aa1");
    String net = (String) topology.get("id");
    var network = s.get("/v2.0/networks/" + net, AA).member("network");
    assertThat(network).containsEntry("name", "auto_allocated_network").containsEntry("admin_state_up", true)
        .containsEntry("project_id", "aa1");
    var subnets = s.get("/v2.0/subnets?network_id=" + net, AA).list("subnets");
    assertThat(subnets).singleElement().satisfies(sn -> assertThat(sn)
        .containsEntry("name", "auto_allocated_subnet_v4").containsEntry("subnetpool_id", pool.member("subnetpool").get("id")));
    var routers = s.get("/v2.0/routers?name=auto_allocated_router", AA).list("routers");
    assertThat(routers).hasSize(1);
    assertThat(((Map<String, Object>) routers.get(0).get("external_gateway_info")).get("network_id")).isEqualTo(a);
    String router = (String) routers.get(0).get("id");
    assertThat(s.get("/v2.0/ports?device_id=" + router + "&network_id=" + net, AA).list("ports")).hasSize(1);

    assertThat(s.get("/v2.0/auto-allocated-topology/aa1", AA).member("auto_allocated_topology"))
        .containsEntry("id", net);
    assertThat(s.get("/v2.0/auto-allocated-topology/None", AA).member("auto_allocated_topology"))
        .containsEntry("id", net);
    assertThat(s.get("/v2.0/auto-allocated-topology", AA).status()).isEqualTo(405);

    assertThat(s.delete("/v2.0/auto-allocated-topology/aa1", AA).status()).isEqualTo(204);
    assertThat(s.get("/v2.0/networks/" + net, AA).status()).isEqualTo(404);
    assertThat(s.get("/v2.0/routers/" + router, AA).status()).isEqualTo(404);

    // a network that stops being external loses its default mark
    assertThat(s.put("/v2.0/networks/" + a, Map.of("network", Map.of("router:external", false))).status())
        .isEqualTo(200);
    assertThat(s.get("/v2.0/networks/" + a).member("network")).doesNotContainKey("is_default");
    assertThat(s.put("/v2.0/networks/" + b, Map.of("network", Map.of("is_default", true))).status())
        .isEqualTo(200);
  }
}
