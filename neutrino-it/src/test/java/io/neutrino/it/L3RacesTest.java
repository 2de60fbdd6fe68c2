package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Router interface and floating IP races: requests contending for one port, one router or one
 * fixed IP, sent at the same moment. Each race must end as the same requests would one after the
 * other: one winner, Neutron's 4xx for the others (never a 500), and a state that agrees with
 * the answers given.
 */
class L3RacesTest {
  static TestServer s;
  static final String[] P1 = {"X-Project-Id", "p1"};
  static final int ROUNDS = 4;
  static String ext;

  @BeforeAll
  static void start() {
    s = TestServer.start(Map.of("DEFAULT", Map.of("service_plugins", "router")));
    ext = RoutersTestHelper.external(s, "172.31.0.0/16");
    // More routers and floating IPs than the default quotas allow one project.
    var q = s.put("/v2.0/quotas/p1", Map.of("quota", Map.of("router", -1, "floatingip", -1)));
    assertThat(q.status()).as(q.raw().body()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  /** Sends every request at once; the replies in the order of the requests. */
  static List<TestServer.Reply> race(List<Callable<TestServer.Reply>> requests) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(requests.size());
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<TestServer.Reply>> futures = new ArrayList<>();
      for (Callable<TestServer.Reply> r : requests) {
        futures.add(pool.submit(() -> {
          go.await();
          return r.call();
        }));
      }
      go.countDown();
      List<TestServer.Reply> out = new ArrayList<>();
      for (Future<TestServer.Reply> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdown();
    }
  }

  static String describe(List<TestServer.Reply> replies) {
    return replies.stream().map(r -> r.status() + " " + r.raw().body()).toList().toString();
  }

  static List<Integer> statuses(List<TestServer.Reply> replies) {
    return replies.stream().map(TestServer.Reply::status).toList();
  }

  static String[] net(String cidr) {
    var n = s.post("/v2.0/networks", Map.of("network", Map.of("name", "n")), P1);
    assertThat(n.status()).as(n.raw().body()).isEqualTo(201);
    String netId = (String) n.member("network").get("id");
    var sub = s.post("/v2.0/subnets", Map.of("subnet", Map.of("network_id", netId, "cidr", cidr,
        "ip_version", 4)), P1);
    assertThat(sub.status()).as(sub.raw().body()).isEqualTo(201);
    return new String[] {netId, (String) sub.member("subnet").get("id")};
  }

  static String router(boolean gateway) {
    Map<String, Object> body = gateway
        ? Map.of("name", "r", "external_gateway_info", Map.of("network_id", ext))
        : Map.of("name", "r");
    var r = s.post("/v2.0/routers", Map.of("router", body), P1);
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return (String) r.member("router").get("id");
  }

  static void addSubnet(String router, String subnet) {
    var r = s.put("/v2.0/routers/" + router + "/add_router_interface", Map.of("subnet_id", subnet), P1);
    assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
  }

  static String port(String netId) {
    var p = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", netId)), P1);
    assertThat(p.status()).as(p.raw().body()).isEqualTo(201);
    return (String) p.member("port").get("id");
  }

  static String floatingIp() {
    var f = s.post("/v2.0/floatingips", Map.of("floatingip", Map.of("floating_network_id", ext)), P1);
    assertThat(f.status()).as(f.raw().body()).isEqualTo(201);
    return (String) f.member("floatingip").get("id");
  }

  static Map<String, Object> fip(String id) {
    return s.get("/v2.0/floatingips/" + id, P1).member("floatingip");
  }

  static TestServer.Reply associate(String fip, String port) {
    return s.put("/v2.0/floatingips/" + fip, Map.of("floatingip", Map.of("port_id", port)), P1);
  }

  @Test
  void aPortJoinsOneRouterOnly() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      String[] n = net("10.40." + round + ".0/24");
      String port = port(n[0]);
      List<String> routers = new ArrayList<>();
      List<Callable<TestServer.Reply>> adds = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String r = router(false);
        routers.add(r);
        adds.add(() -> s.put("/v2.0/routers/" + r + "/add_router_interface", Map.of("port_id", port), P1));
      }
      var replies = race(adds);
      assertThat(statuses(replies)).as(describe(replies)).containsOnly(200, 409)
          .filteredOn(c -> c == 200).hasSize(1);
      String winner = routers.get(statuses(replies).indexOf(200));
      replies.stream().filter(r -> r.status() == 409)
          .forEach(r -> assertThat(r.errorType()).isEqualTo("PortInUse"));
      var shown = s.get("/v2.0/ports/" + port, P1).member("port");
      assertThat(shown.get("device_id")).isEqualTo(winner);
      assertThat(shown.get("device_owner")).isEqualTo("network:router_interface");
      // Only the winner has the interface: the others can be deleted.
      for (String r : routers) {
        assertThat(s.delete("/v2.0/routers/" + r, P1).status()).as(r).isEqualTo(r.equals(winner) ? 409 : 204);
      }
      var removed = s.put("/v2.0/routers/" + winner + "/remove_router_interface", Map.of("port_id", port), P1);
      assertThat(removed.status()).as(removed.raw().body()).isEqualTo(200);
      assertThat(s.delete("/v2.0/routers/" + winner, P1).status()).isEqualTo(204);
    }
  }

  @Test
  void overlappingSubnetsJoinOneRouterOnce() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      String router = router(false);
      List<Callable<TestServer.Reply>> adds = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String subnet = net("10.41." + round + ".0/24")[1];
        adds.add(() -> s.put("/v2.0/routers/" + router + "/add_router_interface",
            Map.of("subnet_id", subnet), P1));
      }
      var replies = race(adds);
      assertThat(statuses(replies)).as(describe(replies)).containsOnly(200, 400)
          .filteredOn(c -> c == 200).hasSize(1);
      replies.stream().filter(r -> r.status() == 400)
          .forEach(r -> assertThat(r.raw().body()).contains("overlaps with cidr"));
      // The losers' ports are gone; the router has one interface.
      assertThat(s.get("/v2.0/ports?device_id=" + router, P1).list("ports")).hasSize(1);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void extraRoutesAddedAndRemovedAtOnceAreAllKept() throws Exception {
    String[] n = net("10.42.0.0/24");
    String router = router(false);
    addSubnet(router, n[1]);
    List<Callable<TestServer.Reply>> adds = new ArrayList<>();
    List<Callable<TestServer.Reply>> removes = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Map<String, Object> body = Map.of("router", Map.of("routes", List.of(Map.of(
          "destination", "192.168." + i + ".0/24", "nexthop", "10.42.0." + (10 + i)))));
      adds.add(() -> s.put("/v2.0/routers/" + router + "/add_extraroutes", body, P1));
      removes.add(() -> s.put("/v2.0/routers/" + router + "/remove_extraroutes", body, P1));
    }
    var added = race(adds);
    assertThat(statuses(added)).as(describe(added)).containsOnly(200);
    var routes = (List<Object>) s.get("/v2.0/routers/" + router, P1).member("router").get("routes");
    assertThat(routes).hasSize(12);
    var removed = race(removes);
    assertThat(statuses(removed)).as(describe(removed)).containsOnly(200);
    assertThat(s.get("/v2.0/routers/" + router, P1).member("router").get("routes")).isEqualTo(List.of());
  }

  @Test
  void oneFloatingIpPerFixedIp() throws Exception {
    String[] n = net("10.43.0.0/24");
    String router = router(true);
    addSubnet(router, n[1]);

    // Associating several floating IPs with one port at once.
    String port = port(n[0]);
    List<Callable<TestServer.Reply>> associations = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String fip = floatingIp();
      associations.add(() -> associate(fip, port));
    }
    var replies = race(associations);
    assertThat(statuses(replies)).as(describe(replies)).containsOnly(200, 409)
        .filteredOn(c -> c == 200).hasSize(1);
    replies.stream().filter(r -> r.status() == 409)
        .forEach(r -> assertThat(r.errorType()).isEqualTo("FloatingIPPortAlreadyAssociated"));
    assertThat(s.get("/v2.0/floatingips?port_id=" + port, P1).list("floatingips")).hasSize(1);

    // Creating several associated floating IPs for one port at once.
    String other = port(n[0]);
    List<Callable<TestServer.Reply>> creates = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      creates.add(() -> s.post("/v2.0/floatingips", Map.of("floatingip", Map.of(
          "floating_network_id", ext, "port_id", other)), P1));
    }
    var created = race(creates);
    assertThat(statuses(created)).as(describe(created)).containsOnly(201, 409)
        .filteredOn(c -> c == 201).hasSize(1);
    assertThat(s.get("/v2.0/floatingips?port_id=" + other, P1).list("floatingips")).hasSize(1);
    // The losers' external ports were given back.
    assertThat(s.get("/v2.0/ports?device_owner=network:floatingip").list("ports"))
        .hasSameSizeAs(s.get("/v2.0/floatingips").list("floatingips"));
  }

  @Test
  void oneFloatingIpPerAddress() throws Exception {
    List<Callable<TestServer.Reply>> creates = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      creates.add(() -> s.post("/v2.0/floatingips", Map.of("floatingip", Map.of(
          "floating_network_id", ext, "floating_ip_address", "172.31.200.7"))));
    }
    var created = race(creates);
    assertThat(statuses(created)).as(describe(created)).containsOnly(201, 409)
        .filteredOn(c -> c == 201).hasSize(1);
    assertThat(s.get("/v2.0/floatingips?floating_ip_address=172.31.200.7").list("floatingips")).hasSize(1);
    assertThat(s.get("/v2.0/ports?device_owner=network:floatingip").list("ports"))
        .hasSameSizeAs(s.get("/v2.0/floatingips").list("floatingips"));
  }

  @Test
  void associationRacingThePortsDeletion() throws Exception {
    String[] n = net("10.44.0.0/24");
    String router = router(true);
    addSubnet(router, n[1]);
    for (int round = 0; round < ROUNDS; round++) {
      String port = port(n[0]);
      String fip = floatingIp();
      var replies = race(List.of(() -> associate(fip, port),
          () -> s.delete("/v2.0/ports/" + port, P1)));
      assertThat(replies.get(0).status()).as(describe(replies)).isIn(200, 404);
      assertThat(replies.get(1).status()).as(describe(replies)).isEqualTo(204);
      // Either way the floating IP ends up free: the port is gone.
      assertThat(fip(fip).get("port_id")).isNull();
      assertThat(fip(fip).get("fixed_ip_address")).isNull();
      assertThat(s.get("/v2.0/ports/" + port, P1).status()).isEqualTo(404);
    }
  }

  @Test
  void associationRacingTheInterfacesRemoval() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      String[] n = net("10.45." + round + ".0/24");
      String router = router(true);
      addSubnet(router, n[1]);
      String port = port(n[0]);
      String fip = floatingIp();
      var replies = race(List.of(() -> associate(fip, port),
          () -> s.put("/v2.0/routers/" + router + "/remove_router_interface",
              Map.of("subnet_id", n[1]), P1)));
      var association = replies.get(0);
      var removal = replies.get(1);
      if (association.status() == 200) {
        assertThat(removal.status()).as(describe(replies)).isEqualTo(409);
        assertThat(removal.errorType()).isEqualTo("RouterInterfaceInUseByFloatingIP");
        assertThat(fip(fip)).containsEntry("port_id", port).containsEntry("router_id", router);
        assertThat(s.get("/v2.0/ports?device_id=" + router + "&device_owner=network:router_interface",
            P1).list("ports")).hasSize(1);
      } else {
        assertThat(association.status()).as(describe(replies)).isEqualTo(404);
        assertThat(association.errorType()).isEqualTo("ExternalGatewayForFloatingIPNotFound");
        assertThat(removal.status()).as(describe(replies)).isEqualTo(200);
        assertThat(fip(fip)).containsEntry("port_id", null).containsEntry("router_id", null);
      }
    }
  }

  @Test
  void associationRacingTheGatewaysRemoval() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      String[] n = net("10.46." + round + ".0/24");
      String router = router(true);
      addSubnet(router, n[1]);
      String port = port(n[0]);
      String fip = floatingIp();
      var replies = race(List.of(() -> associate(fip, port),
          () -> s.put("/v2.0/routers/" + router, Map.of("router", Map.of("external_gateway_info",
              Map.of())))));
      var association = replies.get(0);
      var clearing = replies.get(1);
      if (association.status() == 200) {
        assertThat(clearing.status()).as(describe(replies)).isEqualTo(409);
        assertThat(clearing.errorType()).isEqualTo("RouterExternalGatewayInUseByFloatingIp");
        assertThat(fip(fip)).containsEntry("router_id", router);
        assertThat(s.get("/v2.0/routers/" + router, P1).member("router").get("external_gateway_info"))
            .isNotNull();
      } else {
        assertThat(association.status()).as(describe(replies)).isEqualTo(404);
        assertThat(association.errorType()).isEqualTo("ExternalGatewayForFloatingIPNotFound");
        assertThat(clearing.status()).as(describe(replies)).isEqualTo(200);
        assertThat(fip(fip)).containsEntry("port_id", null);
        assertThat(s.get("/v2.0/routers/" + router, P1).member("router").get("external_gateway_info"))
            .isNull();
      }
    }
  }
}
