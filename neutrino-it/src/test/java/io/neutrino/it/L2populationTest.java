package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.server.agent.AgentRegistry;
import io.neutrino.server.ml2.L2AgentCallbacks;
import io.neutrino.server.ml2.Ml2Plugin;
import io.neutrino.server.ml2.mech.L2populationNotifier;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The l2population driver's payloads as Neutron Zed computes them, captured by a recording
 * notifier in place of the RPC layer's: ports coming up, going down, changing addresses.
 */
class L2populationTest {
  record Sent(String method, Map<String, Object> fdb, String host) {}

  static final class Recorder implements L2populationNotifier {
    final List<Sent> sent = new CopyOnWriteArrayList<>();

    @Override
    public void addFdbEntries(Map<String, Object> fdb, String host) {
      sent.add(new Sent("add", fdb, host));
    }

    @Override
    public void removeFdbEntries(Map<String, Object> fdb, String host) {
      sent.add(new Sent("remove", fdb, host));
    }

    @Override
    public void updateFdbEntries(Map<String, Object> fdb, String host) {
      sent.add(new Sent("update", fdb, host));
    }
  }

  static final List<String> FLOOD = List.of("00:00:00:00:00:00", "0.0.0.0");

  @Test
  @SuppressWarnings("unchecked")
  void portsUpDownAndMovingAddressesAsFdbEntries() {
    Recorder rec = new Recorder();
    try (TestServer s = TestServer.start(Map.of(
        "ml2", Map.of("mechanism_drivers", "linuxbridge,l2population", "tenant_network_types", "vxlan"),
        "ml2_type_vxlan", Map.of("vni_ranges", "1001:1001")), Map.of(L2populationNotifier.class, rec))) {
      AgentRegistry agents = s.service(AgentRegistry.class);
      for (String[] h : new String[][] {{"h1", "192.0.2.1"}, {"h2", "192.0.2.2"}}) {
        agents.reportState(Map.of("agent_type", "Linux bridge agent", "binary", "neutron-linuxbridge-agent",
            "host", h[0], "topic", "N/A", "configurations", Map.of("interface_mappings", Map.of(),
                "tunnel_types", List.of("vxlan"), "tunneling_ip", h[1])));
      }
      L2AgentCallbacks rpc = s.service(Ml2Plugin.class).agentCallbacks();
      String net = s.networkWithSubnet("10.7.0.0/24")[0];
      String subnet = (String) s.get("/v2.0/subnets?network_id=" + net).list("subnets").get(0).get("id");
      var p1 = port(s, net, "h1", "10.7.0.11");
      var p2 = port(s, net, "h2", "10.7.0.12");
      assertThat(rec.sent).isEmpty(); // bound but not up: nothing to announce

      rpc.updateDeviceUp((String) p1.get("id"), "a1", "h1");
      // First port on h1, no other agent has ports yet: only the others learn about h1.
      assertThat(rec.sent).containsExactly(new Sent("add", Map.of(net, Map.of("segment_id", 1001,
          "network_type", "vxlan", "ports", Map.of("192.0.2.1", List.of(FLOOD, List.of(p1.get("mac_address"), "10.7.0.11"))))),
          null));
      rec.sent.clear();

      rpc.updateDeviceUp((String) p2.get("id"), "a2", "h2");
      // h2 learns h1 (to h2 only), and everyone learns h2 (fanout).
      assertThat(rec.sent).containsExactly(
          new Sent("add", Map.of(net, Map.of("segment_id", 1001, "network_type", "vxlan",
              "ports", Map.of("192.0.2.1", List.of(FLOOD, List.of(p1.get("mac_address"), "10.7.0.11"))))), "h2"),
          new Sent("add", Map.of(net, Map.of("segment_id", 1001, "network_type", "vxlan",
              "ports", Map.of("192.0.2.2", List.of(FLOOD, List.of(p2.get("mac_address"), "10.7.0.12"))))), null));
      rec.sent.clear();

      // A second port on h1: no flooding entry, just its address.
      var p3 = port(s, net, "h1", "10.7.0.13");
      rpc.updateDeviceUp((String) p3.get("id"), "a1", "h1");
      assertThat(rec.sent).containsExactly(new Sent("add", Map.of(net, Map.of("segment_id", 1001,
          "network_type", "vxlan", "ports", Map.of("192.0.2.1", List.of(List.of(p3.get("mac_address"), "10.7.0.13"))))),
          null));
      rec.sent.clear();

      // An address change of an up port is a chg_ip update.
      s.put("/v2.0/ports/" + p3.get("id"), Map.of("port", Map.of("fixed_ips",
          List.of(Map.of("subnet_id", subnet, "ip_address", "10.7.0.23")))));
      assertThat(rec.sent).containsExactly(new Sent("update", Map.of("chg_ip", Map.of(net, Map.of("192.0.2.1",
          Map.of("before", List.of(List.of(p3.get("mac_address"), "10.7.0.13")),
              "after", List.of(List.of(p3.get("mac_address"), "10.7.0.23")))))), null));
      rec.sent.clear();

      // Down: its entries go; h1 keeps p1, so no flooding entry is removed.
      rpc.updateDeviceDown((String) p3.get("id"), "a1", "h1");
      assertThat(rec.sent).containsExactly(new Sent("remove", Map.of(net, Map.of("segment_id", 1001,
          "network_type", "vxlan", "ports", Map.of("192.0.2.1", List.of(List.of(p3.get("mac_address"), "10.7.0.23"))))),
          null));
      rec.sent.clear();

      // The last port of h2 deleted: its flooding entry goes too.
      s.delete("/v2.0/ports/" + p2.get("id"));
      assertThat(rec.sent).containsExactly(new Sent("remove", Map.of(net, Map.of("segment_id", 1001,
          "network_type", "vxlan", "ports", Map.of("192.0.2.2", List.of(FLOOD, List.of(p2.get("mac_address"), "10.7.0.12"))))),
          null));
    }
  }

  private static Map<String, Object> port(TestServer s, String net, String host, String ip) {
    String subnet = (String) s.get("/v2.0/subnets?network_id=" + net).list("subnets").get(0).get("id");
    var r = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", net, "binding:host_id", host,
        "fixed_ips", List.of(Map.of("subnet_id", subnet, "ip_address", ip)))));
    assertThat(r.member("port")).containsEntry("binding:vif_type", "bridge");
    return r.member("port");
  }
}
