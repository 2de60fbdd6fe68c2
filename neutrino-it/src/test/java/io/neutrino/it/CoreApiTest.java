package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The core resources over HTTP: create, show, list with filters/paging, update, delete, faults. */
class CoreApiTest {
  static TestServer s;

  @BeforeAll
  static void start() {
    s = TestServer.start();
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  @Test
  void versionsAndResources() {
    var root = s.get("/");
    assertThat(root.status()).isEqualTo(200);
    assertThat(root.body().toString()).contains("v2.0", "CURRENT");
    assertThat(s.get("/v3").status()).isEqualTo(404);
    var v2 = s.get("/v2.0");
    assertThat(v2.list("resources")).extracting(r -> r.get("collection"))
        .contains("networks", "subnets", "subnetpools", "ports");
    assertThat(s.get("/v2.0/extensions").list("extensions")).extracting(e -> e.get("alias"))
        .contains("revision-if-match", "filter-validation", "standard-attr-tag");
    assertThat(s.get("/v2.0/extensions/nope").status()).isEqualTo(404);
    var providers = s.get("/v2.0/service-providers");
    assertThat(providers.status()).isEqualTo(200);
    assertThat(providers.list("service_providers")).isEmpty(); // none configured
  }

  @Test
  void networkSubnetPortLifecycle() {
    String[] ns = s.networkWithSubnet("10.1.0.0/24");
    var subnet = s.get("/v2.0/subnets/" + ns[1]).member("subnet");
    assertThat(subnet.get("gateway_ip")).isEqualTo("10.1.0.1");
    assertThat(subnet.get("allocation_pools")).isEqualTo(List.of(Map.of("start", "10.1.0.2", "end", "10.1.0.254")));
    var port = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", ns[0], "device_id", "vm-1")));
    assertThat(port.status()).isEqualTo(201);
    var p = port.member("port");
    assertThat((String) p.get("mac_address")).startsWith("fa:16:3e:");
    assertThat(p.get("tenant_id")).isEqualTo(p.get("project_id")).isEqualTo("fake_project_id");
    @SuppressWarnings("unchecked")
    var ips = (List<Map<String, Object>>) p.get("fixed_ips");
    assertThat(ips).hasSize(1);
    assertThat(ips.get(0).get("subnet_id")).isEqualTo(ns[1]);

    var net = s.get("/v2.0/networks/" + ns[0]).member("network");
    assertThat(net.get("subnets")).isEqualTo(List.of(ns[1]));
    assertThat(s.delete("/v2.0/networks/" + ns[0]).errorType()).isEqualTo("NetworkInUse");
    assertThat(s.delete("/v2.0/subnets/" + ns[1]).errorType()).isEqualTo("SubnetInUse");

    var byDevice = s.get("/v2.0/ports?device_id=vm-1&fields=id&fields=device_id");
    assertThat(byDevice.list("ports")).containsExactly(Map.of("id", p.get("id"), "device_id", "vm-1"));
    var byIp = s.get("/v2.0/ports?fixed_ips=ip_address%3D" + ips.get(0).get("ip_address"));
    assertThat(byIp.list("ports")).extracting(x -> x.get("id")).containsExactly(p.get("id"));

    var upd = s.put("/v2.0/ports/" + p.get("id"), Map.of("port", Map.of("name", "renamed")));
    assertThat(upd.member("port").get("revision_number")).isEqualTo(2);
    assertThat(s.put("/v2.0/ports/" + p.get("id"), Map.of("port", Map.of("name", "x")),
        "If-Match", "revision_number=1").status()).isEqualTo(412);
    assertThat(s.delete("/v2.0/ports/" + p.get("id")).status()).isEqualTo(204);
    assertThat(s.get("/v2.0/ports/" + p.get("id")).errorType()).isEqualTo("PortNotFound");
    assertThat(s.delete("/v2.0/subnets/" + ns[1]).status()).isEqualTo(204);
    assertThat(s.delete("/v2.0/networks/" + ns[0]).status()).isEqualTo(204);
    assertThat(s.get("/v2.0/networks/" + ns[0]).status()).isEqualTo(404);
  }

  /**
   * The API's checks of a port update or delete (visibility, policy, If-Match) run on the port as
   * the change's transaction locks it (ResourceHandler.checkedUpdate and checkedDelete): each
   * refusal is what it was after a show, and changes nothing.
   */
  @Test
  void aRefusedPortChangeChangesNothing() {
    String[] ns = s.networkWithSubnet("10.7.0.0/24");
    var port = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", ns[0], "project_id", "p1",
        "name", "kept"))).member("port");
    String path = "/v2.0/ports/" + port.get("id");
    Map<String, Object> before = s.get(path).member("port");

    // Another project's port does not exist for it.
    assertThat(s.put(path, Map.of("port", Map.of("name", "x")), "X-Project-Id", "p2").errorType())
        .isEqualTo("PortNotFound");
    assertThat(s.delete(path, "X-Project-Id", "p2").errorType()).isEqualTo("PortNotFound");
    // Its owner may not bind it (admin only) ...
    assertThat(s.put(path, Map.of("port", Map.of("binding:host_id", "h1")), "X-Project-Id", "p1").status())
        .isEqualTo(403);
    // ... nor change or delete it at a revision it has moved past.
    assertThat(s.put(path, Map.of("port", Map.of("name", "x")), "X-Project-Id", "p1",
        "If-Match", "revision_number=99").status()).isEqualTo(412);
    assertThat(s.delete(path, "X-Project-Id", "p1", "If-Match", "revision_number=99").status()).isEqualTo(412);
    // A body that does not validate is refused before the port is looked at, as Neutron does.
    assertThat(s.put("/v2.0/ports/00000000-0000-0000-0000-000000000007",
        Map.of("port", Map.of("admin_state_up", "maybe"))).status()).isEqualTo(400);
    assertThat(s.get(path).member("port")).isEqualTo(before);

    assertThat(s.put(path, Map.of("port", Map.of("name", "renamed")), "X-Project-Id", "p1",
        "If-Match", "revision_number=" + before.get("revision_number")).member("port"))
        .containsEntry("name", "renamed");
    assertThat(s.delete(path, "X-Project-Id", "p1").status()).isEqualTo(204);
    assertThat(s.get(path).status()).isEqualTo(404);
  }

  @Test
  void explicitAddressesAndConflicts() {
    String[] ns = s.networkWithSubnet("10.2.0.0/24");
    var fixed = List.of(Map.of("ip_address", "10.2.0.50"));
    var p1 = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", ns[0], "fixed_ips", fixed)));
    assertThat(p1.status()).isEqualTo(201);
    var dup = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", ns[0], "fixed_ips", fixed)));
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.errorType()).isEqualTo("IpAddressInUse");
    String mac = (String) p1.member("port").get("mac_address");
    var dupMac = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", ns[0], "mac_address", mac)));
    assertThat(dupMac.errorType()).isEqualTo("MacAddressInUse");
    var outside = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", ns[0],
        "fixed_ips", List.of(Map.of("ip_address", "192.168.9.9")))));
    assertThat(outside.status()).isEqualTo(400);
  }

  @Test
  void paginationAndSorting() {
    String net = (String) s.post("/v2.0/networks", Map.of("network", Map.of("name", "pg"))).member("network").get("id");
    for (int i = 0; i < 5; i++) {
      s.post("/v2.0/ports", Map.of("port", Map.of("network_id", net, "name", "p" + i, "fixed_ips", List.of())));
    }
    var page1 = s.get("/v2.0/ports?network_id=" + net + "&limit=2&sort_key=name&sort_dir=asc");
    assertThat(page1.list("ports")).extracting(p -> p.get("name")).containsExactly("p0", "p1");
    @SuppressWarnings("unchecked")
    var links = (List<Map<String, String>>) page1.body().get("ports_links");
    String next = links.stream().filter(l -> l.get("rel").equals("next")).findFirst().orElseThrow().get("href");
    var page2 = s.get(next.substring(s.base.length()));
    assertThat(page2.list("ports")).extracting(p -> p.get("name")).containsExactly("p2", "p3");
    var desc = s.get("/v2.0/ports?network_id=" + net + "&sort_key=name&sort_dir=desc");
    assertThat(desc.list("ports")).extracting(p -> p.get("name")).containsExactly("p4", "p3", "p2", "p1", "p0");
    var or = s.get("/v2.0/ports?network_id=" + net + "&name=p1&name=p3");
    assertThat(or.list("ports")).hasSize(2);
    assertThat(s.get("/v2.0/ports?network_id=" + net + "&name=p1&device_id=x").list("ports")).isEmpty();
  }

  @Test
  void badInputIsA4xxThatChangesNothing() {
    int before = s.get("/v2.0/networks").list("networks").size();
    assertThat(s.post("/v2.0/networks", "not json").status()).isEqualTo(400);
    assertThat(s.post("/v2.0/networks", Map.of("network", Map.of("admin_state_up", "maybe"))).status()).isEqualTo(400);
    assertThat(s.post("/v2.0/networks", Map.of("network", Map.of("id", "x"))).status()).isEqualTo(400);
    assertThat(s.post("/v2.0/networks", Map.of("network", Map.of("name", "x".repeat(300)))).status()).isEqualTo(400);
    assertThat(s.post("/v2.0/networks", "{\"network\": {\"name\": \"" + "y".repeat(200_000) + "\"}}").status()).isEqualTo(413);
    assertThat(s.post("/v2.0/subnets", Map.of("subnet", Map.of("network_id", "not-a-uuid", "cidr", "10.0.0.0/24", "ip_version", 4))).status()).isEqualTo(400);
    assertThat(s.post("/v2.0/ports", Map.of("port", Map.of("network_id", "00000000-0000-0000-0000-000000000000"))).status()).isEqualTo(404);
    assertThat(s.get("/v2.0/networks").list("networks")).hasSize(before);
  }

  @Test
  void bulkCreateIsAllOrNothing() {
    String net = (String) s.post("/v2.0/networks", Map.of("network", Map.of("name", "bulk"))).member("network").get("id");
    var ok = s.post("/v2.0/ports", Map.of("ports", List.of(
        Map.of("network_id", net, "name", "b1"), Map.of("network_id", net, "name", "b2"))));
    assertThat(ok.status()).isEqualTo(201);
    assertThat(ok.list("ports")).hasSize(2);
    var bad = s.post("/v2.0/ports", Map.of("ports", List.of(
        Map.of("network_id", net, "name", "b3"),
        Map.of("network_id", net, "mac_address", ok.list("ports").get(0).get("mac_address")))));
    assertThat(bad.status()).isEqualTo(409);
    assertThat(s.get("/v2.0/ports?network_id=" + net).list("ports")).hasSize(2);
  }

  @Test
  void nonAdminSeesOnlyItsOwnAndShared() {
    var mine = s.post("/v2.0/networks", Map.of("network", Map.of("name", "p1net")), "X-Project-Id", "p1");
    assertThat(mine.member("network").get("project_id")).isEqualTo("p1");
    String id = (String) mine.member("network").get("id");
    assertThat(s.get("/v2.0/networks/" + id, "X-Project-Id", "p2").status()).isEqualTo(404);
    assertThat(s.get("/v2.0/networks/" + id, "X-Project-Id", "p1").member("network"))
        .doesNotContainKey("provider:network_type");
    var shared = s.post("/v2.0/networks", Map.of("network", Map.of("shared", true)), "X-Project-Id", "p1");
    assertThat(shared.status()).isEqualTo(403);
  }
}
