package io.neutrino.agent.l2;

import static io.neutrino.agent.l2.L2AgentDataPlaneTest.NET;
import static io.neutrino.agent.l2.L2AgentDataPlaneTest.PORT_A;
import static io.neutrino.agent.l2.L2AgentDataPlaneTest.PORT_B;
import static io.neutrino.agent.l2.L2AgentDataPlaneTest.flatConfig;
import static io.neutrino.agent.l2.L2AgentDataPlaneTest.flatPort;
import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.agent.linux.DeviceNames;
import io.neutrino.agent.linux.HostExecutor;
import io.neutrino.agent.linux.IpLink;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** linuxbridge-cleanup and the casts that tear things down, on real devices. */
@Tag("linux")
class LinuxBridgeCleanupTest {
  static final String NET2 = "3d2f3b5e-bbbb-4c7b-9d0e-00000000b002";
  private final Netns netns = new Netns();

  @AfterEach
  void removeNamespaces() {
    netns.close();
  }

  @Test
  void cleanupRemovesUnusedBridgesAndForceRemovesEverythingOfOurs() {
    String host = netns.create("h");
    HostExecutor h = HostExecutor.inNamespace(host);
    IpLink links = new IpLink(h);
    links.addVeth("phys0", "phys0-peer", Optional.empty());
    FakePlugin plugin = new FakePlugin();
    plugin.add(flatPort(PORT_A, "fa:16:3e:00:05:0a", "10.60.0.10", List.of()));
    netns.instance(host, "a", DeviceNames.tap(PORT_A), "fa:16:3e:00:05:0a", "10.60.0.10/24");
    new L2Agent(flatConfig("iptables"), h, plugin).runOnce();
    // a bridge some earlier run left behind, with its VXLAN uplink, and a stray VXLAN device
    links.addBridge(DeviceNames.bridge(NET2));
    links.addVxlan("vxlan-77", new IpLink.Vxlan(77, Optional.empty(), Optional.empty(), 4789,
        Optional.empty(), Optional.empty(), false));
    links.setMaster("vxlan-77", DeviceNames.bridge(NET2));
    links.addVxlan("vxlan-78", new IpLink.Vxlan(78, Optional.empty(), Optional.empty(), 4790,
        Optional.empty(), Optional.empty(), false));
    LinuxBridgeCleanup cleanup = new LinuxBridgeCleanup(h, flatConfig("iptables"));

    assertThat(cleanup.run(false))
        .containsExactlyInAnyOrder(DeviceNames.bridge(NET2), "vxlan-77", "vxlan-78");
    assertThat(links.exists(DeviceNames.bridge(NET))).isTrue();
    assertThat(h.run("iptables-save")).contains("neutron-linuxbri-");

    assertThat(cleanup.run(true)).containsExactly(DeviceNames.bridge(NET));
    assertThat(links.exists("phys0")).isTrue();
    assertThat(links.exists(DeviceNames.tap(PORT_A))).isTrue();
    assertThat(h.run("iptables-save")).doesNotContain("neutron-linuxbri-");
  }

  @Test
  void portDeleteIsolatesTheTapAndNetworkDeleteRemovesTheBridge() {
    String host = netns.create("h");
    HostExecutor h = HostExecutor.inNamespace(host);
    IpLink links = new IpLink(h);
    links.addVeth("phys0", "phys0-peer", Optional.empty());
    FakePlugin plugin = new FakePlugin();
    plugin.add(flatPort(PORT_A, "fa:16:3e:00:06:0a", "10.70.0.10", List.of()));
    plugin.add(flatPort(PORT_B, "fa:16:3e:00:06:0b", "10.70.0.11", List.of()));
    String a = netns.instance(host, "a", DeviceNames.tap(PORT_A), "fa:16:3e:00:06:0a",
        "10.70.0.10/24");
    netns.instance(host, "b", DeviceNames.tap(PORT_B), "fa:16:3e:00:06:0b", "10.70.0.11/24");
    L2Agent agent = new L2Agent(flatConfig("noop"), h, plugin);
    agent.runOnce();
    agent.reportState();
    assertThat(plugin.reports).singleElement().satisfies(r -> {
      assertThat(r).containsEntry("agent_type", "Linux bridge agent")
          .containsEntry("binary", "neutron-linuxbridge-agent").containsEntry("host", "host-1")
          .containsEntry("start_flag", true);
      @SuppressWarnings("unchecked")
      Map<String, Object> configurations = (Map<String, Object>) r.get("configurations");
      assertThat(configurations).containsEntry("devices", 2)
          .containsEntry("interface_mappings", Map.of("physnet1", "phys0"));
    });
    assertThat(Netns.pingEventually(a, "10.70.0.11")).isTrue();

    agent.callbacks().portDelete(PORT_B);
    assertThat(links.show(DeviceNames.tap(PORT_B)).orElseThrow().master()).isEmpty();
    assertThat(Netns.ping(a, "10.70.0.11")).isFalse();

    agent.callbacks().networkDelete(NET);
    assertThat(links.exists(DeviceNames.bridge(NET))).isFalse();
    assertThat(links.show("phys0").orElseThrow().master()).isEmpty();
  }
}
