package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The router service plugin: routers, gateways, interfaces, extra routes (tempest test_routers*). */
class RoutersTest {
  static TestServer s;
  static final String[] P1 = {"X-Project-Id", "p1"};

  @BeforeAll
  static void start() {
    s = TestServer.start(Map.of("DEFAULT", Map.of("service_plugins", "router")));
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  static String externalNetwork(String cidr) {
    var n = s.post("/v2.0/networks", Map.of("network", Map.of("name", "public", "router:external", true)));
    assertThat(n.status()).as(n.raw().body()).isEqualTo(201);
    String id = (String) n.member("network").get("id");
    var sub = s.post("/v2.0/subnets", Map.of("subnet", Map.of("network_id", id, "cidr", cidr, "ip_version", 4)));
    assertThat(sub.status()).as(sub.raw().body()).isEqualTo(201);
    return id;
  }

  static String[] net(String cidr, String... headers) {
    var n = s.post("/v2.0/networks", Map.of("network", Map.of("name", "n")), headers);
    assertThat(n.status()).as(n.raw().body()).isEqualTo(201);
    String netId = (String) n.member("network").get("id");
    var sub = s.post("/v2.0/subnets", Map.of("subnet", Map.of("network_id", netId, "cidr", cidr, "ip_version", 4)), headers);
    assertThat(sub.status()).as(sub.raw().body()).isEqualTo(201);
    return new String[] {netId, (String) sub.member("subnet").get("id")};
  }

  static Map<String, Object> router(Map<String, Object> body, String... headers) {
    var r = s.post("/v2.0/routers", Map.of("router", body), headers);
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return r.member("router");
  }

  @Test
  void extensionsAdvertised() {
    var r = s.get("/v2.0/extensions");
    List<Object> aliases = r.list("extensions").stream().map(e -> e.get("alias")).map(Object.class::cast).toList();
    assertThat(aliases).contains("router", "ext-gw-mode", "extraroute", "extraroute-atomic", "dvr", "l3-ha",
        "router-admin-state-down-before-update", "l3-port-ip-change-not-allowed",
        "router_availability_zone", "fip-port-details", "floatingip-pools");
    // Zed's L3 aliases whose behaviour Neutrino does not have are not announced.
    assertThat(aliases).doesNotContain("l3-flavors", "qos-fip", "floating-ip-port-forwarding-detail");
  }

  @Test
  void crudWithoutGateway() {
    var r = router(Map.of("name", "r1", "admin_state_up", false), P1);
    assertThat(r.get("status")).isEqualTo("ACTIVE");
    assertThat(r.get("admin_state_up")).isEqualTo(false);
    assertThat(r.get("external_gateway_info")).isNull();
    assertThat(r.get("routes")).isEqualTo(List.of());
    assertThat(r.get("project_id")).isEqualTo("p1");
    assertThat(r.get("tenant_id")).isEqualTo("p1");
    assertThat(r.get("revision_number")).isEqualTo(1);
    assertThat(r).containsKeys("created_at", "updated_at", "tags", "availability_zone_hints", "availability_zones", "flavor_id");
    assertThat(r).doesNotContainKeys("distributed", "ha"); // admin only
    String id = (String) r.get("id");

    var admin = s.get("/v2.0/routers/" + id).member("router");
    assertThat(admin.get("distributed")).isEqualTo(false);
    assertThat(admin.get("ha")).isEqualTo(false);

    var up = s.put("/v2.0/routers/" + id, Map.of("router", Map.of("name", "r2", "admin_state_up", true)), P1);
    assertThat(up.status()).as(up.raw().body()).isEqualTo(200);
    assertThat(up.member("router").get("name")).isEqualTo("r2");
    assertThat(up.member("router").get("admin_state_up")).isEqualTo(true);

    assertThat(s.get("/v2.0/routers?name=r2", P1).list("routers")).extracting(m -> m.get("id")).contains(id);
    assertThat(s.get("/v2.0/routers/" + id, "X-Project-Id", "p2").status()).isEqualTo(404);

    var forbidden = s.post("/v2.0/routers", Map.of("router", Map.of("name", "d", "distributed", true)), P1);
    assertThat(forbidden.status()).isEqualTo(403);

    var dvr = s.put("/v2.0/routers/" + id, Map.of("router", Map.of("distributed", true)));
    assertThat(dvr.status()).isEqualTo(400);
    s.put("/v2.0/routers/" + id, Map.of("router", Map.of("admin_state_up", false)));
    dvr = s.put("/v2.0/routers/" + id, Map.of("router", Map.of("distributed", true, "ha", true)));
    assertThat(dvr.status()).as(dvr.raw().body()).isEqualTo(200);
    assertThat(dvr.member("router").get("distributed")).isEqualTo(true);
    assertThat(dvr.member("router").get("ha")).isEqualTo(true);

    assertThat(s.delete("/v2.0/routers/" + id, P1).status()).isEqualTo(204);
    assertThat(s.get("/v2.0/routers/" + id).status()).isEqualTo(404);
    assertThat(s.get("/v2.0/routers/" + id).errorType()).isEqualTo("RouterNotFound");
    assertThat(s.delete("/v2.0/routers/" + id).status()).isEqualTo(404);
  }

  @Test
  @SuppressWarnings("unchecked")
  void gateway() {
    String ext = externalNetwork("172.24.4.0/24");
    var r = router(Map.of("name", "gw", "external_gateway_info", Map.of("network_id", ext)));
    String id = (String) r.get("id");
    var gw = (Map<String, Object>) r.get("external_gateway_info");
    assertThat(gw.get("network_id")).isEqualTo(ext);
    assertThat(gw.get("enable_snat")).isEqualTo(true);
    var ips = (List<Map<String, Object>>) gw.get("external_fixed_ips");
    assertThat(ips).hasSize(1);
    assertThat((String) ips.get(0).get("ip_address")).startsWith("172.24.4.");

    var ports = s.get("/v2.0/ports?device_id=" + id).list("ports");
    assertThat(ports).hasSize(1);
    assertThat(ports.get(0).get("device_owner")).isEqualTo("network:router_gateway");
    assertThat(ports.get(0).get("project_id")).isEqualTo("");
    String gwPort = (String) ports.get(0).get("id");

    var del = s.delete("/v2.0/ports/" + gwPort);
    assertThat(del.status()).isEqualTo(409);
    assertThat(del.errorType()).isEqualTo("ServicePortInUse");
    assertThat((String) ((Map<String, Object>) del.body().get("NeutronError")).get("message"))
        .isEqualTo("Port " + gwPort + " cannot be deleted directly via the port API: has device owner network:router_gateway.");

    // enable_snat is admin only; admin may turn it off
    var snat = s.put("/v2.0/routers/" + id, Map.of("router", Map.of("external_gateway_info",
        Map.of("network_id", ext, "enable_snat", false))));
    assertThat(snat.status()).as(snat.raw().body()).isEqualTo(200);
    assertThat(((Map<String, Object>) snat.member("router").get("external_gateway_info")).get("enable_snat")).isEqualTo(false);
    assertThat(s.get("/v2.0/ports?device_id=" + id).list("ports").get(0).get("id")).isEqualTo(gwPort);

    // chosen external IP
    var fixed = s.put("/v2.0/routers/" + id, Map.of("router", Map.of("external_gateway_info",
        Map.of("network_id", ext, "external_fixed_ips", List.of(Map.of("ip_address", "172.24.4.77"))))));
    assertThat(fixed.status()).as(fixed.raw().body()).isEqualTo(200);
    var gw2 = (Map<String, Object>) fixed.member("router").get("external_gateway_info");
    assertThat(((List<Map<String, Object>>) gw2.get("external_fixed_ips")).get(0).get("ip_address")).isEqualTo("172.24.4.77");

    // unlike an interface's, the gateway port's address may change through the port API
    var direct = s.put("/v2.0/ports/" + gwPort, Map.of("port", Map.of("fixed_ips",
        List.of(Map.of("ip_address", "172.24.4.78")))));
    assertThat(direct.status()).as(direct.raw().body()).isEqualTo(200);

    // clearing removes the port
    var clear = s.put("/v2.0/routers/" + id, Map.of("router", new HashMap<>(Map.of("external_gateway_info", Map.of()))));
    assertThat(clear.status()).as(clear.raw().body()).isEqualTo(200);
    assertThat(clear.member("router").get("external_gateway_info")).isNull();
    assertThat(s.get("/v2.0/ports?device_id=" + id).list("ports")).isEmpty();

    // not external / missing network
    String[] internal = net("10.50.0.0/24");
    var bad = s.put("/v2.0/routers/" + id, Map.of("router", Map.of("external_gateway_info", Map.of("network_id", internal[0]))));
    assertThat(bad.status()).isEqualTo(400);
    assertThat((String) ((Map<String, Object>) bad.body().get("NeutronError")).get("message"))
        .isEqualTo("Bad router request: Network " + internal[0] + " is not an external network.");
    var missing = s.put("/v2.0/routers/" + id, Map.of("router", Map.of("external_gateway_info", Map.of("network_id", id))));
    assertThat(missing.status()).isEqualTo(404);

    // deleting a router removes its gateway port
    s.put("/v2.0/routers/" + id, Map.of("router", Map.of("external_gateway_info", Map.of("network_id", ext))));
    assertThat(s.get("/v2.0/ports?device_id=" + id).list("ports")).hasSize(1);
    assertThat(s.delete("/v2.0/routers/" + id).status()).isEqualTo(204);
    assertThat(s.get("/v2.0/ports?device_id=" + id).list("ports")).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void interfacesBySubnetAndPort() {
    String[] a = net("10.1.0.0/24", P1);
    String[] b = net("10.2.0.0/24", P1);
    String id = (String) router(Map.of("name", "ifaces"), P1).get("id");

    var none = s.put("/v2.0/routers/" + id + "/add_router_interface", Map.of(), P1);
    assertThat(none.status()).isEqualTo(400);
    var both = s.put("/v2.0/routers/" + id + "/add_router_interface", Map.of("subnet_id", a[1], "port_id", a[1]), P1);
    assertThat(both.status()).isEqualTo(400);

    var add = s.put("/v2.0/routers/" + id + "/add_router_interface", Map.of("subnet_id", a[1]), P1);
    assertThat(add.status()).as(add.raw().body()).isEqualTo(200);
    assertThat(add.body()).containsKeys("id", "tenant_id", "project_id", "port_id", "subnet_id", "subnet_ids", "network_id");
    assertThat(add.body().get("id")).isEqualTo(id);
    assertThat(add.body().get("subnet_id")).isEqualTo(a[1]);
    assertThat(add.body().get("subnet_ids")).isEqualTo(List.of(a[1]));
    assertThat(add.body().get("network_id")).isEqualTo(a[0]);
    String portA = (String) add.body().get("port_id");
    var port = s.get("/v2.0/ports/" + portA, P1).member("port");
    assertThat(port.get("device_id")).isEqualTo(id);
    assertThat(port.get("device_owner")).isEqualTo("network:router_interface");
    assertThat(((List<Map<String, Object>>) port.get("fixed_ips")).get(0).get("ip_address")).isEqualTo("10.1.0.1");

    // same subnet twice
    var again = s.put("/v2.0/routers/" + id + "/add_router_interface", Map.of("subnet_id", a[1]), P1);
    assertThat(again.status()).isEqualTo(400);

    // by port
    var p = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", b[0])), P1);
    String portB = (String) p.member("port").get("id");
    var byPort = s.put("/v2.0/routers/" + id + "/add_router_interface", Map.of("port_id", portB), P1);
    assertThat(byPort.status()).as(byPort.raw().body()).isEqualTo(200);
    assertThat(byPort.body().get("port_id")).isEqualTo(portB);
    assertThat(byPort.body().get("subnet_id")).isEqualTo(b[1]);
    var portBShown = s.get("/v2.0/ports/" + portB, P1).member("port");
    assertThat(portBShown.get("device_id")).isEqualTo(id);
    assertThat(portBShown.get("device_owner")).isEqualTo("network:router_interface");

    // a port in use
    var used = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", b[0], "device_id", "vm1")), P1);
    var inUse = s.put("/v2.0/routers/" + id + "/add_router_interface",
        Map.of("port_id", used.member("port").get("id")), P1);
    assertThat(inUse.status()).isEqualTo(409);
    assertThat(inUse.errorType()).isEqualTo("PortInUse");

    // l3-port-ip-change-not-allowed: an interface's IPv4 address changes only through the router
    var moved = s.put("/v2.0/ports/" + portA, Map.of("port", Map.of("fixed_ips",
        List.of(Map.of("subnet_id", a[1], "ip_address", "10.1.0.9")))));
    assertThat(moved.status()).isEqualTo(400);
    assertThat(moved.errorType()).isEqualTo("BadRequest");
    assertThat((String) ((Map<String, Object>) moved.body().get("NeutronError")).get("message"))
        .isEqualTo("Bad ports request: IP updates for port " + portA + " are not allowed.");
    assertThat(((List<Map<String, Object>>) s.get("/v2.0/ports/" + portA, P1).member("port")
        .get("fixed_ips")).get(0).get("ip_address")).isEqualTo("10.1.0.1");
    assertThat(s.put("/v2.0/ports/" + portA, Map.of("port", Map.of("name", "renamed"))).status())
        .isEqualTo(200);
    // tempest test_router_interface_port_update_with_fixed_ip: naming only the subnet keeps the address
    var same = s.put("/v2.0/ports/" + portA, Map.of("port", Map.of("fixed_ips",
        List.of(Map.of("subnet_id", a[1])))), P1);
    assertThat(same.status()).as(same.raw().body()).isEqualTo(200);
    assertThat(((List<Map<String, Object>>) same.member("port").get("fixed_ips")).get(0))
        .containsEntry("subnet_id", a[1]).containsEntry("ip_address", "10.1.0.1");

    // interface ports cannot be deleted via the port API
    var del = s.delete("/v2.0/ports/" + portA, P1);
    assertThat(del.status()).isEqualTo(409);
    assertThat(del.errorType()).isEqualTo("ServicePortInUse");

    // router in use
    var rdel = s.delete("/v2.0/routers/" + id, P1);
    assertThat(rdel.status()).isEqualTo(409);
    assertThat(rdel.errorType()).isEqualTo("RouterInUse");

    // removal
    var rm = s.put("/v2.0/routers/" + id + "/remove_router_interface", Map.of("subnet_id", a[1]), P1);
    assertThat(rm.status()).as(rm.raw().body()).isEqualTo(200);
    assertThat(rm.body().get("port_id")).isEqualTo(portA);
    assertThat(s.get("/v2.0/ports/" + portA, P1).status()).isEqualTo(404);
    var rmAgain = s.put("/v2.0/routers/" + id + "/remove_router_interface", Map.of("subnet_id", a[1]), P1);
    assertThat(rmAgain.status()).isEqualTo(404);
    assertThat(rmAgain.errorType()).isEqualTo("RouterInterfaceNotFoundForSubnet");
    var rmWrong = s.put("/v2.0/routers/" + id + "/remove_router_interface", Map.of("port_id", portA), P1);
    assertThat(rmWrong.status()).isEqualTo(404);
    assertThat(rmWrong.errorType()).isEqualTo("RouterInterfaceNotFound");
    var rmPort = s.put("/v2.0/routers/" + id + "/remove_router_interface", Map.of("port_id", portB), P1);
    assertThat(rmPort.status()).as(rmPort.raw().body()).isEqualTo(200);
    assertThat(s.get("/v2.0/ports/" + portB, P1).status()).isEqualTo(404);

    assertThat(s.delete("/v2.0/routers/" + id, P1).status()).isEqualTo(204);
  }

  @Test
  @SuppressWarnings("unchecked")
  void overlappingSubnetsRefused() {
    String[] a = net("10.9.0.0/24", P1);
    String[] b = net("10.9.0.0/25", P1);
    String id = (String) router(Map.of("name", "overlap"), P1).get("id");
    assertThat(s.put("/v2.0/routers/" + id + "/add_router_interface", Map.of("subnet_id", a[1]), P1).status()).isEqualTo(200);
    var r = s.put("/v2.0/routers/" + id + "/add_router_interface", Map.of("subnet_id", b[1]), P1);
    assertThat(r.status()).isEqualTo(400);
    assertThat((String) ((Map<String, Object>) r.body().get("NeutronError")).get("message"))
        .isEqualTo("Bad router request: Cidr 10.9.0.0/25 of subnet " + b[1]
            + " overlaps with cidr 10.9.0.0/24 of subnet " + a[1] + ".");
  }

  @Test
  @SuppressWarnings("unchecked")
  void extraRoutes() {
    String[] a = net("10.3.0.0/24", P1);
    String id = (String) router(Map.of("name", "routes"), P1).get("id");
    var notConnected = s.put("/v2.0/routers/" + id, Map.of("router", Map.of("routes",
        List.of(Map.of("destination", "192.168.0.0/24", "nexthop", "10.3.0.5")))), P1);
    assertThat(notConnected.status()).isEqualTo(400);
    assertThat(notConnected.errorType()).isEqualTo("InvalidRoutes");
    s.put("/v2.0/routers/" + id + "/add_router_interface", Map.of("subnet_id", a[1]), P1);

    Map<String, Object> route = new java.util.LinkedHashMap<>();
    route.put("destination", "192.168.0.0/24");
    route.put("nexthop", "10.3.0.1");
    var used = s.put("/v2.0/routers/" + id, Map.of("router", Map.of("routes", List.of(route))), P1);
    assertThat(used.status()).isEqualTo(400);
    assertThat((String) ((Map<String, Object>) used.body().get("NeutronError")).get("message"))
        .isEqualTo("Invalid format for routes: [{'destination': '192.168.0.0/24', 'nexthop': '10.3.0.1'}], "
            + "the nexthop is used by router.");

    var ok = s.put("/v2.0/routers/" + id, Map.of("router", Map.of("routes",
        List.of(Map.of("destination", "192.168.0.0/24", "nexthop", "10.3.0.5"),
            Map.of("destination", "192.168.1.0/24", "nexthop", "10.3.0.6")))), P1);
    assertThat(ok.status()).as(ok.raw().body()).isEqualTo(200);
    assertThat((List<Object>) ok.member("router").get("routes")).hasSize(2);

    // the interface is needed by the routes
    var rm = s.put("/v2.0/routers/" + id + "/remove_router_interface", Map.of("subnet_id", a[1]), P1);
    assertThat(rm.status()).isEqualTo(409);
    assertThat(rm.errorType()).isEqualTo("RouterInterfaceInUseByRoute");

    // atomic add / remove
    var add = s.put("/v2.0/routers/" + id + "/add_extraroutes", Map.of("router", Map.of("routes",
        List.of(Map.of("destination", "192.168.2.0/24", "nexthop", "10.3.0.7"),
            Map.of("destination", "192.168.0.0/24", "nexthop", "10.3.0.5")))), P1);
    assertThat(add.status()).as(add.raw().body()).isEqualTo(200);
    assertThat((List<Object>) add.member("router").get("routes")).hasSize(3);
    var remove = s.put("/v2.0/routers/" + id + "/remove_extraroutes", Map.of("router", Map.of("routes",
        List.of(Map.of("destination", "192.168.0.0/24", "nexthop", "10.3.0.5"),
            Map.of("destination", "10.99.0.0/24", "nexthop", "10.3.0.9")))), P1);
    assertThat(remove.status()).as(remove.raw().body()).isEqualTo(200);
    assertThat((List<Map<String, Object>>) remove.member("router").get("routes"))
        .extracting(m -> m.get("destination")).containsExactlyInAnyOrder("192.168.1.0/24", "192.168.2.0/24");
    var badAdd = s.put("/v2.0/routers/" + id + "/add_extraroutes", Map.of("router", Map.of("routes",
        List.of(Map.of("destination", "192.168.5.0/24", "nexthop", "10.77.0.1")))), P1);
    assertThat(badAdd.status()).isEqualTo(400);

    Map<String, Object> clear = new HashMap<>();
    clear.put("routes", null);
    var cleared = s.put("/v2.0/routers/" + id, Map.of("router", clear), P1);
    assertThat(cleared.status()).as(cleared.raw().body()).isEqualTo(200);
    assertThat(cleared.member("router").get("routes")).isEqualTo(List.of());
    assertThat(s.put("/v2.0/routers/" + id + "/remove_router_interface", Map.of("subnet_id", a[1]), P1).status()).isEqualTo(200);
  }
}
