package io.neutrino.it.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.agent.linux.HostExecutor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A router built by the L3 agent, with real packets: between two tenant networks, out to an
 * "external" namespace by SNAT, and in from it through a floating IP until that is deleted.
 */
@Tag("linux")
class RouterEndToEndTest {
  private static Lab lab;
  private static LabHost host;

  @BeforeAll
  static void start() {
    lab = Lab.start();
    host = lab.host();
    host.start("linuxbridge", "dhcp", "l3");
  }

  @AfterAll
  static void stop() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void routesBetweenNetworksSnatsOutAndFloatingIpLetsTheOutsideIn() {
    Vm world = lab.external();
    String ext = lab.api.externalNetwork();
    String netA = lab.api.network("a");
    String subA = lab.api.subnet(netA, "10.61.0.0/24");
    String netB = lab.api.network("b");
    String subB = lab.api.subnet(netB, "10.62.0.0/24");
    String router = lab.api.router(ext, subA, subB);
    // Ping from anywhere: the other network and the outside are not members of the default group.
    String open = lab.api.securityGroup("open");
    lab.api.allowIcmp(open, null);
    Map<String, Object> groups = Map.of("security_groups", List.of(open));
    Vm vmA = host.vm("vma", lab.api.port(host, netA, groups));
    Vm vmB = host.vm("vmb", lab.api.port(host, netB, groups));
    lab.api.awaitActiveAndLeased(vmA, vmB);

    vmB.reaches(vmA.ip);
    // The external namespace has no route back to 10.61.0.0/24: only SNAT gets the reply home.
    vmA.reaches(Lab.EXTERNAL_GATEWAY);
    String gatewayIp = Vm.fixedIp(lab.api.show("ports", "port", gatewayPort(router)));
    assertThat(conntrack(router)).as("the flow was SNATed to the router's gateway address")
        .anyMatch(l -> l.contains("src=" + vmA.ip + " dst=" + Lab.EXTERNAL_GATEWAY)
            && l.contains("src=" + Lab.EXTERNAL_GATEWAY + " dst=" + gatewayIp + " "));

    String[] fip = lab.api.floatingIp(ext, vmA.portId());
    world.reaches(fip[1]);
    Poll.until("floating IP ACTIVE", Duration.ofSeconds(30),
        () -> "ACTIVE".equals(lab.api.show("floatingips", "floatingip", fip[0]).get("status")));

    lab.api.delete("floatingips", fip[0]);
    world.losesReachOf(fip[1]);
    // What the floating IP carried is cut; the router and SNAT are not.
    vmA.reaches(Lab.EXTERNAL_GATEWAY);
  }

  private static List<String> conntrack(String router) {
    return HostExecutor.inNamespace("qrouter-" + router).tryRun(List.of("conntrack", "-L", "-p", "icmp"), null)
        .stdout().lines().toList();
  }

  private static String gatewayPort(String router) {
    return (String) lab.api.get("/v2.0/ports?device_owner=network:router_gateway&device_id=" + router)
        .list("ports").get(0).get("id");
  }
}
