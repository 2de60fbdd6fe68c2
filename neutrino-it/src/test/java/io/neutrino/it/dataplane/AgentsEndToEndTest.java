package io.neutrino.it.dataplane;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The whole chain with real packets: the server and its RPC service on RabbitMQ, a linuxbridge L2
 * agent and a DHCP agent in a "host" namespace, and instances that get their address by DHCP and
 * ping each other.
 */
@Tag("linux")
class AgentsEndToEndTest {
  private static Lab lab;
  private static LabHost host;

  @BeforeAll
  static void start() {
    lab = Lab.start();
    host = lab.host();
    host.start("linuxbridge", "dhcp");
  }

  @AfterAll
  static void stop() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void instancesGetAddressesByDhcpPingEachOtherAndTheirPortsTurnActive() {
    // Instances allow ping between themselves: the default group admits its own members.
    String net = lab.api.network("e2e");
    lab.api.subnet(net, "10.60.0.0/24");
    Vm vm1 = host.vm("vm1", lab.api.port(host, net));
    Vm vm2 = host.vm("vm2", lab.api.port(host, net));

    lab.api.awaitActive(vm1, vm2);
    // ACTIVE means the DHCP agent has the port too (its provisioning block is gone): the first
    // DHCP exchange brings the lease (one udhcpc run, no polling).
    vm1.leaseAtOnce();
    vm2.leaseAtOnce();
    vm1.reaches(vm2.ip);
  }
}
