package io.neutrino.it.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Failures the data plane must ride out. Agents killed with SIGKILL and started again, each a
 * process of its own as in a deployment: what they built keeps carrying traffic while they are
 * gone, and what changed meanwhile is applied when they are back. And a broker outage, after which
 * the server and the agents reconnect by themselves.
 */
@Tag("linux")
class ResilienceEndToEndTest {
  private static final String[] KINDS = {"linuxbridge", "dhcp", "l3"};
  private static Lab lab;
  private static LabHost host;

  @BeforeAll
  static void start() {
    lab = Lab.start();
    host = lab.host();
    host.spawn(KINDS);
  }

  @AfterAll
  static void stop() {
    if (lab != null) {
      lab.close();
    }
  }

  /** A test that failed with an agent down leaves the next one a full set. */
  @BeforeEach
  void allAgentsRun() {
    for (String kind : KINDS) {
      if (!host.runs(kind)) {
        host.spawn(kind);
      }
    }
  }

  @Test
  void theL2AgentKilledLeavesTrafficFlowingAndWiresANewPortWhenBack() {
    String net = lab.api.network("l2");
    lab.api.subnet(net, "10.67.0.0/24");
    Vm vm1 = host.vm("l2a", lab.api.port(host, net));
    Vm vm2 = host.vm("l2b", lab.api.port(host, net));
    lab.api.awaitActiveAndLeased(vm1, vm2);
    vm1.reaches(vm2.ip);

    host.kill("linuxbridge");
    vm1.reaches(vm2.ip);
    Vm vm3 = host.vm("l2c", lab.api.port(host, net));

    host.spawn("linuxbridge");
    lab.api.awaitActiveAndLeased(vm3);
    vm3.reaches(vm1.ip);
    vm1.reaches(vm2.ip);
  }

  @Test
  void theDhcpAgentKilledLeavesDnsmasqServingAndServesANewPortWhenBack() {
    String net = lab.api.network("dhcp");
    lab.api.subnet(net, "10.68.0.0/24");
    Vm vm1 = host.vm("dha", lab.api.port(host, net));
    lab.api.awaitActiveAndLeased(vm1);

    host.kill("dhcp");
    vm1.lease();
    Vm vm2 = host.vm("dhb", lab.api.port(host, net));
    // Wired by the L2 agent, but no DHCP server has it yet: the port waits in BUILD, as Neutron's
    // DHCP provisioning block keeps it.
    lab.api.awaitPorts("BUILD", Duration.ofSeconds(60), vm2);
    for (int i = 0; i < 15; i++) {
      Poll.pause();
      assertThat(lab.api.portStatus(vm2.portId())).as("while no DHCP agent runs").isEqualTo("BUILD");
    }

    host.spawn("dhcp");
    lab.api.awaitActive(vm2);
    vm2.lease();
    vm2.reaches(vm1.ip);
    assertThat(dnsmasqCount(net)).as("the restarted agent took over its dnsmasq instead of adding one")
        .isEqualTo(1);
  }

  @Test
  void theL3AgentKilledLeavesRoutingInPlaceAndAppliesAFloatingIpMadeMeanwhile() {
    Vm world = lab.external();
    String ext = lab.api.externalNetwork();
    String netA = lab.api.network("l3a");
    String subA = lab.api.subnet(netA, "10.69.0.0/24");
    String netB = lab.api.network("l3b");
    String subB = lab.api.subnet(netB, "10.70.0.0/24");
    lab.api.router(ext, subA, subB);
    String open = lab.api.securityGroup("open");
    lab.api.allowIcmp(open, null);
    Map<String, Object> groups = Map.of("security_groups", List.of(open));
    Vm vmA = host.vm("l3x", lab.api.port(host, netA, groups));
    Vm vmB = host.vm("l3y", lab.api.port(host, netB, groups));
    lab.api.awaitActiveAndLeased(vmA, vmB);
    vmB.reaches(vmA.ip);

    host.kill("l3");
    vmB.reaches(vmA.ip);
    vmA.reaches(Lab.EXTERNAL_GATEWAY);
    String[] fip = lab.api.floatingIp(ext, vmA.portId());

    host.spawn("l3");
    world.reaches(fip[1]);
    vmB.reaches(vmA.ip);
  }

  @Test
  void aBrokerOutageIsSurvivedByServerAndAgents() {
    String net = lab.api.network("outage");
    lab.api.subnet(net, "10.71.0.0/24");
    Vm vm1 = host.vm("boa", lab.api.port(host, net));
    lab.api.awaitActiveAndLeased(vm1);

    Broker.outage(() -> {
      // The data plane does not need the broker.
      vm1.lease();
    });
    Map<String, Object> beats = heartbeats();
    Poll.until("every agent reports again after the outage", Duration.ofSeconds(60),
        () -> heartbeats().entrySet().stream().allMatch(e -> !e.getValue().equals(beats.get(e.getKey()))),
        host::agentLogs);

    Vm vm2 = host.vm("bob", lab.api.port(host, net));
    lab.api.awaitActiveAndLeased(vm2);
    vm2.reaches(vm1.ip);
  }

  private static Map<String, Object> heartbeats() {
    Map<String, Object> beats = new HashMap<>();
    for (String kind : KINDS) {
      beats.put(kind, host.agent(kind).orElseThrow().get("heartbeat_timestamp"));
    }
    return beats;
  }

  private static long dnsmasqCount(String network) {
    return Lab.trySh("ip", "netns", "pids", "qdhcp-" + network).stdout().lines().map(String::trim)
        .filter(pid -> Lab.trySh("cat", "/proc/" + pid + "/comm").stdout().strip().equals("dnsmasq")).count();
  }
}
