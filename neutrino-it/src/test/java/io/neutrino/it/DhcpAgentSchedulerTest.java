package io.neutrino.it;

import static io.neutrino.it.AgentFixtures.MEMBER;
import static io.neutrino.it.AgentFixtures.dhcp;
import static io.neutrino.it.AgentFixtures.dhcpAgentsOf;
import static io.neutrino.it.AgentFixtures.ids;
import static io.neutrino.it.AgentFixtures.isolate;
import static io.neutrino.it.AgentFixtures.network;
import static io.neutrino.it.AgentFixtures.subnet;
import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.server.agent.scheduler.DhcpAgentScheduler;
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

/** Networks placed on DHCP agents, and the dhcp_agent_scheduler API, as Neutron Zed does. */
class DhcpAgentSchedulerTest {
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
  void aNetworkGetsAnAgentWithItsFirstSubnetNotBefore() {
    isolate(s);
    String agent = dhcp(s, "d-first", "nova");
    String net = network(s, Map.of());
    assertThat(dhcpAgentsOf(s, net)).isEmpty();
    subnet(s, net, "10.1.0.0/24", true);
    assertThat(dhcpAgentsOf(s, net)).containsExactly(agent);
    var onAgent = s.get("/v2.0/agents/" + agent + "/dhcp-networks");
    assertThat(onAgent.status()).isEqualTo(200);
    assertThat(ids(onAgent.list("networks"))).containsExactly(net);
    assertThat(onAgent.list("networks").get(0)).containsEntry("name", "n").containsKey("subnets");
    assertThat(s.get("/v2.0/networks/" + net).member("network"))
        .containsEntry("availability_zones", List.of("nova"));
  }

  @Test
  void aPortSchedulesItsNetworkToo() {
    isolate(s);
    String net = network(s, Map.of());
    subnet(s, net, "10.2.0.0/24", true); // no enabled agent yet: stays unscheduled
    assertThat(dhcpAgentsOf(s, net)).isEmpty();
    String agent = dhcp(s, "d-port", "nova");
    var port = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", net)));
    assertThat(port.status()).isEqualTo(201);
    assertThat(dhcpAgentsOf(s, net)).containsExactly(agent);
  }

  @Test
  void disabledAgentsAndAgentsOfOtherTypesAreNotChosen() {
    isolate(s);
    String disabled = dhcp(s, "d-disabled", "nova");
    AgentFixtures.setAdminState(s, disabled, false);
    AgentFixtures.l3(s, "d-l3", "nova", Map.of());
    String net = network(s, Map.of());
    subnet(s, net, "10.3.0.0/24", true);
    assertThat(dhcpAgentsOf(s, net)).isEmpty();
  }

  @Test
  void theLeastLoadedAgentWinsAndHintsConfineTheChoice() {
    isolate(s);
    String busy = AgentFixtures.report(s, "DHCP agent", "d-busy", "az-w", Map.of("networks", 9));
    String idle = AgentFixtures.report(s, "DHCP agent", "d-idle", "az-w", Map.of("networks", 1));
    String other = AgentFixtures.report(s, "DHCP agent", "d-other", "az-x", Map.of("networks", 0));
    String net = network(s, Map.of("availability_zone_hints", List.of("az-w")));
    subnet(s, net, "10.4.0.0/24", true);
    assertThat(dhcpAgentsOf(s, net)).containsExactly(idle).doesNotContain(busy, other);
  }

  @Test
  void autoScheduleGivesAnAgentAskingForWorkTheNetworksWithDhcpThatLackAgents() {
    isolate(s);
    String withDhcp = network(s, Map.of());
    subnet(s, withDhcp, "10.5.0.0/24", true);
    String withoutDhcp = network(s, Map.of());
    subnet(s, withoutDhcp, "10.6.0.0/24", false);
    String agent = dhcp(s, "d-auto", "nova");
    List<String> got = s.service(DhcpAgentScheduler.class).autoScheduleNetworks("d-auto");
    assertThat(got).contains(withDhcp).doesNotContain(withoutDhcp);
    assertThat(dhcpAgentsOf(s, withDhcp)).containsExactly(agent);
    assertThat(s.service(DhcpAgentScheduler.class).autoScheduleNetworks("d-auto")).isEmpty();
  }

  @Test
  void addAndRemoveANetworkByHandWithNeutronsErrors() {
    isolate(s);
    String agent = dhcp(s, "d-manual", "nova");
    String second = dhcp(s, "d-manual-2", "nova");
    String net = network(s, Map.of());
    String path = "/v2.0/agents/" + agent + "/dhcp-networks";
    var added = s.post(path, Map.of("network_id", net));
    assertThat(added.status()).as(added.raw().body()).isEqualTo(201);
    assertThat(dhcpAgentsOf(s, net)).containsExactly(agent);
    assertThat(s.post(path, Map.of("network_id", net)).errorType()).isEqualTo("NetworkHostedByDHCPAgent");
    assertThat(s.post(path, Map.of("network_id", net)).status()).isEqualTo(409);
    // An admin may exceed dhcp_agents_per_network.
    assertThat(s.post("/v2.0/agents/" + second + "/dhcp-networks", Map.of("network_id", net)).status())
        .isEqualTo(201);
    assertThat(dhcpAgentsOf(s, net)).containsExactlyInAnyOrder(agent, second);

    var missingNet = s.post(path, Map.of("network_id", "00000000-0000-0000-0000-000000000001"));
    assertThat(missingNet.status()).isEqualTo(404);
    assertThat(missingNet.errorType()).isEqualTo("NetworkNotFound");
    var missingAgent = s.post("/v2.0/agents/00000000-0000-0000-0000-000000000002/dhcp-networks",
        Map.of("network_id", net));
    assertThat(missingAgent.status()).isEqualTo(404);
    assertThat(missingAgent.errorType()).isEqualTo("AgentNotFound");
    String l3 = AgentFixtures.l3(s, "d-manual-l3", "nova", Map.of());
    var wrongType = s.post("/v2.0/agents/" + l3 + "/dhcp-networks", Map.of("network_id", net));
    assertThat(wrongType.status()).isEqualTo(404);
    assertThat(wrongType.errorType()).isEqualTo("InvalidDHCPAgent");
    AgentFixtures.setAdminState(s, second, false);
    String other = network(s, Map.of());
    assertThat(s.post("/v2.0/agents/" + second + "/dhcp-networks", Map.of("network_id", other))
        .errorType()).isEqualTo("InvalidDHCPAgent");
    assertThat(s.post(path, Map.of()).status()).isEqualTo(400);

    assertThat(s.delete(path + "/" + net).status()).isEqualTo(204);
    assertThat(dhcpAgentsOf(s, net)).containsExactly(second);
    var notHosted = s.delete(path + "/" + net);
    assertThat(notHosted.status()).isEqualTo(409);
    assertThat(notHosted.errorType()).isEqualTo("NetworkNotHostedByDhcpAgent");
    assertThat(s.delete("/v2.0/agents/00000000-0000-0000-0000-000000000002/dhcp-networks/" + net)
        .errorType()).isEqualTo("AgentNotFound");
    assertThat(s.get("/v2.0/agents/00000000-0000-0000-0000-000000000002/dhcp-networks").status())
        .isEqualTo(404);
    // Neutron answers an unknown network's agents with an empty list.
    assertThat(dhcpAgentsOf(s, "00000000-0000-0000-0000-000000000003")).isEmpty();
    assertThat(s.put(path, Map.of()).status()).isEqualTo(405);
    assertThat(s.get(path + "/" + net).status()).isEqualTo(405);
  }

  @Test
  void onlyAdminsMayUseTheSchedulerApi() {
    String agent = dhcp(s, "d-policy", "nova");
    String net = network(s, Map.of());
    String path = "/v2.0/agents/" + agent + "/dhcp-networks";
    for (var r : List.of(s.get(path, MEMBER), s.post(path, Map.of("network_id", net), MEMBER),
        s.call("DELETE", path + "/" + net, null, MEMBER),
        s.get("/v2.0/networks/" + net + "/dhcp-agents", MEMBER))) {
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.errorType()).isEqualTo("PolicyNotAuthorized");
    }
  }

  @Test
  void theExtensionsAreListed() {
    var aliases = s.get("/v2.0/extensions").list("extensions").stream().map(e -> e.get("alias")).toList();
    assertThat(aliases).contains("dhcp_agent_scheduler", "availability_zone",
        "availability_zone_filter", "network_availability_zone");
  }

  @Test
  void concurrentSchedulingNeverBindsMoreThanWanted() throws Exception {
    isolate(s);
    for (int i = 0; i < 4; i++) {
      dhcp(s, "d-race-" + i, "nova");
    }
    List<String> nets = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      nets.add(network(s, Map.of()));
    }
    DhcpAgentScheduler scheduler = s.service(DhcpAgentScheduler.class);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> all = new ArrayList<>();
      for (String net : nets) {
        for (int i = 0; i < 6; i++) {
          all.add(pool.submit((Callable<Object>) () -> scheduler.schedule(net)));
        }
      }
      for (Future<?> f : all) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    for (String net : nets) {
      assertThat(dhcpAgentsOf(s, net)).hasSize(1);
    }
  }

  @Test
  void twoAgentsPerNetworkWhenConfigured() {
    try (TestServer two = TestServer.start(Map.of("DEFAULT", Map.of("dhcp_agents_per_network", "2")))) {
      String a = dhcp(two, "d2-a", "nova");
      String b = dhcp(two, "d2-b", "nova");
      AgentFixtures.setAdminState(two, dhcp(two, "d2-c", "nova"), false);
      String net = network(two, Map.of());
      subnet(two, net, "10.7.0.0/24", true);
      assertThat(dhcpAgentsOf(two, net)).containsExactlyInAnyOrder(a, b);
      String lone = network(two, Map.of());
      AgentFixtures.setAdminState(two, b, false);
      subnet(two, lone, "10.8.0.0/24", true);
      assertThat(dhcpAgentsOf(two, lone)).containsExactly(a);
      AgentFixtures.setAdminState(two, b, true);
      two.post("/v2.0/ports", Map.of("port", Map.of("network_id", lone)));
      assertThat(dhcpAgentsOf(two, lone)).containsExactlyInAnyOrder(a, b);
    }
  }
}
