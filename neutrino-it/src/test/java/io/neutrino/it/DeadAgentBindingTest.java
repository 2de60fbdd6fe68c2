package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.server.agent.AgentRegistry;
import io.neutrino.server.ml2.Ml2Plugin;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Binding and agent liveness, on a server that declares agents dead after 2 s without heartbeat. */
class DeadAgentBindingTest {
  @Test
  void deadAgentFailsTheBindingAdminDownOneStillBindsARevivedOneBinds() throws Exception {
    try (TestServer s = TestServer.start(Map.of("DEFAULT", Map.of("agent_down_time", "2"),
        "ml2", Map.of("mechanism_drivers", "linuxbridge", "tenant_network_types", "vxlan"),
        "ml2_type_vxlan", Map.of("vni_ranges", "100:199")))) {
      AgentRegistry agents = s.service(AgentRegistry.class);
      Runnable dying = () -> agents.reportState(lb("h-dying"));
      dying.run();
      agents.reportState(lb("h-admin-down"));
      String adminDown = agents.hostAgents("Linux bridge agent", "h-admin-down").get(0).id();
      assertThat(s.put("/v2.0/agents/" + adminDown, Map.of("agent", Map.of("admin_state_up", false))).status())
          .isEqualTo(200);
      Thread.sleep(3_000);
      agents.reportState(lb("h-admin-down")); // still reporting: alive, but admin down
      String net = (String) s.post("/v2.0/networks", Map.of("network", Map.of("name", "n"))).member("network").get("id");

      assertThat(port(s, net, "h-dying")).containsEntry("binding:vif_type", "binding_failed");
      // Neutron Zed binds to an admin-down L2 agent: only liveness counts (mech_agent.py).
      assertThat(port(s, net, "h-admin-down")).containsEntry("binding:vif_type", "bridge");

      // Once the agent reports again, its request for the device's details binds the port.
      String failed = (String) port(s, net, "h-dying").get("id");
      dying.run();
      var details = s.service(Ml2Plugin.class).agentCallbacks().getDeviceDetails(failed, "a", "h-dying");
      assertThat(details).containsEntry("port_id", failed).containsEntry("network_type", "vxlan");
      assertThat(s.get("/v2.0/ports/" + failed).member("port")).containsEntry("binding:vif_type", "bridge")
          .containsEntry("status", "BUILD");
    }
  }

  private static Map<String, Object> lb(String host) {
    return Map.of("agent_type", "Linux bridge agent", "binary", "neutron-linuxbridge-agent", "host", host,
        "topic", "N/A", "configurations", Map.of("interface_mappings", Map.of(), "tunnel_types", List.of("vxlan")));
  }

  private static Map<String, Object> port(TestServer s, String net, String host) {
    var r = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", net, "binding:host_id", host)));
    assertThat(r.status()).isEqualTo(201);
    return r.member("port");
  }
}
