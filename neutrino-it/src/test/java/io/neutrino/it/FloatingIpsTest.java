package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Floating IPs (tempest test_floating_ips*): create, associate, disassociate, delete. */
class FloatingIpsTest {
  static TestServer s;
  static final String[] P1 = {"X-Project-Id", "p1"};
  static String ext;

  @BeforeAll
  static void start() {
    s = TestServer.start(Map.of("DEFAULT", Map.of("service_plugins", "router")));
    ext = RoutersTestHelper.external(s, "172.30.0.0/24");
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  static String[] privateNet(String cidr) {
    var n = s.post("/v2.0/networks", Map.of("network", Map.of("name", "n")), P1);
    String netId = (String) n.member("network").get("id");
    var sub = s.post("/v2.0/subnets", Map.of("subnet", Map.of("network_id", netId, "cidr", cidr, "ip_version", 4)), P1);
    return new String[] {netId, (String) sub.member("subnet").get("id")};
  }

  static String port(String netId) {
    var p = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", netId)), P1);
    assertThat(p.status()).as(p.raw().body()).isEqualTo(201);
    return (String) p.member("port").get("id");
  }

  static String connectedRouter(String subnetId) {
    var r = s.post("/v2.0/routers", Map.of("router", Map.of("name", "r",
        "external_gateway_info", Map.of("network_id", ext))), P1);
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    String id = (String) r.member("router").get("id");
    var i = s.put("/v2.0/routers/" + id + "/add_router_interface", Map.of("subnet_id", subnetId), P1);
    assertThat(i.status()).as(i.raw().body()).isEqualTo(200);
    return id;
  }

  @Test
  @SuppressWarnings("unchecked")
  void createAssociateDisassociateDelete() {
    String[] net = privateNet("10.10.0.0/24");
    String router = connectedRouter(net[1]);
    String p0 = port(net[0]);
    String p1 = port(net[0]);

    var c = s.post("/v2.0/floatingips", Map.of("floatingip", Map.of("floating_network_id", ext, "port_id", p0)), P1);
    assertThat(c.status()).as(c.raw().body()).isEqualTo(201);
    var fip = c.member("floatingip");
    String id = (String) fip.get("id");
    assertThat(fip.get("project_id")).isEqualTo("p1");
    assertThat((String) fip.get("floating_ip_address")).startsWith("172.30.0.");
    assertThat(fip.get("port_id")).isEqualTo(p0);
    assertThat((String) fip.get("fixed_ip_address")).startsWith("10.10.0.");
    assertThat(fip.get("router_id")).isEqualTo(router);
    assertThat(fip.get("status")).isEqualTo("DOWN");
    assertThat(fip.get("floating_network_id")).isEqualTo(ext);
    assertThat(((Map<String, Object>) fip.get("port_details")).get("network_id")).isEqualTo(net[0]);
    assertThat(fip).containsKeys("description", "created_at", "updated_at", "revision_number", "tags");

    // the floating port is hidden, owned by the floating IP
    var fports = s.get("/v2.0/ports?device_id=" + id).list("ports");
    assertThat(fports).hasSize(1);
    assertThat(fports.get(0).get("device_owner")).isEqualTo("network:floatingip");
    assertThat(fports.get(0).get("project_id")).isEqualTo("");
    assertThat(s.delete("/v2.0/ports/" + fports.get(0).get("id")).status()).isEqualTo(409);

    assertThat(s.get("/v2.0/floatingips", P1).list("floatingips")).extracting(m -> m.get("id")).contains(id);
    assertThat(s.get("/v2.0/floatingips/" + id, "X-Project-Id", "p2").status()).isEqualTo(404);

    // one floating IP per fixed IP
    var dup = s.post("/v2.0/floatingips", Map.of("floatingip", Map.of("floating_network_id", ext, "port_id", p0)), P1);
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.errorType()).isEqualTo("FloatingIPPortAlreadyAssociated");

    // the interface is needed by the floating IP
    var rm = s.put("/v2.0/routers/" + router + "/remove_router_interface", Map.of("subnet_id", net[1]), P1);
    assertThat(rm.status()).isEqualTo(409);
    assertThat(rm.errorType()).isEqualTo("RouterInterfaceInUseByFloatingIP");
    // and the gateway
    var gw = s.put("/v2.0/routers/" + router, Map.of("router", Map.of("external_gateway_info", Map.of())));
    assertThat(gw.status()).isEqualTo(409);

    // move to another port
    var moved = s.put("/v2.0/floatingips/" + id, Map.of("floatingip", Map.of("port_id", p1)), P1);
    assertThat(moved.status()).as(moved.raw().body()).isEqualTo(200);
    assertThat(moved.member("floatingip").get("port_id")).isEqualTo(p1);
    assertThat(moved.member("floatingip").get("router_id")).isEqualTo(router);

    // disassociate
    Map<String, Object> none = new HashMap<>();
    none.put("port_id", null);
    var dis = s.put("/v2.0/floatingips/" + id, Map.of("floatingip", none), P1);
    assertThat(dis.status()).as(dis.raw().body()).isEqualTo(200);
    assertThat(dis.member("floatingip").get("port_id")).isNull();
    assertThat(dis.member("floatingip").get("fixed_ip_address")).isNull();
    assertThat(dis.member("floatingip").get("router_id")).isNull();
    assertThat(dis.member("floatingip").get("port_details")).isNull();

    assertThat(s.delete("/v2.0/floatingips/" + id, P1).status()).isEqualTo(204);
    assertThat(s.get("/v2.0/floatingips/" + id, P1).status()).isEqualTo(404);
    assertThat(s.get("/v2.0/floatingips/" + id, P1).errorType()).isEqualTo("FloatingIPNotFound");
    assertThat(s.get("/v2.0/ports?device_id=" + id).list("ports")).isEmpty();
  }

  @Test
  void portDeleteDisassociates() {
    String[] net = privateNet("10.11.0.0/24");
    connectedRouter(net[1]);
    String p0 = port(net[0]);
    var c = s.post("/v2.0/floatingips", Map.of("floatingip", Map.of("floating_network_id", ext, "port_id", p0)), P1);
    assertThat(c.status()).as(c.raw().body()).isEqualTo(201);
    String id = (String) c.member("floatingip").get("id");
    assertThat(s.delete("/v2.0/ports/" + p0, P1).status()).isEqualTo(204);
    var shown = s.get("/v2.0/floatingips/" + id, P1).member("floatingip");
    assertThat(shown.get("port_id")).isNull();
    assertThat(shown.get("fixed_ip_address")).isNull();
    assertThat(shown.get("router_id")).isNull();
    assertThat(s.delete("/v2.0/floatingips/" + id, P1).status()).isEqualTo(204);
  }

  @Test
  void noGatewayAndBadNetworks() {
    String[] net = privateNet("10.12.0.0/24");
    String p0 = port(net[0]);
    var unreachable = s.post("/v2.0/floatingips", Map.of("floatingip", Map.of("floating_network_id", ext, "port_id", p0)), P1);
    assertThat(unreachable.status()).isEqualTo(404);
    assertThat(unreachable.errorType()).isEqualTo("ExternalGatewayForFloatingIPNotFound");

    var priv = s.post("/v2.0/floatingips", Map.of("floatingip", Map.of("floating_network_id", net[0])), P1);
    assertThat(priv.status()).isEqualTo(400);

    var fixedNoPort = s.post("/v2.0/floatingips", Map.of("floatingip",
        Map.of("floating_network_id", ext, "fixed_ip_address", "10.12.0.5")), P1);
    assertThat(fixedNoPort.status()).isEqualTo(400);

    // unassociated, then associate fails without a router
    var c = s.post("/v2.0/floatingips", Map.of("floatingip", Map.of("floating_network_id", ext)), P1);
    assertThat(c.status()).as(c.raw().body()).isEqualTo(201);
    String id = (String) c.member("floatingip").get("id");
    var assoc = s.put("/v2.0/floatingips/" + id, Map.of("floatingip", Map.of("port_id", p0)), P1);
    assertThat(assoc.status()).isEqualTo(404);

    // admin picks the address; a non-admin may not
    var chosen = s.post("/v2.0/floatingips", Map.of("floatingip", Map.of("floating_network_id", ext,
        "floating_ip_address", "172.30.0.200")));
    assertThat(chosen.status()).as(chosen.raw().body()).isEqualTo(201);
    assertThat(chosen.member("floatingip").get("floating_ip_address")).isEqualTo("172.30.0.200");
    var notAdmin = s.post("/v2.0/floatingips", Map.of("floatingip", Map.of("floating_network_id", ext,
        "floating_ip_address", "172.30.0.201")), P1);
    assertThat(notAdmin.status()).isEqualTo(403);

    var pools = s.get("/v2.0/floatingip_pools", P1);
    assertThat(pools.status()).as(pools.raw().body()).isEqualTo(200);
    assertThat(pools.list("floatingip_pools")).extracting(m -> m.get("network_id")).contains(ext);
  }

  @Test
  void multipleFixedIpsNeedAnAddress() {
    String[] net = privateNet("10.13.0.0/24");
    String sub2 = (String) s.post("/v2.0/subnets", Map.of("subnet", Map.of("network_id", net[0],
        "cidr", "10.14.0.0/24", "ip_version", 4)), P1).member("subnet").get("id");
    connectedRouter(net[1]);
    var p = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", net[0],
        "fixed_ips", List.of(Map.of("subnet_id", net[1]), Map.of("subnet_id", sub2)))), P1);
    String portId = (String) p.member("port").get("id");
    var r = s.post("/v2.0/floatingips", Map.of("floatingip", Map.of("floating_network_id", ext, "port_id", portId)), P1);
    assertThat(r.status()).isEqualTo(400);
    @SuppressWarnings("unchecked")
    var ips = (List<Map<String, Object>>) p.member("port").get("fixed_ips");
    String first = ips.stream().filter(f -> f.get("subnet_id").equals(net[1])).findFirst().orElseThrow().get("ip_address").toString();
    var ok = s.post("/v2.0/floatingips", Map.of("floatingip", Map.of("floating_network_id", ext,
        "port_id", portId, "fixed_ip_address", first)), P1);
    assertThat(ok.status()).as(ok.raw().body()).isEqualTo(201);
    assertThat(ok.member("floatingip").get("fixed_ip_address")).isEqualTo(first);
  }

  @Test
  void deletingAnExternalNetworkDeletesItsUnassociatedFloatingIps() {
    String net = (String) s.post("/v2.0/networks", Map.of("network", Map.of("router:external", true)))
        .member("network").get("id");
    s.post("/v2.0/subnets", Map.of("subnet", Map.of("network_id", net, "cidr", "172.30.9.0/24",
        "ip_version", 4, "enable_dhcp", false)));
    var fip = s.post("/v2.0/floatingips", Map.of("floatingip", Map.of("floating_network_id", net)));
    assertThat(fip.status()).isEqualTo(201);
    assertThat(s.delete("/v2.0/networks/" + net).status()).isEqualTo(204);
    assertThat(s.get("/v2.0/floatingips/" + fip.member("floatingip").get("id")).status()).isEqualTo(404);
  }
}
