package io.neutrino.server.agent.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.events.Event;
import io.neutrino.lib.events.ResourceEvent;
import io.neutrino.server.agent.AgentRegistry;
import io.neutrino.server.db.Database;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which agents hear of what: the casts the DHCP and L3 notifications send, recorded instead of
 * sent, on an in-memory H2 database.
 */
class NotificationsTest {
  private static final RequestContext ADMIN = RequestContext.admin("test");
  private final List<String> sent = new CopyOnWriteArrayList<>();
  private final List<Map<String, Object>> payloads = new CopyOnWriteArrayList<>();
  private Database db;
  private AgentRegistry registry;
  private Callbacks callbacks;
  private DhcpAgentScheduler dhcp;
  private L3AgentScheduler l3;

  @BeforeEach
  void setUp() {
    db = Database.open("jdbc:h2:mem:notify-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 2);
    db.upgrade();
    registry = new AgentRegistry(db, Clock.systemUTC(), Duration.ofSeconds(75), true, "networks");
    AgentPool pool = new AgentPool(Clock.systemUTC(), Duration.ofSeconds(75));
    dhcp = new DhcpAgentScheduler(db, pool, new DhcpAgentScheduler.Options(
        DhcpAgentScheduler.Driver.WEIGHT, 1, true, true, List.of(), false),
        (ctx, host, method, payload) -> record(method, host, payload));
    l3 = new L3AgentScheduler(db, pool, new L3AgentScheduler.Options(
        L3AgentScheduler.Driver.LEAST_ROUTERS, true, false, List.of(), false),
        (ctx, host, method, kwargs) -> record(method, host, kwargs));
    callbacks = new Callbacks();
    new DhcpNotifications(dhcp).subscribe(callbacks);
    new L3Notifications(l3).subscribe(callbacks);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private void record(String method, String host, Map<String, Object> payload) {
    sent.add(method + "@" + host);
    payloads.add(payload);
  }

  private void agent(String type, String host) {
    registry.reportState(Map.of("agent_type", type, "binary", "b", "host", host, "topic", "t",
        "configurations", Map.of(), "availability_zone", "nova"));
  }

  private String row(String table, String extraColumns, Object... extraValues) {
    String id = UUID.randomUUID().toString();
    Timestamp now = Timestamp.from(Instant.now());
    db.txVoid(h -> {
      var u = h.createUpdate("INSERT INTO " + table + " (id, project_id, name, description, "
          + "created_at, updated_at, revision_number, admin_state_up, status, "
          + "availability_zone_hints" + extraColumns + ") VALUES (?, 'p', 'x', '', ?, ?, 0, TRUE, "
          + "'ACTIVE', '[]'" + ", ?".repeat(extraValues.length) + ")")
          .bind(0, id).bind(1, now).bind(2, now);
      for (int i = 0; i < extraValues.length; i++) {
        u.bind(3 + i, extraValues[i]);
      }
      u.execute();
    });
    return id;
  }

  private void publish(String resource, Event event, String id, Map<String, Object> original,
      Map<String, Object> latest) {
    callbacks.publish(new ResourceEvent(resource, event, ADMIN, id, original, latest, Map.of(), null));
  }

  @Test
  void dhcpAgentsHearOfTheirNetworksChanges() {
    agent("DHCP agent", "h1");
    String net = row("networks", ", shared, router_external, mtu", false, false, 1500);
    publish("subnet", Event.AFTER_CREATE, "s1", null, Map.of("id", "s1", "network_id", net));
    assertThat(sent).containsExactly("network_create_end@h1", "subnet_create_end@h1");
    assertThat(payloads.get(0)).isEqualTo(Map.of("network", Map.of("id", net), "priority", 0));
    assertThat(payloads.get(1)).containsEntry("priority", 3);
    sent.clear();
    payloads.clear();
    publish("port", Event.AFTER_CREATE, "p1", null,
        Map.of("id", "p1", "network_id", net, "device_id", "vm"));
    publish("port", Event.AFTER_UPDATE, "p1", Map.of("id", "p1", "network_id", net, "name", "a"),
        Map.of("id", "p1", "network_id", net, "name", "b")); // nothing DHCP cares about
    publish("port", Event.AFTER_DELETE, "p1", Map.of("id", "p1", "network_id", net), null);
    publish("network", Event.AFTER_DELETE, net, null, null);
    assertThat(sent).containsExactly("port_create_end@h1", "port_delete_end@h1",
        "network_delete_end@null");
    assertThat(payloads.get(0)).containsEntry("priority", 5);
    sent.clear();
    dhcp.removeNetworkFromAgent(ADMIN, dhcp.agentsHostingNetwork(net).get(0), net);
    assertThat(sent).containsExactly("network_delete_end@h1");
  }

  @Test
  void l3AgentsHearOfTheirRoutersChanges() {
    agent("L3 agent", "l1");
    String router = row("routers", ", enable_snat, distributed, ha", true, false, false);
    publish("router", Event.AFTER_UPDATE, router, null, Map.of("id", router));
    assertThat(sent).containsExactly("routers_updated@l1");
    assertThat(payloads.get(0)).isEqualTo(Map.of("routers", List.of(router)));
    sent.clear();
    publish("port", Event.AFTER_CREATE, "p", null, Map.of("id", "p", "network_id", "n",
        "device_owner", "network:router_interface", "device_id", router));
    publish("router", Event.AFTER_DELETE, router, null, null);
    assertThat(sent).containsExactly("routers_updated@l1", "router_deleted@null");
    sent.clear();
    String agentId = l3.agentsHostingRouter(router).get(0);
    l3.removeRouterFromAgent(ADMIN, agentId, router);
    l3.addRouterToAgent(ADMIN, agentId, router);
    assertThat(sent).containsExactly("router_removed_from_agent@l1", "router_added_to_agent@l1");
  }

  @Test
  void bindingIndexesAsNeutronPicksThem() {
    assertThat(BindingTable.vacantIndex(2, List.of(), false)).isEqualTo(1);
    assertThat(BindingTable.vacantIndex(2, List.of(1), false)).isEqualTo(2);
    assertThat(BindingTable.vacantIndex(2, List.of(2), false)).isEqualTo(1);
    assertThat(BindingTable.vacantIndex(2, List.of(1, 2), false)).isEqualTo(-1);
    assertThat(BindingTable.vacantIndex(2, List.of(1, 2), true)).isEqualTo(3);
    assertThat(BindingTable.vacantIndex(1, List.of(1, 3), true)).isEqualTo(2);
  }

  @Test
  void theAzAwareSchedulerSpreadsOverZones() {
    AgentRow a1 = new AgentRow("a1", "DHCP agent", "a1", "t", "az-a", true, null, null, 1, Map.of());
    AgentRow a5 = new AgentRow("a5", "DHCP agent", "a5", "t", "az-a", true, null, null, 5, Map.of());
    AgentRow b2 = new AgentRow("b2", "DHCP agent", "b2", "t", "az-b", true, null, null, 2, Map.of());
    AgentRow hosted = new AgentRow("h", "DHCP agent", "h", "t", "az-a", true, null, null, 0, Map.of());
    assertThat(DhcpAgentScheduler.azAware(List.of(a5, a1, b2), List.of(hosted), 2))
        .containsExactly(b2, a1);
    assertThat(DhcpAgentScheduler.azAware(List.of(a5, a1, b2), List.of(), 3))
        .containsExactly(a1, b2, a5);
  }
}
