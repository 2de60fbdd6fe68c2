package io.neutrino.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neutrino.config.Config;
import io.neutrino.config.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agents' options as {@code neutrino agent dhcp|l3} reads them from one configuration file. */
class AgentMainTest {
  private static Config conf(Map<String, List<String>> defaults) {
    return Config.of(Map.of("DEFAULT", defaults));
  }

  @Test
  void interfaceDriverIsLinuxbridgeByDefaultByAliasOrByClassPath() {
    for (Config c : List.of(conf(Map.of("host", List.of("h1"))),
        conf(Map.of("host", List.of("h1"), "interface_driver", List.of("linuxbridge"))),
        conf(Map.of("host", List.of("h1"), "interface_driver",
            List.of("neutron.agent.linux.interface.BridgeInterfaceDriver"))))) {
      assertThat(AgentMain.dhcpConfig(c).host()).isEqualTo("h1");
      assertThat(AgentMain.l3Config(c).host()).isEqualTo("h1");
    }
  }

  @Test
  void anyOtherInterfaceDriverStopsStartUpNamingTheOption() {
    Config ovs = conf(Map.of("interface_driver", List.of("openvswitch")));
    for (Runnable read : List.<Runnable>of(() -> AgentMain.dhcpConfig(ovs), () -> AgentMain.l3Config(ovs))) {
      assertThatThrownBy(read::run).isInstanceOf(ConfigException.class)
          .hasMessageContaining("interface_driver").hasMessageContaining("openvswitch")
          .hasMessageContaining("linuxbridge");
    }
  }
}
