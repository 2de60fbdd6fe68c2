package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.it.ml2.HierarchicalMechanismDriver;
import io.neutrino.server.agent.AgentRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hierarchical port binding (MechanismManager._bind_port_level): a driver that continues the
 * binding onto other segments, the next level bound by another driver, the levels stored in
 * ml2_port_binding_levels and shown to drivers; a level that cannot be completed is undone and the
 * walk goes on with the next driver.
 */
class HierarchicalBindingTest {

  /** The tor driver above linuxbridge, vxlan project networks, vlan ids on physnet1. */
  private static TestServer start(HierarchicalMechanismDriver.Levels levels) {
    return TestServer.start(Map.of(
        "DEFAULT", Map.of("service_plugins", "segments"),
        "ml2", Map.of("mechanism_drivers", "tor,linuxbridge", "tenant_network_types", "vxlan"),
        "ml2_type_vlan", Map.of("network_vlan_ranges", "physnet1:10:20"),
        "ml2_type_vxlan", Map.of("vni_ranges", "100:199")),
        Map.of(HierarchicalMechanismDriver.Levels.class, levels));
  }

  @Test
  void topDriverHandsTheBindingToAnAgentOnTheVlanSegment() {
    var levels = new HierarchicalMechanismDriver.Levels();
    try (TestServer s = start(levels)) {
      AgentRegistry agents = s.service(AgentRegistry.class);
      // No tunnels on either host: the vxlan segment can only be bound through the tor driver.
      for (var host : Map.of("h1", Map.of("physnet1", "eth1"), "h2", Map.<String, String>of()).entrySet()) {
        agents.reportState(Map.of("agent_type", "Linux bridge agent", "binary", "neutron-linuxbridge-agent",
            "host", host.getKey(), "topic", "N/A", "configurations", Map.of("interface_mappings", host.getValue())));
      }
      var net = s.post("/v2.0/networks", Map.of("network", Map.of("segments", List.of(
          Map.of("provider:network_type", "vxlan", "provider:segmentation_id", 150),
          Map.of("provider:network_type", "vlan", "provider:physical_network", "physnet1",
              "provider:segmentation_id", 15)))));
      assertThat(net.status()).as(net.raw().body()).isEqualTo(201);
      String netId = (String) net.member("network").get("id");

      var bound = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", netId, "binding:host_id", "h1")));
      assertThat(bound.member("port")).containsEntry("binding:vif_type", "bridge");
      String port = (String) bound.member("port").get("id");
      assertThat(levels.byPort.get(port)).containsExactly("0:tor:vxlan", "1:linuxbridge:vlan");

      // On h2 nobody binds the vlan level: the tor level is undone and the port fails to bind.
      var failed = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", netId, "binding:host_id", "h2")));
      assertThat(failed.member("port")).containsEntry("binding:vif_type", "binding_failed");
      assertThat(levels.byPort.get((String) failed.member("port").get("id"))).isEmpty();

      // Both levels' segments are in use by the bound port; moving it to h2 releases them.
      for (var segment : s.get("/v2.0/segments?network_id=" + netId).list("segments")) {
        var r = s.delete("/v2.0/segments/" + segment.get("id"));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.errorType()).isEqualTo("SegmentInUse");
      }
      var moved = s.put("/v2.0/ports/" + port, Map.of("port", Map.of("binding:host_id", "h2")));
      assertThat(moved.member("port")).containsEntry("binding:vif_type", "binding_failed");
      assertThat(levels.byPort.get(port)).isEmpty();
      String vlanSegment = (String) s.get("/v2.0/segments?network_id=" + netId + "&network_type=vlan")
          .list("segments").get(0).get("id");
      assertThat(s.delete("/v2.0/segments/" + vlanSegment).status()).isEqualTo(204);
    }
  }

  /**
   * A network of a vxlan segment only: the tor driver allocates a dynamic vlan segment for the next
   * level; it is shared by the ports bound through it, never one of the network's provider
   * segments, what the agent is told to wire, and released with the last port.
   */
  @Test
  void aDynamicSegmentForTheNextLevel() {
    var levels = new HierarchicalMechanismDriver.Levels();
    try (TestServer s = start(levels)) {
      s.service(AgentRegistry.class).reportState(Map.of("agent_type", "Linux bridge agent",
          "binary", "neutron-linuxbridge-agent", "host", "h1", "topic", "N/A",
          "configurations", Map.of("interface_mappings", Map.of("physnet1", "eth1"))));
      String net = (String) s.post("/v2.0/networks", Map.of("network", Map.of("name", "overlay")))
          .member("network").get("id");
      List<String> ports = new java.util.ArrayList<>();
      for (int i = 0; i < 2; i++) {
        var p = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", net, "binding:host_id", "h1")));
        assertThat(p.member("port")).containsEntry("binding:vif_type", "bridge");
        ports.add((String) p.member("port").get("id"));
        assertThat(levels.byPort.get(ports.get(i))).containsExactly("0:tor:vxlan", "1:linuxbridge:dynamic vlan");
      }
      var shown = s.get("/v2.0/networks/" + net).member("network");
      assertThat(shown).containsEntry("provider:network_type", "vxlan").doesNotContainKey("segments");
      var segments = s.get("/v2.0/segments?network_id=" + net).list("segments");
      assertThat(segments).hasSize(2); // one dynamic segment for both ports
      var dynamic = segments.stream().filter(g -> g.get("network_type").equals("vlan")).findFirst().orElseThrow();
      assertThat(dynamic).containsEntry("physical_network", "physnet1");
      assertThat((Integer) dynamic.get("segmentation_id")).isBetween(10, 20);
      // The agent wires the port on the dynamic vlan.
      var details = s.service(io.neutrino.server.ml2.Ml2Plugin.class).agentCallbacks()
          .getDeviceDetails("tap" + ports.get(0).substring(0, 11), "agent-h1", "h1");
      assertThat(details).containsEntry("network_type", "vlan").containsEntry("physical_network", "physnet1")
          .containsEntry("segmentation_id", dynamic.get("segmentation_id"));

      assertThat(s.delete("/v2.0/ports/" + ports.get(0)).status()).isEqualTo(204);
      assertThat(s.get("/v2.0/segments?network_id=" + net).list("segments")).hasSize(2);
      assertThat(s.delete("/v2.0/ports/" + ports.get(1)).status()).isEqualTo(204);
      assertThat(s.get("/v2.0/segments?network_id=" + net).list("segments")).hasSize(1);
      // Its vlan id is free again.
      assertThat(s.post("/v2.0/networks", Map.of("network", Map.of("provider:network_type", "vlan",
          "provider:physical_network", "physnet1", "provider:segmentation_id", dynamic.get("segmentation_id"))))
          .status()).isEqualTo(201);
    }
  }
}
