package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neutrino.it.ml2.LoggerMechanismDriver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The MechanismManager as ML2 runs it: drivers in {@code [ml2] mechanism_drivers} order, precommit
 * inside the transaction (a failure rolls back and is the client's error), postcommit after it (a
 * failure on create deletes the resource and is returned), and start-up errors naming the option.
 */
class MechanismDriversTest {
  private static TestServer start(LoggerMechanismDriver.Calls calls, String fail, String failWith) {
    return TestServer.start(Map.of(
        "ml2", Map.of("mechanism_drivers", "logger,logger2"),
        "test_logger", Map.of("fail", fail, "fail_with", failWith)),
        Map.of(LoggerMechanismDriver.Calls.class, calls));
  }

  @Test
  void everyChangeCallsEveryDriverInOrderPrecommitThenPostcommit() {
    var calls = new LoggerMechanismDriver.Calls();
    try (TestServer s = start(calls, "", "")) {
      String net = (String) s.post("/v2.0/networks", Map.of("network", Map.of("name", "n"))).member("network").get("id");
      assertThat(calls.of(net)).containsExactly("logger:create_network_precommit:" + net,
          "logger2:create_network_precommit:" + net, "logger:create_network_postcommit:" + net,
          "logger2:create_network_postcommit:" + net);
      var sub = s.post("/v2.0/subnets", Map.of("subnet", Map.of("network_id", net, "cidr", "10.1.0.0/24", "ip_version", 4)));
      String subnet = (String) sub.member("subnet").get("id");
      assertThat(calls.of(subnet)).containsExactly("logger:create_subnet_precommit:" + subnet,
          "logger2:create_subnet_precommit:" + subnet, "logger:create_subnet_postcommit:" + subnet,
          "logger2:create_subnet_postcommit:" + subnet);
      String port = (String) s.post("/v2.0/ports", Map.of("port", Map.of("network_id", net, "binding:host_id", "h1")))
          .member("port").get("id");
      // The loggers never bind: both are asked, and the port ends binding_failed.
      assertThat(calls.of(port)).containsExactly("logger:create_port_precommit:" + port,
          "logger2:create_port_precommit:" + port, "logger:create_port_postcommit:" + port,
          "logger2:create_port_postcommit:" + port, "logger:bind_port:" + port, "logger2:bind_port:" + port,
          "logger:update_port_precommit:" + port, "logger2:update_port_precommit:" + port,
          "logger:update_port_postcommit:" + port, "logger2:update_port_postcommit:" + port);
      assertThat(s.get("/v2.0/ports/" + port).member("port")).containsEntry("binding:vif_type", "binding_failed");
      calls.log.clear();
      assertThat(s.put("/v2.0/networks/" + net, Map.of("network", Map.of("name", "m"))).status()).isEqualTo(200);
      assertThat(calls.of(net)).containsExactly("logger:update_network_precommit:" + net,
          "logger2:update_network_precommit:" + net, "logger:update_network_postcommit:" + net,
          "logger2:update_network_postcommit:" + net);
      assertThat(s.put("/v2.0/subnets/" + subnet, Map.of("subnet", Map.of("name", "t"))).status()).isEqualTo(200);
      assertThat(calls.of(subnet)).containsExactly("logger:update_subnet_precommit:" + subnet,
          "logger2:update_subnet_precommit:" + subnet, "logger:update_subnet_postcommit:" + subnet,
          "logger2:update_subnet_postcommit:" + subnet);
      assertThat(s.delete("/v2.0/ports/" + port).status()).isEqualTo(204);
      assertThat(s.delete("/v2.0/subnets/" + subnet).status()).isEqualTo(204);
      assertThat(s.delete("/v2.0/networks/" + net).status()).isEqualTo(204);
      assertThat(calls.log).containsSubsequence("logger:delete_port_precommit:" + port,
          "logger2:delete_port_postcommit:" + port, "logger:delete_subnet_precommit:" + subnet,
          "logger2:delete_subnet_postcommit:" + subnet, "logger:delete_network_precommit:" + net,
          "logger2:delete_network_postcommit:" + net);
    }
  }

  /**
   * With drivers loaded a network create answers their view of it, built from what the create
   * wrote (extension drivers' attributes included): the same as a show.
   */
  @Test
  @SuppressWarnings("unchecked")
  void networkCreateAnswersWhatAShowAnswers() {
    var calls = new LoggerMechanismDriver.Calls();
    try (TestServer s = TestServer.start(Map.of(
        "DEFAULT", Map.of("service_plugins", "router,segments"),
        "ml2", Map.of("mechanism_drivers", "logger,logger2", "extension_drivers", "port_security,dns_domain_ports"),
        "test_logger", Map.of("fail", "", "fail_with", "")), Map.of(LoggerMechanismDriver.Calls.class, calls))) {
      List<Map<String, Object>> created = new java.util.ArrayList<>();
      created.add(s.post("/v2.0/networks", Map.of("network", Map.of("name", "plain"))).member("network"));
      created.add(s.post("/v2.0/networks", Map.of("network", Map.of("name", "shared", "shared", true)))
          .member("network"));
      created.add(s.post("/v2.0/networks", Map.of("network", Map.of("name", "extended",
          "port_security_enabled", false, "dns_domain", "corp.example.org."))).member("network"));
      assertThat(created.get(2)).containsEntry("port_security_enabled", false)
          .containsEntry("dns_domain", "corp.example.org.").containsEntry("l2_adjacency", true);
      created.add(s.post("/v2.0/networks", Map.of("network", Map.of("name", "mine")), "X-Project-Id", "p-mine")
          .member("network"));
      var bulk = s.post("/v2.0/networks", Map.of("networks", List.of(Map.of("name", "b1"), Map.of("name", "b2"))));
      assertThat(bulk.status()).isEqualTo(201);
      created.addAll((List<Map<String, Object>>) bulk.body().get("networks"));
      for (Map<String, Object> n : created) {
        String[] as = "p-mine".equals(n.get("project_id")) ? new String[] {"X-Project-Id", "p-mine"} : new String[0];
        assertThat(s.get("/v2.0/networks/" + n.get("id"), as).member("network")).isEqualTo(n);
      }
    }
  }

  /**
   * A subnet create answers the view its drivers were given, made as its creator sees it: the
   * same as the creator's show, for a network owner (its network shared or not) and an admin.
   */
  @Test
  void subnetCreateAnswersWhatAShowAnswers() {
    var calls = new LoggerMechanismDriver.Calls();
    try (TestServer s = start(calls, "", "")) {
      String[] owner = {"X-Project-Id", "p-own"};
      String own = (String) s.post("/v2.0/networks", Map.of("network", Map.of("name", "own")), owner)
          .member("network").get("id");
      String shared = (String) s.post("/v2.0/networks", Map.of("network", Map.of("name", "all", "shared", true,
          "project_id", "p-own"))).member("network").get("id"); // only an admin may share
      List<Object[]> cases = List.of(new Object[] {own, "10.6.0.0/24", owner},
          new Object[] {shared, "10.6.1.0/24", owner}, new Object[] {shared, "10.6.2.0/24", new String[0]});
      for (Object[] c : cases) {
        String[] as = (String[]) c[2];
        var created = s.post("/v2.0/subnets", Map.of("subnet", Map.of("network_id", c[0], "cidr", c[1],
            "ip_version", 4)), as);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        var subnet = created.member("subnet");
        assertThat(s.get("/v2.0/subnets/" + subnet.get("id"), as).member("subnet")).as("%s", c[1])
            .isEqualTo(subnet);
      }
    }
  }

  /**
   * A port update answers the drivers' view read in its transaction (and bound after it), not a
   * second read: it must be what a show answers right after, whatever the update changed, for
   * an admin and for the owner.
   */
  @Test
  void portUpdateAnswersWhatAShowAnswers() {
    var calls = new LoggerMechanismDriver.Calls();
    try (TestServer s = start(calls, "", "")) {
      String[] owner = {"X-Project-Id", "p-own"};
      String net = (String) s.post("/v2.0/networks", Map.of("network", Map.of("name", "n")), owner)
          .member("network").get("id");
      String sub = (String) s.post("/v2.0/subnets", Map.of("subnet", Map.of("network_id", net,
          "cidr", "10.4.0.0/24", "ip_version", 4)), owner).member("subnet").get("id");
      String sg = (String) s.post("/v2.0/security-groups", Map.of("security_group", Map.of("name", "web")), owner)
          .member("security_group").get("id");
      String port = (String) s.post("/v2.0/ports", Map.of("port", Map.of("network_id", net)), owner)
          .member("port").get("id");
      List<Map<String, Object>> updates = List.of(
          Map.of("name", "renamed"),
          Map.of("security_groups", List.of(sg)),
          Map.of("fixed_ips", List.of(Map.of("subnet_id", sub, "ip_address", "10.4.0.77"))),
          Map.of("allowed_address_pairs", List.of(Map.of("ip_address", "10.4.0.200"))),
          Map.of("binding:host_id", "host-a", "device_owner", "compute:nova", "device_id", "vm-1"),
          Map.of("admin_state_up", false, "description", "off"));
      for (Map<String, Object> change : updates) {
        boolean adminOnly = change.containsKey("binding:host_id");
        String[] as = adminOnly ? new String[0] : owner;
        var updated = s.put("/v2.0/ports/" + port, Map.of("port", change), as);
        assertThat(updated.status()).as("%s", change).isEqualTo(200);
        assertThat(s.get("/v2.0/ports/" + port, as).member("port")).as("%s", change)
            .isEqualTo(updated.member("port"));
      }
    }
  }

  @Test
  void networkDeleteTakesItsDhcpPortsAndSubnetsThroughTheDrivers() {
    var calls = new LoggerMechanismDriver.Calls();
    try (TestServer s = start(calls, "", "")) {
      String[] ns = s.networkWithSubnet("10.3.0.0/24");
      String dhcp = (String) s.post("/v2.0/ports", Map.of("port", Map.of("network_id", ns[0],
          "device_owner", "network:dhcp"))).member("port").get("id");
      String vm = (String) s.post("/v2.0/ports", Map.of("port", Map.of("network_id", ns[0],
          "device_owner", "compute:nova"))).member("port").get("id");
      calls.log.clear();
      var refused = s.delete("/v2.0/networks/" + ns[0]);
      assertThat(refused.status()).isEqualTo(409);
      assertThat(refused.errorType()).isEqualTo("NetworkInUse");
      assertThat(calls.log).isEmpty();
      assertThat(s.get("/v2.0/ports/" + dhcp).status()).isEqualTo(200);
      assertThat(s.get("/v2.0/subnets/" + ns[1]).status()).isEqualTo(200);

      assertThat(s.delete("/v2.0/ports/" + vm).status()).isEqualTo(204);
      calls.log.clear();
      assertThat(s.delete("/v2.0/networks/" + ns[0]).status()).isEqualTo(204);
      assertThat(calls.log).containsExactly(
          "logger:delete_port_precommit:" + dhcp, "logger2:delete_port_precommit:" + dhcp,
          "logger:delete_port_postcommit:" + dhcp, "logger2:delete_port_postcommit:" + dhcp,
          "logger:delete_subnet_precommit:" + ns[1], "logger2:delete_subnet_precommit:" + ns[1],
          "logger:delete_subnet_postcommit:" + ns[1], "logger2:delete_subnet_postcommit:" + ns[1],
          "logger:delete_network_precommit:" + ns[0], "logger2:delete_network_precommit:" + ns[0],
          "logger:delete_network_postcommit:" + ns[0], "logger2:delete_network_postcommit:" + ns[0]);
      assertThat(s.get("/v2.0/ports/" + dhcp).status()).isEqualTo(404);
      assertThat(s.get("/v2.0/subnets/" + ns[1]).status()).isEqualTo(404);
    }
  }

  /** A segment added or removed through the segments API is an update of its network for the drivers. */
  @Test
  void segmentChangesAreNetworkUpdates() {
    var calls = new LoggerMechanismDriver.Calls();
    try (TestServer s = TestServer.start(Map.of(
        "DEFAULT", Map.of("service_plugins", "segments"),
        "ml2", Map.of("mechanism_drivers", "logger,logger2", "tenant_network_types", "vxlan"),
        "ml2_type_vlan", Map.of("network_vlan_ranges", "physnet1:10:20"),
        "ml2_type_vxlan", Map.of("vni_ranges", "100:199")),
        Map.of(LoggerMechanismDriver.Calls.class, calls))) {
      String net = (String) s.post("/v2.0/networks", Map.of("network", Map.of("name", "n"))).member("network").get("id");
      List<String> update = List.of("logger:update_network_precommit:" + net, "logger2:update_network_precommit:" + net,
          "logger:update_network_postcommit:" + net, "logger2:update_network_postcommit:" + net);
      calls.log.clear();
      var segment = s.post("/v2.0/segments", Map.of("segment", Map.of("network_id", net, "network_type", "vlan",
          "physical_network", "physnet1")));
      assertThat(segment.status()).as(segment.raw().body()).isEqualTo(201);
      assertThat(calls.log).containsExactlyElementsOf(update);
      calls.log.clear();
      assertThat(s.delete("/v2.0/segments/" + segment.member("segment").get("id")).status()).isEqualTo(204);
      assertThat(calls.log).containsExactlyElementsOf(update);
    }
  }

  @Test
  void precommitFailureRollsBackAndIsA500MechanismDriverError() {
    var calls = new LoggerMechanismDriver.Calls();
    try (TestServer s = start(calls, "create_network_precommit,create_port_precommit", "")) {
      var r = s.post("/v2.0/networks", Map.of("network", Map.of("name", "doomed")));
      assertThat(r.status()).isEqualTo(500);
      assertThat(r.errorType()).isEqualTo("MechanismDriverError");
      assertThat(s.get("/v2.0/networks?name=doomed").list("networks")).isEmpty();
      // The first failure stops the walk: logger2 never heard of it.
      assertThat(calls.log).noneMatch(l -> l.startsWith("logger2:create_network"));
    }
  }

  @Test
  void aNeutronFaultFromADriverPassesThroughWithItsStatus() {
    var calls = new LoggerMechanismDriver.Calls();
    try (TestServer s = start(calls, "create_subnet_precommit", "neutron")) {
      String net = (String) s.post("/v2.0/networks", Map.of("network", Map.of("name", "n"))).member("network").get("id");
      var r = s.post("/v2.0/subnets", Map.of("subnet", Map.of("network_id", net, "cidr", "10.2.0.0/24", "ip_version", 4)));
      assertThat(r.status()).isEqualTo(409);
      assertThat(r.errorType()).isEqualTo("LoggerRefused");
      assertThat(s.get("/v2.0/subnets?network_id=" + net).list("subnets")).isEmpty();
    }
  }

  @Test
  void postcommitFailureOnCreateDeletesTheResourceAndReturnsTheError() {
    var calls = new LoggerMechanismDriver.Calls();
    try (TestServer s = start(calls, "create_network_postcommit,create_port_postcommit", "")) {
      var r = s.post("/v2.0/networks", Map.of("network", Map.of("name", "gone")));
      assertThat(r.status()).isEqualTo(500);
      assertThat(r.errorType()).isEqualTo("MechanismDriverError");
      assertThat(s.get("/v2.0/networks?name=gone").list("networks")).isEmpty();
      // Every postcommit ran (logger2 too), then the network was deleted through the drivers.
      String id = calls.log.get(0).substring(calls.log.get(0).lastIndexOf(':') + 1);
      assertThat(calls.of(id)).containsSubsequence("logger:create_network_postcommit:" + id,
          "logger2:create_network_postcommit:" + id, "logger:delete_network_precommit:" + id,
          "logger2:delete_network_postcommit:" + id);
      // Bulk: all or nothing.
      var bulk = s.post("/v2.0/networks", Map.of("networks", List.of(Map.of("name", "b1"), Map.of("name", "b2"))));
      assertThat(bulk.status()).isEqualTo(500);
      assertThat(s.get("/v2.0/networks").list("networks")).isEmpty();
    }
  }

  @Test
  void postcommitFailureOnUpdateAndDeleteOfPortsIsOnlyLogged() {
    var calls = new LoggerMechanismDriver.Calls();
    try (TestServer s = start(calls, "update_port_postcommit,delete_port_postcommit", "")) {
      String net = (String) s.post("/v2.0/networks", Map.of("network", Map.of("name", "n"))).member("network").get("id");
      String port = (String) s.post("/v2.0/ports", Map.of("port", Map.of("network_id", net))).member("port").get("id");
      assertThat(s.put("/v2.0/ports/" + port, Map.of("port", Map.of("name", "x"))).status()).isEqualTo(200);
      assertThat(s.get("/v2.0/ports/" + port).member("port")).containsEntry("name", "x");
      assertThat(s.delete("/v2.0/ports/" + port).status()).isEqualTo(204);
      assertThat(s.get("/v2.0/ports/" + port).status()).isEqualTo(404);
    }
  }

  @Test
  void unknownDriversStopTheStartNamingTheOption() {
    assertThatThrownBy(() -> TestServer.start(Map.of("ml2", Map.of("mechanism_drivers", "linuxbridge,nosuch"))).close())
        .hasMessageContaining("[ml2] mechanism_drivers").hasMessageContaining("nosuch")
        .hasMessageContaining("neutron.ml2.mechanism_drivers");
    assertThatThrownBy(() -> TestServer.start(Map.of("ml2", Map.of("type_drivers", "vxlan,nosuch"))).close())
        .hasMessageContaining("[ml2] type_drivers").hasMessageContaining("nosuch");
    assertThatThrownBy(() -> TestServer.start(Map.of("ml2", Map.of("type_drivers", "flat",
        "tenant_network_types", "vxlan"))).close())
        .hasMessageContaining("[ml2] tenant_network_types").hasMessageContaining("No type driver for tenant network_type: vxlan");
  }
}
