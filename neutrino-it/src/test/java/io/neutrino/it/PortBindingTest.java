package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.server.agent.AgentRegistry;
import io.neutrino.server.ml2.L2AgentCallbacks;
import io.neutrino.server.ml2.Ml2Plugin;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Port binding with the linuxbridge and openvswitch drivers against agents registered through
 * report_state, as Neutron Zed binds: vif_type and vif_details out, binding_failed when no live
 * agent on the host reaches a segment, rebinding on host change; and the L2 agents' RPC entry
 * points (device details, device up and down) called directly.
 */
class PortBindingTest {
  private static final String[] MEMBER = {"X-Project-Id", "p1", "X-Roles", "member"};
  static TestServer s;
  static AgentRegistry agents;
  static L2AgentCallbacks rpc;

  @BeforeAll
  static void start() {
    s = TestServer.start(Map.of(
        "ml2", Map.of("mechanism_drivers", "linuxbridge,openvswitch", "tenant_network_types", "vxlan"),
        "ml2_type_vxlan", Map.of("vni_ranges", "100:199"),
        "ml2_type_vlan", Map.of("network_vlan_ranges", "physnet1:10:20,physnet2")));
    agents = s.service(AgentRegistry.class);
    rpc = s.service(Ml2Plugin.class).agentCallbacks();
    lb("h1", Map.of("physnet1", "eth1"));
    lb("h2", Map.of("physnet1", "eth1"));
    lb("h-nophys", Map.of());
    agents.reportState(Map.of("agent_type", "Open vSwitch agent", "binary", "neutron-openvswitch-agent",
        "host", "ovs1", "topic", "N/A", "configurations", Map.of("bridge_mappings", Map.of("physnet1", "br-eth1"),
            "tunnel_types", List.of("vxlan"), "integration_bridge", "br-int", "ovs_hybrid_plug", false)));
  }

  static void lb(String host, Map<String, String> mappings) {
    agents.reportState(Map.of("agent_type", "Linux bridge agent", "binary", "neutron-linuxbridge-agent",
        "host", host, "topic", "N/A", "configurations", Map.of("interface_mappings", mappings,
            "tunnel_types", List.of("vxlan"), "tunneling_ip", "192.0.2." + host.length())));
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  static String network(Map<String, Object> attrs) {
    Map<String, Object> body = new HashMap<>(attrs);
    body.putIfAbsent("name", "n");
    var r = s.post("/v2.0/networks", Map.of("network", body));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    String net = (String) r.member("network").get("id");
    s.post("/v2.0/subnets", Map.of("subnet", Map.of("network_id", net, "cidr", "10.9.0.0/24", "ip_version", 4)));
    return net;
  }

  static Map<String, Object> port(String net, Map<String, Object> attrs) {
    Map<String, Object> body = new HashMap<>(attrs);
    body.put("network_id", net);
    var r = s.post("/v2.0/ports", Map.of("port", body));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return r.member("port");
  }

  @Test
  void noHostIsUnbound() {
    var p = port(network(Map.of()), Map.of());
    assertThat(p).containsEntry("binding:vif_type", "unbound").containsEntry("binding:host_id", "")
        .containsEntry("binding:vnic_type", "normal").containsEntry("binding:vif_details", Map.of())
        .containsEntry("binding:profile", Map.of()).containsEntry("status", "DOWN");
  }

  @Test
  void hostWithLiveAgentBindsWithNeutronsVifDetails() {
    String net = network(Map.of());
    var p = port(net, Map.of("binding:host_id", "h1"));
    assertThat(p).containsEntry("binding:vif_type", "bridge").containsEntry("binding:host_id", "h1")
        .containsEntry("status", "DOWN");
    assertThat(p.get("binding:vif_details")).isEqualTo(Map.of("port_filter", true, "connectivity", "l2"));
    // A GET shows the same, and a non-admin sees no binding attribute at all.
    assertThat(s.get("/v2.0/ports/" + p.get("id")).member("port")).containsEntry("binding:vif_type", "bridge");
  }

  @Test
  void nonAdminsNeverSeeBindingAttributes() {
    var r = s.post("/v2.0/networks", Map.of("network", Map.of("name", "mine")), MEMBER);
    String net = (String) r.member("network").get("id");
    var p = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", net)), MEMBER);
    assertThat(p.status()).isEqualTo(201);
    // Zed's policy hides host, profile, vif type and details; the vnic type stays visible.
    assertThat(p.member("port").keySet()).filteredOn(k -> k.startsWith("binding:")).containsExactly("binding:vnic_type");
    var given = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", net, "binding:host_id", "h1")), MEMBER);
    assertThat(given.status()).isEqualTo(403);
  }

  @Test
  void openvswitchBindsWithItsOwnDetails() {
    var p = port(network(Map.of()), Map.of("binding:host_id", "ovs1"));
    assertThat(p).containsEntry("binding:vif_type", "ovs");
    assertThat(p.get("binding:vif_details")).isEqualTo(Map.of("port_filter", true, "connectivity", "l2",
        "ovs_hybrid_plug", false, "datapath_type", "system", "bridge_name", "br-int"));
  }

  @Test
  void unknownHostFailsTheBinding() {
    var p = port(network(Map.of()), Map.of("binding:host_id", "nowhere"));
    assertThat(p).containsEntry("binding:vif_type", "binding_failed").containsEntry("binding:vif_details", Map.of());
  }

  @Test
  void agentNotMappingThePhysnetFailsAndAMappedOneBinds() {
    String net = network(Map.of("provider:network_type", "vlan", "provider:physical_network", "physnet1"));
    assertThat(port(net, Map.of("binding:host_id", "h-nophys"))).containsEntry("binding:vif_type", "binding_failed");
    assertThat(port(net, Map.of("binding:host_id", "h2"))).containsEntry("binding:vif_type", "bridge");
    String other = network(Map.of("provider:network_type", "vlan", "provider:physical_network", "physnet2",
        "provider:segmentation_id", 7));
    assertThat(port(other, Map.of("binding:host_id", "h2"))).containsEntry("binding:vif_type", "binding_failed");
  }

  @Test
  void unsupportedVnicTypeFails() {
    String net = network(Map.of());
    assertThat(port(net, Map.of("binding:host_id", "h1", "binding:vnic_type", "direct")))
        .containsEntry("binding:vif_type", "binding_failed").containsEntry("binding:vnic_type", "direct");
    // openvswitch binds direct only with switchdev in the profile (hardware offload).
    assertThat(port(net, Map.of("binding:host_id", "ovs1", "binding:vnic_type", "direct")))
        .containsEntry("binding:vif_type", "binding_failed");
    assertThat(port(net, Map.of("binding:host_id", "ovs1", "binding:vnic_type", "direct",
        "binding:profile", Map.of("capabilities", List.of("switchdev")))))
        .containsEntry("binding:vif_type", "ovs");
  }

  @Test
  void hostChangeRebindsAndClearingTheHostUnbinds() {
    String net = network(Map.of());
    String id = (String) port(net, Map.of("binding:host_id", "nowhere")).get("id");
    var moved = s.put("/v2.0/ports/" + id, Map.of("port", Map.of("binding:host_id", "ovs1")));
    assertThat(moved.status()).isEqualTo(200);
    assertThat(moved.member("port")).containsEntry("binding:vif_type", "ovs").containsEntry("binding:host_id", "ovs1");
    var again = s.put("/v2.0/ports/" + id, Map.of("port", Map.of("binding:host_id", "h1")));
    assertThat(again.member("port")).containsEntry("binding:vif_type", "bridge");
    var profile = s.put("/v2.0/ports/" + id, Map.of("port", Map.of("binding:profile", Map.of("k", "v"))));
    assertThat(profile.member("port")).containsEntry("binding:vif_type", "bridge")
        .containsEntry("binding:profile", Map.of("k", "v"));
    var cleared = s.put("/v2.0/ports/" + id, Map.of("port", Map.of("binding:host_id", "")));
    assertThat(cleared.member("port")).containsEntry("binding:vif_type", "unbound").containsEntry("binding:host_id", "");
    // Each answer (bound after the commit or not) is what a show gave right after.
    for (var answer : List.of(moved, again, profile, cleared)) {
      var rebound = s.put("/v2.0/ports/" + id, Map.of("port", Map.of("binding:host_id",
          answer.member("port").get("binding:host_id"))));
      assertThat(s.get("/v2.0/ports/" + id).member("port")).isEqualTo(rebound.member("port"));
    }
    // A port filter on the host works (in memory, the binding lives in ml2_port_bindings).
    s.put("/v2.0/ports/" + id, Map.of("port", Map.of("binding:host_id", "h2")));
    assertThat(s.get("/v2.0/ports?binding:host_id=h2&network_id=" + net).list("ports"))
        .extracting(p -> p.get("id")).containsExactly(id);
  }

  @Test
  void macOfABoundPortCannotChange() {
    String net = network(Map.of());
    String id = (String) port(net, Map.of("binding:host_id", "h1")).get("id");
    var r = s.put("/v2.0/ports/" + id, Map.of("port", Map.of("mac_address", "fa:16:3e:00:00:01")));
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.errorType()).isEqualTo("PortBound");
    String unbound = (String) port(net, Map.of()).get("id");
    assertThat(s.put("/v2.0/ports/" + unbound, Map.of("port", Map.of("mac_address", "fa:16:3e:00:00:02"))).status())
        .isEqualTo(200);
  }

  @Test
  void deviceDetailsUpAndDownAsTheAgentSeesThem() {
    String net = network(Map.of());
    var p = port(net, Map.of("binding:host_id", "h1"));
    String id = (String) p.get("id");
    String tap = "tap" + id.substring(0, 11);
    Map<String, Object> details = rpc.getDeviceDetails(tap, "agent-h1", "h1");
    var netShown = s.get("/v2.0/networks/" + net).member("network");
    assertThat(details).containsEntry("device", tap).containsEntry("port_id", id).containsEntry("network_id", net)
        .containsEntry("mac_address", p.get("mac_address")).containsEntry("admin_state_up", true)
        .containsEntry("network_type", "vxlan").containsEntry("segmentation_id", netShown.get("provider:segmentation_id"))
        .containsEntry("physical_network", null).containsEntry("mtu", netShown.get("mtu"))
        .containsEntry("fixed_ips", p.get("fixed_ips")).containsEntry("device_owner", "")
        .containsEntry("allowed_address_pairs", List.of()).containsEntry("port_security_enabled", true)
        .containsEntry("qos_policy_id", null).containsEntry("profile", Map.of())
        .containsEntry("security_groups", p.get("security_groups"));
    assertThat(s.get("/v2.0/ports/" + id).member("port")).containsEntry("status", "BUILD");

    rpc.updateDeviceUp(tap, "agent-h1", "h1");
    assertThat(s.get("/v2.0/ports/" + id).member("port")).containsEntry("status", "ACTIVE");
    // Another host's agent cannot take the port down.
    assertThat(rpc.updateDeviceDown(tap, "agent-h2", "h2")).containsEntry("exists", true);
    assertThat(s.get("/v2.0/ports/" + id).member("port")).containsEntry("status", "ACTIVE");
    assertThat(rpc.updateDeviceDown(tap, "agent-h1", "h1")).isEqualTo(Map.of("device", tap, "exists", true));
    assertThat(s.get("/v2.0/ports/" + id).member("port")).containsEntry("status", "DOWN");

    assertThat(rpc.getDeviceDetails("tapffffffffff0", "a", "h1")).isEqualTo(Map.of("device", "tapffffffffff0"));
    assertThat(rpc.updateDeviceDown("tapffffffffff0", "a", "h1")).containsEntry("exists", false);
    String unbound = (String) port(net, Map.of()).get("id");
    assertThat(rpc.getDeviceDetails(unbound, "a", "h1")).isEqualTo(Map.of("device", unbound));
  }

  /** A vlan id changes only under ports bound by a driver that follows it (openvswitch, with an OVS agent). */
  @Test
  void vlanIdChangesUnderPortsThatFollowIt() {
    String net = network(Map.of("provider:network_type", "vlan", "provider:physical_network", "physnet1",
        "provider:segmentation_id", 400));
    String id = (String) port(net, Map.of("binding:host_id", "h2")).get("id");
    var refused = s.put("/v2.0/networks/" + net, Map.of("network", Map.of("provider:segmentation_id", 401)));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.raw().body()).contains("Provider network attribute provider:segmentation_id cannot be updated "
        + "if any port in the network has not the following binding:vif_type: unbound, binding_failed, ovs");
    assertThat(s.put("/v2.0/ports/" + id, Map.of("port", Map.of("binding:host_id", "ovs1"))).member("port"))
        .containsEntry("binding:vif_type", "ovs");
    var moved = s.put("/v2.0/networks/" + net, Map.of("network", Map.of("provider:segmentation_id", 401)));
    assertThat(moved.status()).as(moved.raw().body()).isEqualTo(200);
    assertThat(moved.member("network")).containsEntry("provider:segmentation_id", 401);
  }

  @Test
  void deviceNamesAreIdPrefixesNeverPatterns() {
    String id = (String) port(network(Map.of()), Map.of("binding:host_id", "h1")).get("id");
    // SQL LIKE wildcards would have matched some port (before: the first one, whatever its id).
    for (String device : List.of("tap%", "tap_", "tap" + id.substring(0, 4) + "%", "")) {
      assertThat(rpc.getDeviceDetails(device, "agent-h1", "h1")).as(device).isEqualTo(Map.of("device", device));
      rpc.updateDeviceUp(device, "agent-h1", "h1");
    }
    assertThat(s.get("/v2.0/ports/" + id).member("port")).containsEntry("status", "DOWN");
    // What the agents send: the tap name, a router or gateway device, the whole id.
    for (String device : List.of("tap" + id.substring(0, 11), "qr-" + id.substring(0, 11), id)) {
      assertThat(rpc.getDeviceDetails(device, "agent-h1", "h1")).as(device).containsEntry("port_id", id);
    }
  }

  @Test
  void hostChangeTakesTheActivePortDown() {
    String id = (String) port(network(Map.of()), Map.of("binding:host_id", "h1")).get("id");
    rpc.updateDeviceUp(id, "agent-h1", "h1");
    assertThat(s.get("/v2.0/ports/" + id).member("port")).containsEntry("status", "ACTIVE");
    var moved = s.put("/v2.0/ports/" + id, Map.of("port", Map.of("binding:host_id", "h2")));
    assertThat(moved.member("port")).containsEntry("status", "DOWN").containsEntry("binding:vif_type", "bridge");
  }
}
