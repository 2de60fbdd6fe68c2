package io.neutrino.it;

import static io.neutrino.it.AgentFixtures.dhcpAgentsOf;
import static io.neutrino.it.AgentFixtures.isolate;
import static io.neutrino.it.AgentFixtures.l3AgentsOf;
import static io.neutrino.it.AgentFixtures.network;
import static io.neutrino.it.AgentFixtures.subnet;
import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.server.agent.scheduler.DhcpAgentScheduler;
import io.neutrino.server.agent.scheduler.L3AgentScheduler;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Agents that stop reporting: skipped by the schedulers once agent_down_time passes, and their
 * networks and routers moved by the failover checks once twice that passes (and their start-up
 * grace is over). The checks are called directly, as their periodic task would, and once
 * through that task.
 */
class AgentFailoverTest {
  static TestServer s;

  @BeforeAll
  static void start() {
    // The periodic checks are off so that only the test runs them; one test turns them on.
    s = TestServer.start(Map.of("DEFAULT", Map.of("agent_down_time", "3",
        "service_plugins", "router", "allow_automatic_dhcp_failover", "false")));
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  @Test
  void deadAgentsAreSkippedAndLoseTheirNetworksAndRouters() throws Exception {
    isolate(s);
    String deadDhcp = AgentFixtures.dhcp(s, "f-dhcp-dead", "nova");
    String deadL3 = AgentFixtures.l3(s, "f-l3-dead", "nova", Map.of());
    String net = network(s, Map.of());
    AgentFixtures.dhcp(s, "f-dhcp-dead", "nova"); // heartbeats, so that they are alive now
    subnet(s, net, "10.30.1.0/24", true);
    assertThat(dhcpAgentsOf(s, net)).containsExactly(deadDhcp);
    var router = s.post("/v2.0/routers", Map.of("router", Map.of("name", "r")));
    String routerId = (String) router.member("router").get("id");
    AgentFixtures.l3(s, "f-l3-dead", "nova", Map.of());
    s.put("/v2.0/routers/" + routerId, Map.of("router", Map.of("name", "r2")));
    assertThat(l3AgentsOf(s, routerId)).containsExactly(deadL3);

    // Past twice agent_down_time plus its start-up grace (two seconds for its one network), a
    // silent DHCP agent is no longer chosen; neither is the silent L3 agent.
    Thread.sleep(8_500);
    String unserved = network(s, Map.of());
    subnet(s, unserved, "10.30.2.0/24", true);
    assertThat(dhcpAgentsOf(s, unserved)).isEmpty();
    String unhosted = (String) s.post("/v2.0/routers", Map.of("router", Map.of("name", "u")))
        .member("router").get("id");
    s.put("/v2.0/routers/" + unhosted, Map.of("router", Map.of("name", "u2")));
    assertThat(l3AgentsOf(s, unhosted)).isEmpty();
    // While no agent at all is alive nothing is moved.
    assertThat(s.service(DhcpAgentScheduler.class).removeNetworksFromDownAgents()).isEmpty();
    assertThat(s.service(L3AgentScheduler.class).rescheduleRoutersFromDownAgents()).isEmpty();
    assertThat(dhcpAgentsOf(s, net)).containsExactly(deadDhcp);
    assertThat(l3AgentsOf(s, routerId)).containsExactly(deadL3);

    // With live agents, the failover checks move what the dead ones had.
    String liveDhcp = AgentFixtures.dhcp(s, "f-dhcp-live", "nova");
    String liveL3 = AgentFixtures.l3(s, "f-l3-live", "nova", Map.of());
    assertThat(s.service(DhcpAgentScheduler.class).removeNetworksFromDownAgents()).contains(net);
    assertThat(dhcpAgentsOf(s, net)).containsExactly(liveDhcp);
    assertThat(s.service(L3AgentScheduler.class).rescheduleRoutersFromDownAgents())
        .containsExactly(routerId);
    assertThat(l3AgentsOf(s, routerId)).containsExactly(liveL3);
  }

  @Test
  void thePeriodicCheckMovesNetworksByItself() throws Exception {
    try (TestServer auto = TestServer.start(Map.of("DEFAULT", Map.of("agent_down_time", "2")))) {
      String dead = AgentFixtures.dhcp(auto, "p-dead", "nova");
      String net = network(auto, Map.of());
      subnet(auto, net, "10.31.1.0/24", true);
      assertThat(dhcpAgentsOf(auto, net)).containsExactly(dead);
      Thread.sleep(6_500); // twice agent_down_time and the start-up grace
      String live = null;
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (System.nanoTime() < deadline && !dhcpAgentsOf(auto, net).contains(live)) {
        live = AgentFixtures.dhcp(auto, "p-live", "nova"); // stays alive while we wait
        Thread.sleep(200);
      }
      assertThat(dhcpAgentsOf(auto, net)).containsExactly(live);
    }
  }
}
