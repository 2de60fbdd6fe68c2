package io.neutrino.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neutrino.agent.linux.IpLink;
import io.neutrino.agent.testkit.NetnsFixture;
import io.neutrino.config.Config;
import io.neutrino.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The command line: the agents' options as {@code neutrino agent dhcp|l3} reads them from one
 * configuration file, and a cleanup tool run as an operator runs it.
 */
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

  @Test
  @Tag("linux")
  void linuxbridgeCleanupRunsInTheHostNamespaceItIsGiven() throws Exception {
    try (NetnsFixture fx = new NetnsFixture()) {
      IpLink links = new IpLink(fx.hostExecutor());
      links.addBridge("brq0123456789a"); // a network's bridge no TAP uses any more
      Path conf = fx.tempDir().resolve("linuxbridge_agent.ini");
      Files.writeString(conf, "[vxlan]\nenable_vxlan = false\n");
      int exit = new CommandLine(new AgentMain()).execute("linuxbridge-cleanup", "--config-file",
          conf.toString(), "--host-netns", fx.hostNamespace());
      assertThat(exit).isZero();
      assertThat(links.exists("brq0123456789a")).isFalse();
    }
  }
}
