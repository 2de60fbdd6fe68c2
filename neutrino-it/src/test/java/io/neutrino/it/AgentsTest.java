package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.AgentLookup;
import io.neutrino.server.agent.AgentRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agents registry (report_state heartbeats, as the agents' RPC call delivers them) and the
 * agents API as Neutron Zed shows it.
 */
class AgentsTest {
  private static final String[] MEMBER = {"X-Project-Id", "p1", "X-Roles", "member"};
  static TestServer s;
  static AgentRegistry registry;

  @BeforeAll
  static void start() {
    s = TestServer.start(Map.of("DEFAULT", Map.of("agent_down_time", "2")));
    registry = s.service(AgentRegistry.class);
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  static Map<String, Object> state(String type, String host, Object... extra) {
    Map<String, Object> m = new HashMap<>(Map.of("agent_type", type, "binary", "neutrino-agent",
        "host", host, "topic", "N/A", "configurations", Map.of("bridge_mappings", Map.of())));
    for (int i = 0; i < extra.length; i += 2) {
      m.put((String) extra[i], extra[i + 1]);
    }
    return m;
  }

  @Test
  void firstHeartbeatCreatesTheAgentLaterOnesKeepItAlive() {
    var first = registry.reportState(state("Linux bridge agent", "h-create", "start_flag", true));
    assertThat(first.status()).isEqualTo(AgentRegistry.Status.NEW);
    assertThat(first.adminStateUp()).isTrue();
    var again = registry.reportState(state("Linux bridge agent", "h-create"));
    assertThat(again.status()).isEqualTo(AgentRegistry.Status.ALIVE);
    assertThat(again.id()).isEqualTo(first.id());

    var shown = s.get("/v2.0/agents/" + first.id());
    assertThat(shown.status()).isEqualTo(200);
    Map<String, Object> a = shown.member("agent");
    assertThat(a).containsEntry("agent_type", "Linux bridge agent").containsEntry("host", "h-create")
        .containsEntry("binary", "neutrino-agent").containsEntry("topic", "N/A")
        .containsEntry("alive", true).containsEntry("admin_state_up", true)
        .containsEntry("configurations", Map.of("bridge_mappings", Map.of()))
        .containsEntry("description", null);
    assertThat((String) a.get("heartbeat_timestamp")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
    assertThat(a).containsKeys("created_at", "started_at", "id").doesNotContainKeys("load", "resource_versions");
  }

  @Test
  void agentWithoutHeartbeatForAgentDownTimeIsDeadThenRevived() throws Exception {
    var report = registry.reportState(state("DHCP agent", "h-dead", "configurations", Map.of("networks", 3)));
    Thread.sleep(3_000);
    assertThat(s.get("/v2.0/agents/" + report.id()).member("agent")).containsEntry("alive", false);
    assertThat(ids(s.get("/v2.0/agents?alive=false"))).contains(report.id());
    assertThat(ids(s.get("/v2.0/agents?alive=true"))).doesNotContain(report.id());
    assertThat(registry.hostAgents("DHCP agent", "h-dead")).singleElement()
        .satisfies(st -> assertThat(st.alive()).isFalse());
    assertThat(registry.reportState(state("DHCP agent", "h-dead")).status())
        .isEqualTo(AgentRegistry.Status.REVIVED);
    assertThat(s.get("/v2.0/agents/" + report.id()).member("agent")).containsEntry("alive", true);
  }

  @Test
  void adminUpdatesAdminStateAndDescriptionOnly() {
    String id = registry.reportState(state("L3 agent", "h-update")).id();
    var r = s.put("/v2.0/agents/" + id, Map.of("agent", Map.of("admin_state_up", false, "description", "spare")));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.member("agent")).containsEntry("admin_state_up", false).containsEntry("description", "spare");
    assertThat(registry.hostAgents("L3 agent", "h-update")).singleElement()
        .satisfies(st -> assertThat(st.adminStateUp()).isFalse());
    assertThat(s.put("/v2.0/agents/" + id, Map.of("agent", Map.of("host", "elsewhere"))).status()).isEqualTo(400);
    assertThat(s.put("/v2.0/agents/" + id, Map.of("agent", Map.of("description", "x".repeat(256)))).status())
        .isEqualTo(400);
    assertThat(s.get("/v2.0/agents/" + id).member("agent")).containsEntry("host", "h-update");
  }

  @Test
  void agentsAreNotCreatedThroughTheApi() {
    assertThat(s.post("/v2.0/agents", Map.of("agent", Map.of())).status()).isEqualTo(400);
  }

  @Test
  void deleteRemovesTheAgentUntilItReportsAgain() {
    String id = registry.reportState(state("Metadata agent", "h-delete")).id();
    assertThat(s.delete("/v2.0/agents/" + id).status()).isEqualTo(204);
    assertThat(s.get("/v2.0/agents/" + id).status()).isEqualTo(404);
    assertThat(s.get("/v2.0/agents/" + id).errorType()).isEqualTo("AgentNotFound");
    assertThat(s.delete("/v2.0/agents/" + id).status()).isEqualTo(404);
    assertThat(registry.reportState(state("Metadata agent", "h-delete")).status())
        .isEqualTo(AgentRegistry.Status.NEW);
  }

  @Test
  void nonAdminsSeeNoAgents() {
    String id = registry.reportState(state("Linux bridge agent", "h-private")).id();
    var list = s.get("/v2.0/agents", MEMBER);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.list("agents")).isEmpty();
    assertThat(s.get("/v2.0/agents/" + id, MEMBER).status()).isEqualTo(404);
    assertThat(s.put("/v2.0/agents/" + id, Map.of("agent", Map.of("admin_state_up", false)), MEMBER).status())
        .isEqualTo(404);
  }

  @Test
  void listFiltersByTypeAndHost() {
    registry.reportState(state("Linux bridge agent", "h-filter-1"));
    registry.reportState(state("DHCP agent", "h-filter-1"));
    registry.reportState(state("Linux bridge agent", "h-filter-2"));
    var r = s.get("/v2.0/agents?agent_type=Linux%20bridge%20agent&host=h-filter-1");
    assertThat(r.list("agents")).singleElement()
        .satisfies(a -> assertThat(a).containsEntry("host", "h-filter-1").containsEntry("agent_type", "Linux bridge agent"));
    assertThat(s.get("/v2.0/agents?host=h-filter-1&fields=host&fields=agent_type").list("agents"))
        .allSatisfy(a -> assertThat(a.keySet()).containsExactlyInAnyOrder("host", "agent_type"));
  }

  @Test
  void concurrentFirstHeartbeatsMakeOneAgent() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      Set<String> ids = ConcurrentHashMap.newKeySet();
      List<Future<?>> all = new java.util.ArrayList<>();
      for (int i = 0; i < 16; i++) {
        all.add(pool.submit(() -> ids.add(registry.reportState(state("L3 agent", "h-race")).id())));
      }
      for (Future<?> f : all) {
        f.get();
      }
      assertThat(ids).hasSize(1);
      assertThat(registry.hostAgents("L3 agent", "h-race")).hasSize(1);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void reportWithoutIdentityIsRefused() {
    Map<String, Object> bad = state("L3 agent", "h-bad");
    bad.remove("host");
    assertThatThrownBy(() -> registry.reportState(bad)).isInstanceOf(NeutronException.class)
        .hasMessageContaining("host");
  }

  @Test
  void lookupServesMechanismDriversAndSchedulers() {
    registry.reportState(state("Open vSwitch agent", "h-lookup"));
    AgentLookup lookup = s.service(AgentLookup.class);
    assertThat(lookup.hostAgents("Open vSwitch agent", "h-lookup")).singleElement()
        .satisfies(a -> assertThat(a.alive()).isTrue());
    assertThat(lookup.hostAgents("Open vSwitch agent", "nowhere")).isEmpty();
    assertThat(lookup.agentsOfType("Open vSwitch agent")).extracting(AgentLookup.AgentState::host).contains("h-lookup");
  }

  @Test
  void agentExtensionIsListed() {
    assertThat(s.get("/v2.0/extensions/agent").status()).isEqualTo(200);
  }

  private static List<Object> ids(TestServer.Reply r) {
    return r.list("agents").stream().map(a -> a.get("id")).toList();
  }
}
