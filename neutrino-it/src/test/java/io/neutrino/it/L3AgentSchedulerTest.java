package io.neutrino.it;

import static io.neutrino.it.AgentFixtures.MEMBER;
import static io.neutrino.it.AgentFixtures.ids;
import static io.neutrino.it.AgentFixtures.isolate;
import static io.neutrino.it.AgentFixtures.l3;
import static io.neutrino.it.AgentFixtures.l3AgentsOf;
import static io.neutrino.it.AgentFixtures.network;
import static io.neutrino.it.AgentFixtures.subnet;
import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.server.agent.scheduler.L3AgentScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Routers placed on L3 agents, and the l3_agent_scheduler API, as Neutron Zed does. */
class L3AgentSchedulerTest {
  static TestServer s;
  static String external;

  @BeforeAll
  static void start() {
    s = TestServer.start(Map.of("DEFAULT", Map.of("service_plugins", "router"),
        "quotas", Map.of("quota_router", "-1", "quota_network", "-1", "quota_subnet", "-1")));
    external = RoutersTestHelper.external(s, "172.24.0.0/16");
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  static String router(Map<String, Object> attrs) {
    Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "r"));
    body.putAll(attrs);
    var r = s.post("/v2.0/routers", Map.of("router", body));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return (String) r.member("router").get("id");
  }

  static void addInterface(String router, String cidr) {
    String net = network(s, Map.of());
    String sub = subnet(s, net, cidr, false);
    var r = s.put("/v2.0/routers/" + router + "/add_router_interface", Map.of("subnet_id", sub));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
  }

  @Test
  void aRouterIsHostedOnceItGetsAnInterface() {
    isolate(s);
    String agent = l3(s, "l-iface", "nova", Map.of());
    String router = router(Map.of());
    assertThat(l3AgentsOf(s, router)).isEmpty();
    addInterface(router, "10.20.1.0/24");
    assertThat(l3AgentsOf(s, router)).containsExactly(agent);
    var onAgent = s.get("/v2.0/agents/" + agent + "/l3-routers");
    assertThat(ids(onAgent.list("routers"))).containsExactly(router);
    assertThat(s.get("/v2.0/routers/" + router).member("router"))
        .containsEntry("availability_zones", List.of("nova"));
  }

  @Test
  void aRouterIsHostedWhenItGetsAGatewayAndOnlyByAgentsThatSuitIt() {
    isolate(s);
    l3(s, "l-dvr", "nova", Map.of("agent_mode", "dvr"));
    String internalOnlyRefused = l3(s, "l-gw-only", "nova",
        Map.of("handle_internal_only_routers", false));
    String router = router(Map.of());
    var set = s.put("/v2.0/routers/" + router, Map.of("router",
        Map.of("external_gateway_info", Map.of("network_id", external))));
    assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
    assertThat(l3AgentsOf(s, router)).containsExactly(internalOnlyRefused);
    // Without a gateway that agent will not take a router; the DVR agent never does.
    String internal = router(Map.of());
    addInterface(internal, "10.20.2.0/24");
    assertThat(l3AgentsOf(s, internal)).isEmpty();
    String withGateway = router(Map.of("external_gateway_info", Map.of("network_id", external)));
    assertThat(l3AgentsOf(s, withGateway)).containsExactly(internalOnlyRefused);
  }

  @Test
  void theAgentWithFewestRoutersWins() {
    isolate(s);
    String busy = l3(s, "l-busy", "nova", Map.of());
    String r1 = router(Map.of());
    addInterface(r1, "10.20.3.0/24");
    assertThat(l3AgentsOf(s, r1)).containsExactly(busy);
    String idle = l3(s, "l-idle", "nova", Map.of());
    String r2 = router(Map.of());
    addInterface(r2, "10.20.4.0/24");
    assertThat(l3AgentsOf(s, r2)).containsExactly(idle);
  }

  @Test
  void autoScheduleGivesAnAgentSyncingItsRoutersTheUnhostedOnes() {
    isolate(s);
    String router = router(Map.of());
    String agent = l3(s, "l-auto", "nova", Map.of());
    assertThat(s.service(L3AgentScheduler.class).autoScheduleRouters("l-auto")).contains(router);
    assertThat(l3AgentsOf(s, router)).containsExactly(agent);
  }

  @Test
  void addAndRemoveARouterByHandWithNeutronsErrors() {
    isolate(s);
    String agent = l3(s, "l-manual", "nova", Map.of());
    String other = l3(s, "l-manual-2", "nova", Map.of());
    String router = router(Map.of());
    String path = "/v2.0/agents/" + agent + "/l3-routers";
    assertThat(s.post(path, Map.of("router_id", router)).status()).isEqualTo(201);
    assertThat(l3AgentsOf(s, router)).containsExactly(agent);
    assertThat(s.post(path, Map.of("router_id", router)).status()).isEqualTo(201); // already there
    var hosted = s.post("/v2.0/agents/" + other + "/l3-routers", Map.of("router_id", router));
    assertThat(hosted.status()).isEqualTo(409);
    assertThat(hosted.errorType()).isEqualTo("RouterHostedByL3Agent");

    var noRouter = s.post(path, Map.of("router_id", "00000000-0000-0000-0000-000000000001"));
    assertThat(noRouter.status()).isEqualTo(404);
    assertThat(noRouter.errorType()).isEqualTo("RouterNotFound");
    var noAgent = s.post("/v2.0/agents/00000000-0000-0000-0000-000000000002/l3-routers",
        Map.of("router_id", router));
    assertThat(noAgent.errorType()).isEqualTo("AgentNotFound");
    String dhcp = AgentFixtures.dhcp(s, "l-manual-dhcp", "nova");
    var wrongType = s.post("/v2.0/agents/" + dhcp + "/l3-routers", Map.of("router_id", router));
    assertThat(wrongType.status()).isEqualTo(404);
    assertThat(wrongType.errorType()).isEqualTo("InvalidL3Agent");
    String dvr = l3(s, "l-manual-dvr", "nova", Map.of("agent_mode", "dvr"));
    var toDvr = s.post("/v2.0/agents/" + dvr + "/l3-routers", Map.of("router_id", router));
    assertThat(toDvr.status()).isEqualTo(409);
    assertThat(toDvr.errorType()).isEqualTo("DVRL3CannotAssignToDvrAgent");
    assertThat(s.delete("/v2.0/agents/" + dvr + "/l3-routers/" + router).errorType())
        .isEqualTo("DVRL3CannotRemoveFromDvrAgent");
    String distributed = router(Map.of("distributed", true));
    var mismatch = s.post(path, Map.of("router_id", distributed));
    assertThat(mismatch.status()).isEqualTo(409);
    assertThat(mismatch.errorType()).isEqualTo("RouterL3AgentMismatch");
    AgentFixtures.setAdminState(s, other, false);
    String free = router(Map.of());
    assertThat(s.post("/v2.0/agents/" + other + "/l3-routers", Map.of("router_id", free))
        .errorType()).isEqualTo("InvalidL3Agent");
    assertThat(s.post(path, Map.of("network_id", free)).status()).isEqualTo(400);

    assertThat(s.delete(path + "/" + router).status()).isEqualTo(204);
    assertThat(l3AgentsOf(s, router)).isEmpty();
    assertThat(s.delete(path + "/" + router).status()).isEqualTo(204); // not hosted: no error
    var gone = s.delete(path + "/00000000-0000-0000-0000-000000000001");
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.errorType()).isEqualTo("RouterNotFound");
    assertThat(s.get("/v2.0/agents/00000000-0000-0000-0000-000000000002/l3-routers").errorType())
        .isEqualTo("AgentNotFound");
    assertThat(l3AgentsOf(s, "00000000-0000-0000-0000-000000000003")).isEmpty();
  }

  @Test
  void onlyAdminsMayUseTheSchedulerApi() {
    String agent = l3(s, "l-policy", "nova", Map.of());
    String router = router(Map.of());
    String path = "/v2.0/agents/" + agent + "/l3-routers";
    for (var r : List.of(s.get(path, MEMBER), s.post(path, Map.of("router_id", router), MEMBER),
        s.call("DELETE", path + "/" + router, null, MEMBER),
        s.get("/v2.0/routers/" + router + "/l3-agents", MEMBER))) {
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.errorType()).isEqualTo("PolicyNotAuthorized");
    }
  }

  @Test
  void aDeletedRouterLeavesItsAgent() {
    isolate(s);
    String agent = l3(s, "l-delete", "nova", Map.of());
    String router = router(Map.of("external_gateway_info", Map.of("network_id", external)));
    assertThat(l3AgentsOf(s, router)).containsExactly(agent);
    assertThat(s.delete("/v2.0/routers/" + router).status()).isEqualTo(204);
    assertThat(ids(s.get("/v2.0/agents/" + agent + "/l3-routers").list("routers"))).isEmpty();
  }

  @Test
  void concurrentSchedulingHostsEachRouterOnce() throws Exception {
    isolate(s);
    for (int i = 0; i < 3; i++) {
      l3(s, "l-race-" + i, "nova", Map.of());
    }
    List<String> routers = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      routers.add(router(Map.of()));
    }
    L3AgentScheduler scheduler = s.service(L3AgentScheduler.class);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> all = new ArrayList<>();
      for (String r : routers) {
        for (int i = 0; i < 6; i++) {
          all.add(pool.submit((Callable<Object>) () -> scheduler.schedule(r)));
        }
      }
      for (Future<?> f : all) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    for (String r : routers) {
      assertThat(l3AgentsOf(s, r)).hasSize(1);
    }
  }

  @Test
  void theExtensionIsListed() {
    assertThat(s.get("/v2.0/extensions/l3_agent_scheduler").status()).isEqualTo(200);
    assertThat(s.get("/v2.0/extensions/router_availability_zone").status()).isEqualTo(200);
  }
}
