package io.neutrino.it.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.agent.linux.HostExecutor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two hosts, each with its own L2 agent, joined by the lab's wires: a VXLAN tenant network over the
 * underlay (unicast, from l2population's forwarding entries only) and a VLAN provider network over
 * the physical network, each carrying DHCP and ping between instances on different hosts. The DHCP
 * agent runs on the first host only, so the second host's instances get their leases across too.
 */
@Tag("linux")
class MultiHostEndToEndTest {
  private static Lab lab;
  private static LabHost h1;
  private static LabHost h2;

  @BeforeAll
  static void start() {
    lab = Lab.start();
    h1 = lab.host();
    h2 = lab.host();
    h1.start("linuxbridge", "dhcp");
    h2.start("linuxbridge");
  }

  @AfterAll
  static void stop() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void aVxlanNetworkCarriesTrafficBetweenInstancesOnTwoHosts() {
    String net = lab.api.network("overlay");
    lab.api.subnet(net, "10.65.0.0/24");
    Vm vm1 = h1.vm("x1", lab.api.port(h1, net));
    Vm vm2 = h2.vm("x2", lab.api.port(h2, net));
    lab.api.awaitActiveAndLeased(vm2, vm1);
    vm2.reaches(vm1.ip);

    // No multicast group: h2 sends to h1's VTEP because l2population told it where vm1 and the
    // DHCP port are.
    Object vni = lab.api.show("networks", "network", net).get("provider:segmentation_id");
    String fdb = h2.exec().run("bridge", "fdb", "show", "dev", "vxlan-" + vni);
    assertThat(fdb).contains(vm1.port.get("mac_address") + " dst " + h1.underlayIp());
  }

  /**
   * An L2 agent restarted on a host whose VXLAN device is gone meanwhile (as after the host's
   * networking was reset): it makes the device again, and l2population gives it back the
   * forwarding entries of the other host, so traffic across hosts resumes.
   */
  @Test
  void anL2AgentRestartedWithoutItsVxlanDeviceGetsItsForwardingEntriesBack() {
    String net = lab.api.network("restart");
    lab.api.subnet(net, "10.72.0.0/24");
    Vm vm1 = h1.vm("r1", lab.api.port(h1, net));
    Vm vm2 = h2.vm("r2", lab.api.port(h2, net));
    lab.api.awaitActiveAndLeased(vm2, vm1);
    vm2.reaches(vm1.ip);
    String vxlan = "vxlan-" + lab.api.show("networks", "network", net).get("provider:segmentation_id");

    h2.kill("linuxbridge");
    h2.exec().run("ip", "link", "delete", vxlan);
    vm2.losesReachOf(vm1.ip);
    h2.start("linuxbridge");

    vm2.reaches(vm1.ip);
    assertThat(h2.exec().run("bridge", "fdb", "show", "dev", vxlan))
        .contains(vm1.port.get("mac_address") + " dst " + h1.underlayIp());
  }

  @Test
  void aVlanProviderNetworkCarriesTrafficBetweenInstancesOnTwoHosts() {
    assumeVlanDevices();
    String net = lab.api.network("vlan", Map.of("provider:network_type", "vlan",
        "provider:physical_network", "physnet1", "provider:segmentation_id", 101));
    lab.api.subnet(net, "10.66.0.0/24");
    Vm vm1 = h1.vm("v1", lab.api.port(h1, net));
    Vm vm2 = h2.vm("v2", lab.api.port(h2, net));
    lab.api.awaitActiveAndLeased(vm2, vm1);
    vm2.reaches(vm1.ip);
    assertThat(h2.exec().run("ip", "-d", "link", "show", "pn0.101")).contains("vlan protocol 802.1Q id 101");
  }

  /** The machines this runs on may lack 8021q, and tests must never load modules. */
  private static void assumeVlanDevices() {
    HostExecutor scratch = HostExecutor.inNamespace(lab.namespace("vlancheck"));
    scratch.run("ip", "link", "add", "v0", "type", "veth", "peer", "name", "v1");
    HostExecutor.Result vlan = scratch.tryRun(List.of("ip", "link", "add", "link", "v0", "name", "v0.5",
        "type", "vlan", "id", "5"), null);
    Assumptions.assumeTrue(vlan.ok(), () -> "kernel has no 8021q: `ip link add link v0 name v0.5 type vlan id 5` "
        + "failed (" + vlan.stderr().strip() + "), and tests never load modules");
  }
}
