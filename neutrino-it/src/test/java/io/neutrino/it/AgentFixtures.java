package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.server.agent.AgentRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Agents for the scheduler tests, reported as their report_state RPC would. */
final class AgentFixtures {
  private AgentFixtures() {}

  static final String[] MEMBER = {"X-Project-Id", "p1", "X-Roles", "member"};

  /** One heartbeat; returns the agent's id. */
  static String report(TestServer s, String type, String host, String zone,
      Map<String, Object> configurations) {
    Map<String, Object> state = new HashMap<>(Map.of("agent_type", type, "binary", "neutrino-agent",
        "host", host, "topic", type.equals("DHCP agent") ? "dhcp_agent" : "l3_agent",
        "configurations", configurations, "availability_zone", zone));
    return s.service(AgentRegistry.class).reportState(state).id();
  }

  static String dhcp(TestServer s, String host, String zone) {
    return report(s, "DHCP agent", host, zone, Map.of("networks", 0));
  }

  static String l3(TestServer s, String host, String zone, Map<String, Object> configurations) {
    return report(s, "L3 agent", host, zone, configurations);
  }

  /** Disables every agent so far, so that a test schedules among its own agents only. */
  static void isolate(TestServer s) {
    for (Map<String, Object> a : s.get("/v2.0/agents").list("agents")) {
      setAdminState(s, (String) a.get("id"), false);
    }
  }

  static void setAdminState(TestServer s, String agentId, boolean up) {
    var r = s.put("/v2.0/agents/" + agentId, Map.of("agent", Map.of("admin_state_up", up)));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
  }

  static String network(TestServer s, Map<String, Object> attrs) {
    Map<String, Object> body = new HashMap<>(Map.of("name", "n"));
    body.putAll(attrs);
    var r = s.post("/v2.0/networks", Map.of("network", body));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return (String) r.member("network").get("id");
  }

  static String subnet(TestServer s, String network, String cidr, boolean dhcp) {
    var r = s.post("/v2.0/subnets", Map.of("subnet", Map.of("network_id", network, "cidr", cidr,
        "ip_version", 4, "enable_dhcp", dhcp)));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return (String) r.member("subnet").get("id");
  }

  static List<Object> ids(List<Map<String, Object>> items) {
    return items.stream().map(m -> m.get("id")).toList();
  }

  static List<Object> dhcpAgentsOf(TestServer s, String network) {
    var r = s.get("/v2.0/networks/" + network + "/dhcp-agents");
    assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
    return ids(r.list("agents"));
  }

  static List<Object> l3AgentsOf(TestServer s, String router) {
    var r = s.get("/v2.0/routers/" + router + "/l3-agents");
    assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
    return ids(r.list("agents"));
  }
}
