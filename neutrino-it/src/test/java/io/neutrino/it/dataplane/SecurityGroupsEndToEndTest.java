package io.neutrino.it.dataplane;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Security groups as the L2 agent's iptables rules enforce them on real packets, changed through
 * the API while the instances run: a rule added, and a group's membership changed.
 */
@Tag("linux")
class SecurityGroupsEndToEndTest {
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

  private static Map<String, Object> groups(String... ids) {
    return Map.of("security_groups", List.of(ids));
  }

  @Test
  void pingIsBlockedWithoutAnIcmpIngressRuleAndAllowedOnceOneIsAdded() {
    String net = lab.api.network("sg1");
    lab.api.subnet(net, "10.63.0.0/24");
    String quiet = lab.api.securityGroup("quiet");
    Vm vm1 = host.vm("q1", lab.api.port(host, net, groups(quiet)));
    Vm vm2 = host.vm("q2", lab.api.port(host, net, groups(quiet)));
    lab.api.awaitActiveAndLeased(vm1, vm2);

    vm1.cannotReach(vm2.ip);
    lab.api.allowIcmp(quiet, null);
    vm1.reaches(vm2.ip);
    vm2.reaches(vm1.ip);
  }

  @Test
  void aRemoteGroupRuleAdmitsOnlyTheGroupsMembers() {
    String net = lab.api.network("sg2");
    lab.api.subnet(net, "10.64.0.0/24");
    String members = lab.api.securityGroup("members");
    lab.api.allowIcmp(members, members);
    String others = lab.api.securityGroup("others");
    Vm target = host.vm("target", lab.api.port(host, net, groups(members)));
    Vm member = host.vm("member", lab.api.port(host, net, groups(members)));
    Vm outsider = host.vm("outsider", lab.api.port(host, net, groups(others)));
    lab.api.awaitActiveAndLeased(target, member, outsider);

    member.reaches(target.ip);
    outsider.cannotReach(target.ip);
    // Joining the group adds the outsider's address to the group's set on the host.
    lab.api.updatePort(outsider.portId(), groups(others, members));
    outsider.reaches(target.ip);
    // And leaving it takes the address out again.
    lab.api.updatePort(member.portId(), groups(others));
    member.losesReachOf(target.ip);
  }
}
