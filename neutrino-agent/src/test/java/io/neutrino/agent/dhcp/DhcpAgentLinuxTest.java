package io.neutrino.agent.dhcp;

import static io.neutrino.agent.testkit.NetnsFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.agent.linux.HostExecutor;
import io.neutrino.agent.testkit.NetnsFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The DHCP agent on a real data plane: its own namespaces, a bridge standing in for the L2 agent,
 * instances asking for leases with busybox udhcpc. The server is {@link FakeDhcpServer}, a
 * stand-in answering Neutron-shaped dicts until the messaging layer is wired.
 */
@Tag("linux")
class DhcpAgentLinuxTest {
  private static final String MAC1 = "fa:16:3e:11:11:11";
  private static final String MAC2 = "fa:16:3e:22:22:22";

  private static DhcpAgentConfig config(NetnsFixture fx) {
    DhcpAgentConfig d = DhcpAgentConfig.defaults("agent-host.example.org", fx.tempDir());
    return new DhcpAgentConfig(d.host(), d.statePath(), 600, d.dnsDomain(), List.of(), false,
        d.dnsmasqLeaseMax(), "", false, Duration.ofSeconds(1), Duration.ofSeconds(60),
        Duration.ofSeconds(1), Duration.ZERO, "nova");
  }

  private static Map<String, Object> network(String netId, String subnetId) {
    return FakeDhcpServer.network(netId, 1400, FakeDhcpServer.subnet(subnetId, netId,
        "192.168.50.0/24", "192.168.50.1", List.of("192.0.2.53"),
        List.of(Map.of("destination", "10.9.0.0/16", "nexthop", "192.168.50.254"))));
  }

  private static OptionalLong dnsmasqPid(DhcpAgentConfig conf, String netId) {
    return new Dnsmasq(conf, HostExecutor.root(), netId).activePid();
  }

  @Test
  void servesLeasesReloadsOnPortChangeRespawnsAndRemovesTheNetwork() throws Exception {
    String netId = UUID.randomUUID().toString();
    String subnetId = UUID.randomUUID().toString();
    try (NetnsFixture fx = new NetnsFixture()) {
      fx.track("qdhcp-" + netId);
      DhcpAgentConfig conf = config(fx);
      FakeDhcpServer server = new FakeDhcpServer();
      server.addNetwork(network(netId, subnetId));
      String port1 = UUID.randomUUID().toString();
      server.addPort(FakeDhcpServer.port(port1, netId, MAC1, "compute:nova", "vm1", subnetId,
          "192.168.50.10"));
      fx.bridge(netId);
      String vm1 = fx.instance("vm1", netId, MAC1);

      try (DhcpAgent agent = new DhcpAgent(conf, server, fx.hostExecutor(), HostExecutor.root())) {
        agent.start();
        waitUntil("dnsmasq runs", () -> dnsmasqPid(conf, netId).isPresent());
        Path dir = conf.statePath().resolve("dhcp").resolve(netId);
        assertThat(Files.readString(dir.resolve("host")))
            .contains(MAC1 + ",host-192-168-50-10.openstacklocal,192.168.50.10\n");
        assertThat(fx.exec("qdhcp-" + netId, "ip", "-br", "addr", "show"))
            .contains("192.168.50.2/24");
        // The server hears that dnsmasq has the port (never of the agent's own DHCP port).
        waitUntil("port 1 reported ready", () -> server.readyPorts.contains(port1));

        HostExecutor.Result lease = fx.dhcp(vm1);
        assertThat(lease.stdout()).as(lease.stderr()).contains("LEASE ip=192.168.50.10 ")
            .contains("subnet=255.255.255.0").contains("router=192.168.50.1 ")
            .contains("mtu=1400").contains("dns=192.0.2.53")
            .contains("domain=openstacklocal")
            .contains("staticroutes=10.9.0.0/16 192.168.50.254 0.0.0.0/0 192.168.50.1");
        assertThat(fx.exec(vm1, "ip", "-br", "link", "show", "eth0")).isNotEmpty();
        assertThat(fx.exec(vm1, "cat", "/sys/class/net/eth0/mtu").strip()).isEqualTo("1400");
        assertThat(fx.tryExec(vm1, "busybox", "ping", "-c", "1", "-W", "2", "192.168.50.2").ok()).isTrue();

        // A new port: dnsmasq rereads its files on SIGHUP, same process.
        long pid = dnsmasqPid(conf, netId).getAsLong();
        String vm2 = fx.instance("vm2", netId, MAC2);
        assertThat(fx.dhcp(vm2).stdout()).doesNotContain("LEASE");
        Map<String, Object> port2 = FakeDhcpServer.port(UUID.randomUUID().toString(), netId, MAC2,
            "compute:nova", "vm2", subnetId, "192.168.50.11");
        server.addPort(port2);
        new DhcpAgentRpcCallbacks(agent).portCreateEnd(Map.of("port", port2));
        // The agent thread runs tasks in order: once this one ran, dnsmasq has been signalled.
        agent.call(() -> null);
        assertThat(Files.readString(dir.resolve("host"))).contains(MAC2);
        assertThat(fx.dhcp(vm2).stdout()).contains("LEASE ip=192.168.50.11 ");
        assertThat(dnsmasqPid(conf, netId)).hasValue(pid);
        waitUntil("port 2 reported ready", () -> server.readyPorts.contains((String) port2.get("id")));
        assertThat(server.readyPorts).allMatch(id -> !id.startsWith("dddddddd-"));

        // dnsmasq killed: the watchdog starts a new one, which serves again.
        fx.exec(fx.hostNamespace(), "kill", "-9", Long.toString(pid));
        waitUntil("dnsmasq is respawned", () -> dnsmasqPid(conf, netId).isPresent()
            && dnsmasqPid(conf, netId).getAsLong() != pid);
        assertThat(fx.dhcp(vm1).stdout()).contains("LEASE ip=192.168.50.10 ");

        // The network deleted: namespace, process, files and DHCP port gone.
        long lastPid = dnsmasqPid(conf, netId).getAsLong();
        server.removeNetwork(netId);
        new DhcpAgentRpcCallbacks(agent).networkDeleteEnd(Map.of("network_id", netId));
        waitUntil("the namespace is gone", () -> !fx.namespaceExists("qdhcp-" + netId));
        waitUntil("dnsmasq is gone",
            () -> ProcessHandle.of(lastPid).map(p -> !p.isAlive()).orElse(true));
        assertThat(dir).doesNotExist();
        assertThat(server.calls).contains("release_dhcp_port " + netId);
      }
    }
  }

  @Test
  void aRestartedAgentRemovesNetworksDeletedWhileItWasDown() {
    String keptId = UUID.randomUUID().toString();
    String goneId = UUID.randomUUID().toString();
    try (NetnsFixture fx = new NetnsFixture()) {
      fx.track("qdhcp-" + keptId);
      fx.track("qdhcp-" + goneId);
      DhcpAgentConfig conf = config(fx);
      FakeDhcpServer server = new FakeDhcpServer();
      server.addNetwork(network(keptId, UUID.randomUUID().toString()));
      server.addNetwork(network(goneId, UUID.randomUUID().toString()));
      try (DhcpAgent agent = new DhcpAgent(conf, server, fx.hostExecutor(), HostExecutor.root())) {
        agent.start();
        waitUntil("both networks served", () -> agent.networks().size() == 2
            && dnsmasqPid(conf, keptId).isPresent() && dnsmasqPid(conf, goneId).isPresent());
      }
      long gonePid = dnsmasqPid(conf, goneId).getAsLong();
      server.removeNetwork(goneId);
      try (DhcpAgent agent = new DhcpAgent(conf, server, fx.hostExecutor(), HostExecutor.root())) {
        agent.start();
        waitUntil("the deleted network is cleaned up", () -> !fx.namespaceExists("qdhcp-" + goneId)
            && ProcessHandle.of(gonePid).map(p -> !p.isAlive()).orElse(true));
        waitUntil("the kept one is served", () -> agent.networks().containsKey(keptId)
            && dnsmasqPid(conf, keptId).isPresent());
        assertThat(fx.namespaceExists("qdhcp-" + keptId)).isTrue();
        assertThat(conf.statePath().resolve("dhcp").resolve(goneId)).doesNotExist();
        agent.call(() -> {
          agent.networkDeleted(keptId);
          return null;
        });
        assertThat(fx.namespaceExists("qdhcp-" + keptId)).isFalse();
      }
    }
  }
}
