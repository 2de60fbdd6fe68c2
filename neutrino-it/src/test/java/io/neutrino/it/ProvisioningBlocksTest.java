package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.messaging.Messaging;
import io.neutrino.messaging.Target;
import io.neutrino.server.agent.AgentRegistry;
import io.neutrino.server.ml2.L2AgentCallbacks;
import io.neutrino.server.ml2.Ml2Plugin;
import io.neutrino.server.ml2.ProvisioningBlocks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A port turns ACTIVE once every agent it waits for has reported, as Neutron Zed's provisioning
 * blocks make it: the L2 agent of its host ({@code update_device_up}) and, when a DHCP agent serves
 * one of its DHCP-enabled subnets, that DHCP agent ({@code dhcp_ready_on_ports}, sent here over the
 * server's RPC topic as the agent sends it). Ports of the network's own services wait for nobody.
 */
class ProvisioningBlocksTest {
  static TestServer s;
  static L2AgentCallbacks l2;
  static ProvisioningBlocks blocks;
  static String served;

  @BeforeAll
  static void start() {
    s = TestServer.start(Map.of(
        "ml2", Map.of("mechanism_drivers", "linuxbridge", "tenant_network_types", "vxlan"),
        "ml2_type_vxlan", Map.of("vni_ranges", "300:399")));
    l2 = s.service(Ml2Plugin.class).agentCallbacks();
    blocks = s.service(Ml2Plugin.class).provisioningBlocks();
    AgentRegistry agents = s.service(AgentRegistry.class);
    agents.reportState(Map.of("agent_type", "Linux bridge agent", "binary", "neutron-linuxbridge-agent",
        "host", "pb1", "topic", "N/A", "configurations", Map.of("interface_mappings", Map.of(),
            "tunnel_types", List.of("vxlan"), "tunneling_ip", "192.0.2.31")));
    AgentFixtures.dhcp(s, "pb1", "nova");
    served = AgentFixtures.network(s, Map.of());
    AgentFixtures.subnet(s, served, "10.31.0.0/24", true);
    assertThat(AgentFixtures.dhcpAgentsOf(s, served)).hasSize(1);
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  static Map<String, Object> port(String net, Map<String, Object> attrs) {
    Map<String, Object> body = new HashMap<>(Map.of("network_id", net, "device_owner", "compute:nova"));
    body.putAll(attrs);
    var r = s.post("/v2.0/ports", Map.of("port", body));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return r.member("port");
  }

  static String status(String id) {
    return (String) s.get("/v2.0/ports/" + id).member("port").get("status");
  }

  static String tap(String id) {
    return "tap" + id.substring(0, 11);
  }

  /** dhcp_ready_on_ports as Neutron's DHCP agent calls it (q-plugin, namespace dhcp, 1.5). */
  static void dhcpReady(String... ids) {
    s.service(Messaging.class).rpcClient(Target.topic("q-plugin").withNamespace("dhcp").withVersion("1.5"))
        .call(Map.of("is_admin", true), "dhcp_ready_on_ports", Map.of("port_ids", List.of(ids)));
  }

  /** The L2 agent of pb1 finds the device and wires it. */
  static void wired(String id) {
    l2.getDeviceDetails(tap(id), "lb-pb1", "pb1");
    l2.updateDeviceUp(tap(id), "lb-pb1", "pb1");
  }

  @Test
  void aBoundPortWaitsForItsL2AgentAndItsDhcpAgentInEitherOrder() {
    String first = (String) port(served, Map.of("binding:host_id", "pb1")).get("id");
    assertThat(blocks.of(first)).containsExactly("DHCP", "L2");
    assertThat(status(first)).isEqualTo("DOWN");
    wired(first);
    assertThat(status(first)).as("wired, but dnsmasq does not know it yet").isEqualTo("BUILD");
    dhcpReady(first);
    assertThat(status(first)).isEqualTo("ACTIVE");
    assertThat(blocks.of(first)).isEmpty();

    String second = (String) port(served, Map.of("binding:host_id", "pb1")).get("id");
    dhcpReady(second);
    assertThat(status(second)).as("served, but not wired yet").isEqualTo("DOWN");
    assertThat(blocks.of(second)).containsExactly("L2");
    wired(second);
    assertThat(status(second)).isEqualTo("ACTIVE");
  }

  @Test
  void onlyWhatCanServeThePortBlocksIt() {
    String unserved = AgentFixtures.network(s, Map.of());
    AgentFixtures.subnet(s, unserved, "10.32.0.0/24", false);
    String noDhcp = (String) port(unserved, Map.of("binding:host_id", "pb1")).get("id");
    assertThat(blocks.of(noDhcp)).as("no DHCP on its subnet").containsExactly("L2");
    wired(noDhcp);
    assertThat(status(noDhcp)).isEqualTo("ACTIVE");

    assertThat(blocks.of((String) port(served, Map.of()).get("id"))).as("no host, no L2 agent to wait for")
        .containsExactly("DHCP");
    assertThat(blocks.of((String) port(served, Map.of("binding:host_id", "elsewhere")).get("id")))
        .as("no L2 agent on that host").containsExactly("DHCP");
    for (String owner : List.of("network:dhcp", "network:router_interface", "")) {
      String id = (String) port(served, Map.of("binding:host_id", "pb1", "device_owner", owner)).get("id");
      assertThat(blocks.of(id)).as(owner).isEmpty();
      wired(id);
      assertThat(status(id)).as(owner).isEqualTo("ACTIVE");
    }
  }

  @Test
  void aNewAddressWaitsForDhcpAgainWithoutTakingTheActivePortDown() {
    Map<String, Object> p = port(served, Map.of("binding:host_id", "pb1"));
    String id = (String) p.get("id");
    wired(id);
    dhcpReady(id);
    assertThat(status(id)).isEqualTo("ACTIVE");

    @SuppressWarnings("unchecked")
    String subnet = (String) ((List<Map<String, Object>>) p.get("fixed_ips")).get(0).get("subnet_id");
    var r = s.put("/v2.0/ports/" + id, Map.of("port", Map.of("fixed_ips",
        List.of(Map.of("subnet_id", subnet, "ip_address", "10.31.0.200")))));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
    assertThat(blocks.of(id)).containsExactly("DHCP");
    assertThat(status(id)).isEqualTo("ACTIVE");
    dhcpReady(id);
    assertThat(blocks.of(id)).isEmpty();
  }

  @Test
  void aDhcpReportDoesNotWakeAPortWhoseDeviceIsGone() {
    String id = (String) port(served, Map.of("binding:host_id", "pb1")).get("id");
    wired(id);
    dhcpReady(id);
    l2.updateDeviceDown(tap(id), "lb-pb1", "pb1");
    assertThat(status(id)).isEqualTo("DOWN");
    // A restarted DHCP agent reports every port it serves.
    dhcpReady(id);
    assertThat(status(id)).isEqualTo("DOWN");
    wired(id);
    assertThat(status(id)).isEqualTo("ACTIVE");
  }
}
