package io.neutrino.agent.l2;

import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.agent.linux.DeviceNames;
import io.neutrino.agent.linux.HostExecutor;
import io.neutrino.agent.linux.IpAddr;
import io.neutrino.agent.linux.IpLink;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The L2 agent on real devices: each test makes its own "host" namespaces, runs the agent bound
 * to one, plugs "instances" (namespaces behind a veth named like Nova's TAP) and checks with
 * ping. {@link FakePlugin} stands in for the server until messaging lands.
 */
@Tag("linux")
class L2AgentDataPlaneTest {
  static final String NET = "2c1f3b5e-aaaa-4c7b-9d0e-00000000a001";
  static final String PORT_A = "a1a1a1a1-0001-4000-8000-000000000001";
  static final String PORT_B = "b2b2b2b2-0002-4000-8000-000000000002";

  private final Netns netns = new Netns();

  @AfterEach
  void removeNamespaces() {
    netns.close();
  }

  static L2AgentConfig flatConfig(String firewall) {
    Map<String, Map<String, String>> ini = Map.of(
        "linux_bridge", Map.of("physical_interface_mappings", "physnet1:phys0"),
        "vxlan", Map.of("enable_vxlan", "false"),
        "securitygroup", Map.of("firewall_driver", firewall),
        "DEFAULT", Map.of("host", "host-1"));
    return L2AgentConfig.from((s, k) -> Optional.ofNullable(ini.getOrDefault(s, Map.of()).get(k)));
  }

  /** A host namespace with a veth pair standing in for the physical NIC {@code phys0}. */
  String flatHost() {
    String host = netns.create("h");
    new IpLink(HostExecutor.inNamespace(host)).addVeth("phys0", "phys0-peer", Optional.empty());
    return host;
  }

  static FakePlugin.Port flatPort(String id, String mac, String ip, List<String> sgs) {
    return new FakePlugin.Port(id, NET, mac, ip, "flat", "physnet1", null, sgs, true, List.of());
  }

  @Test
  void twoInstancesOnOneBridgePingEachOtherAndTheBridgeGoesWithTheLastPort() {
    String host = flatHost();
    HostExecutor h = HostExecutor.inNamespace(host);
    FakePlugin plugin = new FakePlugin();
    plugin.add(flatPort(PORT_A, "fa:16:3e:00:00:0a", "10.10.0.10", List.of()));
    plugin.add(flatPort(PORT_B, "fa:16:3e:00:00:0b", "10.10.0.11", List.of()));
    String a = netns.instance(host, "a", DeviceNames.tap(PORT_A), "fa:16:3e:00:00:0a",
        "10.10.0.10/24");
    String b = netns.instance(host, "b", DeviceNames.tap(PORT_B), "fa:16:3e:00:00:0b",
        "10.10.0.11/24");
    L2Agent agent = new L2Agent(flatConfig("noop"), h, plugin);

    agent.runOnce();

    IpLink links = new IpLink(h);
    String bridge = DeviceNames.bridge(NET);
    assertThat(links.ports(bridge)).extracting(IpLink.Link::name)
        .containsExactlyInAnyOrder("phys0", DeviceNames.tap(PORT_A), DeviceNames.tap(PORT_B));
    assertThat(links.show(bridge).orElseThrow().up()).isTrue();
    assertThat(plugin.devicesUp)
        .containsExactlyInAnyOrder(DeviceNames.tap(PORT_A), DeviceNames.tap(PORT_B));
    assertThat(Netns.pingEventually(a, "10.10.0.11")).isTrue();
    assertThat(Netns.pingEventually(b, "10.10.0.10")).isTrue();

    links.delete(DeviceNames.tap(PORT_A));
    agent.runOnce();
    assertThat(plugin.devicesDown).containsExactly(DeviceNames.tap(PORT_A));
    assertThat(links.exists(bridge)).isTrue();

    links.delete(DeviceNames.tap(PORT_B));
    agent.runOnce();
    assertThat(links.exists(bridge)).isFalse();
    assertThat(links.show("phys0").orElseThrow().master()).isEmpty();
  }

  /** network_update (a new MTU or QoS policy): every device of the network is processed again. */
  @Test
  void aNetworkUpdateCastReprocessesTheNetworksDevices() {
    String host = flatHost();
    FakePlugin plugin = new FakePlugin();
    plugin.add(flatPort(PORT_A, "fa:16:3e:00:00:0a", "10.10.0.10", List.of()));
    netns.instance(host, "a", DeviceNames.tap(PORT_A), "fa:16:3e:00:00:0a", "10.10.0.10/24");
    L2Agent agent = new L2Agent(flatConfig("noop"), HostExecutor.inNamespace(host), plugin);
    agent.runOnce();
    assertThat(plugin.devicesUp).containsExactly(DeviceNames.tap(PORT_A));

    agent.runOnce();
    assertThat(plugin.devicesUp).as("nothing changed").hasSize(1);
    agent.callbacks().networkUpdate(Map.of("id", "another-network"));
    agent.runOnce();
    assertThat(plugin.devicesUp).as("another network's update").hasSize(1);
    agent.callbacks().networkUpdate(Map.of("id", NET, "mtu", 1400));
    agent.runOnce();
    assertThat(plugin.devicesUp).containsExactly(DeviceNames.tap(PORT_A), DeviceNames.tap(PORT_A));
  }

  /**
   * A TAP deleted while the agent plugs it (an instance deleted meanwhile): no failed iteration,
   * so no full resync (which would ask the server about every device again). Found by the
   * data-plane benchmark, which deletes a router's namespace under the agents.
   */
  @Test
  void aTapVanishingWhileItIsPluggedDoesNotFailTheIteration() throws Exception {
    String host = flatHost();
    HostExecutor h = HostExecutor.inNamespace(host);
    FakePlugin plugin = new FakePlugin();
    plugin.add(flatPort(PORT_A, "fa:16:3e:00:00:0a", "10.10.0.10", List.of()));
    plugin.add(flatPort(PORT_B, "fa:16:3e:00:00:0b", "10.10.0.11", List.of()));
    netns.instance(host, "a", DeviceNames.tap(PORT_A), "fa:16:3e:00:00:0a", "10.10.0.10/24");
    L2Agent agent = new L2Agent(flatConfig("noop"), h, plugin);
    agent.runOnce();
    assertThat(plugin.detailsAsked).containsExactly(DeviceNames.tap(PORT_A));

    // Nova deletes the instance at some moment of the plugging: one of these delays lands after
    // the agent saw the TAP and before it finished with it.
    String doomed = DeviceNames.tap(PORT_B);
    for (int delayMs = 0; delayMs <= 80; delayMs += 5) {
      h.run("ip", "link", "add", doomed, "type", "veth", "peer", "name", "peer-b");
      long delay = delayMs;
      Thread[] nova = new Thread[1];
      plugin.onDetails = () -> {
        nova[0] = new Thread(() -> {
          try {
            Thread.sleep(delay);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          h.tryRun(List.of("ip", "link", "delete", doomed), null);
        });
        nova[0].start();
      };
      agent.runOnce();
      plugin.onDetails = null;
      nova[0].join();
      agent.runOnce();
    }
    assertThat(plugin.detailsAsked).as("a full resync would have asked about the steady TAP again")
        .containsOnlyOnce(DeviceNames.tap(PORT_A)).contains(doomed);
  }

  @Test
  void vxlanNetworkBetweenTwoHostsCarriesPingWithL2populationEntries() {
    String h1 = netns.create("h1");
    String h2 = netns.create("h2");
    new IpLink(HostExecutor.inNamespace(h1)).addVeth("under0", "under0", Optional.of(h2));
    for (var e : Map.of(h1, "192.168.250.1/24", h2, "192.168.250.2/24").entrySet()) {
      HostExecutor x = HostExecutor.inNamespace(e.getKey());
      new IpAddr(x).add("under0", e.getValue());
      new IpLink(x).setUp("under0");
    }
    FakePlugin plugin = new FakePlugin();
    plugin.add(new FakePlugin.Port(PORT_A, NET, "fa:16:3e:00:01:0a", "10.20.0.10", "vxlan", null,
        1001, List.of(), true, List.of()));
    plugin.add(new FakePlugin.Port(PORT_B, NET, "fa:16:3e:00:01:0b", "10.20.0.11", "vxlan", null,
        1001, List.of(), true, List.of()));
    String a = netns.instance(h1, "a", DeviceNames.tap(PORT_A), "fa:16:3e:00:01:0a",
        "10.20.0.10/24");
    netns.instance(h2, "b", DeviceNames.tap(PORT_B), "fa:16:3e:00:01:0b", "10.20.0.11/24");
    L2Agent agent1 = new L2Agent(vxlanConfig("192.168.250.1"), HostExecutor.inNamespace(h1),
        plugin);
    L2Agent agent2 = new L2Agent(vxlanConfig("192.168.250.2"), HostExecutor.inNamespace(h2),
        plugin);
    agent1.runOnce();
    agent2.runOnce();
    IpLink links1 = new IpLink(HostExecutor.inNamespace(h1));
    assertThat(links1.show("vxlan-1001").orElseThrow().master())
        .contains(DeviceNames.bridge(NET));

    // what l2population sends each host about the other one's port
    agent1.callbacks().fdbAdd(fdb("192.168.250.2", "fa:16:3e:00:01:0b", "10.20.0.11"));
    agent2.callbacks().fdbAdd(fdb("192.168.250.1", "fa:16:3e:00:01:0a", "10.20.0.10"));
    assertThat(new io.neutrino.agent.linux.BridgeFdb(HostExecutor.inNamespace(h1))
        .show("vxlan-1001"))
        .contains(new io.neutrino.agent.linux.BridgeFdb.Entry("00:00:00:00:00:00", "vxlan-1001",
            Optional.of("192.168.250.2")),
            new io.neutrino.agent.linux.BridgeFdb.Entry("fa:16:3e:00:01:0b", "vxlan-1001",
            Optional.of("192.168.250.2")));
    assertThat(Netns.pingEventually(a, "10.20.0.11")).isTrue();

    agent1.callbacks().fdbRemove(fdb("192.168.250.2", "fa:16:3e:00:01:0b", "10.20.0.11"));
    HostExecutor.inNamespace(a).run("ip", "neigh", "flush", "dev", "eth0");
    assertThat(Netns.ping(a, "10.20.0.11")).isFalse();
  }

  static L2AgentConfig vxlanConfig(String localIp) {
    Map<String, Map<String, String>> ini = Map.of(
        "vxlan", Map.of("enable_vxlan", "true", "local_ip", localIp, "l2_population", "true"),
        "securitygroup", Map.of("firewall_driver", "noop"));
    return L2AgentConfig.from((s, k) -> Optional.ofNullable(ini.getOrDefault(s, Map.of()).get(k)));
  }

  static Map<String, Object> fdb(String vtep, String mac, String ip) {
    return Map.of(NET, Map.of("segment_id", 1001, "network_type", "vxlan",
        "ports", Map.of(vtep, List.of(List.of("00:00:00:00:00:00", "0.0.0.0"),
            List.of(mac, ip)))));
  }

  @Test
  void vlanNetworkNeedsThe8021qModuleAndSaysSo() {
    String host = flatHost();
    HostExecutor h = HostExecutor.inNamespace(host);
    LinuxBridgeManager manager = new LinuxBridgeManager(h, flatConfig("noop"));
    boolean kernelHasVlan = h.tryRun(List.of("ip", "link", "add", "link", "phys0", "name",
        "probe.7", "type", "vlan", "id", "7"), null).ok();
    if (kernelHasVlan) {
      new IpLink(h).delete("probe.7");
      assertThat(manager.ensureVlan("phys0", 100)).isEqualTo("phys0.100");
      assertThat(new IpLink(h).show("phys0.100").orElseThrow().kind()).isEqualTo("vlan");
    } else {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> manager.ensureVlan("phys0", 100))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("Cannot create VLAN subinterface phys0.100 on phys0")
          .hasMessageContaining("8021q");
    }
  }
}
