package io.neutrino.agent.l2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class L2AgentConfigTest {
  static L2AgentConfig read(Map<String, Map<String, String>> ini) {
    return L2AgentConfig.from((s, k) -> Optional.ofNullable(ini.getOrDefault(s, Map.of()).get(k)));
  }

  @Test
  void neutronDefaults() {
    L2AgentConfig c = read(Map.of("vxlan", Map.of("local_ip", "192.0.2.1"),
        "DEFAULT", Map.of("host", "compute-1")));
    assertThat(c.host()).isEqualTo("compute-1");
    assertThat(c.pollingInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.reportInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.enableVxlan()).isTrue();
    assertThat(c.l2Population()).isFalse();
    assertThat(c.vxlanUdpPort()).isEqualTo(4789);
    assertThat(c.vxlanGroup()).contains("224.0.0.1");
    assertThat(c.firewallDriver()).isEqualTo("noop");
    assertThat(c.enableIpset()).isTrue();
  }

  @Test
  void mappingsAndDriverNames() {
    L2AgentConfig c = read(Map.of(
        "linux_bridge", Map.of("physical_interface_mappings", "physnet1:eth1, provider:bond0",
            "bridge_mappings", "ext:br-ex"),
        "vxlan", Map.of("enable_vxlan", "False"),
        "agent", Map.of("polling_interval", "0.5"),
        "securitygroup", Map.of("firewall_driver",
            "neutron.agent.linux.iptables_firewall.IptablesFirewallDriver")));
    assertThat(c.physicalInterfaceMappings())
        .containsExactlyInAnyOrderEntriesOf(Map.of("physnet1", "eth1", "provider", "bond0"));
    assertThat(c.bridgeMappings()).containsExactlyEntriesOf(Map.of("ext", "br-ex"));
    assertThat(c.pollingInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.firewallDriver()).isEqualTo("iptables");
    assertThat(read(Map.of("vxlan", Map.of("enable_vxlan", "false"), "securitygroup",
        Map.of("firewall_driver", "iptables", "enable_security_group", "false")))
        .firewallDriver()).isEqualTo("noop");
  }

  @Test
  void badValuesFailAtStartUp() {
    assertThatThrownBy(() -> read(Map.of()))
        .hasMessage("[vxlan] local_ip is required when enable_vxlan is true");
    assertThatThrownBy(() -> read(Map.of("vxlan", Map.of("enable_vxlan", "false"),
        "linux_bridge", Map.of("physical_interface_mappings", "physnet1"))))
        .hasMessageContaining("expected <physical_network>:<value>");
    assertThatThrownBy(() -> read(Map.of("vxlan", Map.of("enable_vxlan", "false"),
        "linux_bridge", Map.of("physical_interface_mappings", "p:eth0,p:eth1"))))
        .hasMessage("Physical network p is mapped twice");
    assertThatThrownBy(() -> read(Map.of("vxlan", Map.of("enable_vxlan", "false"),
        "securitygroup", Map.of("firewall_driver", "openvswitch"))))
        .hasMessageContaining("Unsupported [securitygroup] firewall_driver openvswitch");
  }
}
