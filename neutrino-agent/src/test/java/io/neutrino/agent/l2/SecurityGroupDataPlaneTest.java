package io.neutrino.agent.l2;

import static io.neutrino.agent.l2.FakePlugin.rule;
import static io.neutrino.agent.l2.L2AgentDataPlaneTest.flatConfig;
import static io.neutrino.agent.l2.L2AgentDataPlaneTest.flatPort;
import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.agent.linux.DeviceNames;
import io.neutrino.agent.linux.HostExecutor;
import io.neutrino.agent.linux.IpLink;
import io.neutrino.agent.linux.Sysctl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Security groups enforced by iptables on bridged traffic (br_netfilter), checked with ping
 * between instances on one host. {@link FakePlugin} stands in for the server until messaging
 * lands; a rule or membership change is made there and announced with the cast the server would
 * send.
 */
@Tag("linux")
class SecurityGroupDataPlaneTest {
  static final String PORT_C = "c3c3c3c3-0003-4000-8000-000000000003";
  static final String SG_WEB = "5e0e0000-0000-4000-8000-00000000000a";
  static final String SG_CLIENT = "5e0e0000-0000-4000-8000-00000000000b";
  static final String SG_OTHER = "5e0e0000-0000-4000-8000-00000000000c";

  private final Netns netns = new Netns();
  private final FakePlugin plugin = new FakePlugin();
  private String host;
  private L2Agent agent;

  @BeforeEach
  void host() {
    host = netns.create("h");
    HostExecutor h = HostExecutor.inNamespace(host);
    new IpLink(h).addVeth("phys0", "phys0-peer", Optional.empty());
    // per-namespace since Linux 5.3; the agent only checks it, like Neutron
    new Sysctl(h).set("net.bridge.bridge-nf-call-iptables", "1");
    // every group lets its ports send anything, as Neutron's default egress rules do
    for (String sg : List.of(SG_WEB, SG_CLIENT, SG_OTHER)) {
      plugin.securityGroups.put(sg, new ArrayList<>(List.of(
          rule("egress", "IPv4", null, null, null, null),
          rule("egress", "IPv6", null, null, null, null))));
    }
  }

  @AfterEach
  void removeNamespaces() {
    netns.close();
  }

  private String instance(String role, String portId, String mac, String ip, String sg) {
    plugin.add(flatPort(portId, mac, ip, List.of(sg)));
    return netns.instance(host, role, DeviceNames.tap(portId), mac, ip + "/24");
  }

  private void startAgent() {
    agent = new L2Agent(flatConfig("iptables"), HostExecutor.inNamespace(host), plugin);
    agent.runOnce();
  }

  @Test
  void aGroupWithoutIcmpIngressBlocksPingUntilTheRuleIsAdded() {
    String a = instance("a", L2AgentDataPlaneTest.PORT_A, "fa:16:3e:00:02:0a", "10.30.0.10",
        SG_CLIENT);
    instance("b", L2AgentDataPlaneTest.PORT_B, "fa:16:3e:00:02:0b", "10.30.0.11", SG_WEB);
    plugin.securityGroups.get(SG_WEB).add(rule("ingress", "IPv4", "tcp", 22, 22, null));
    startAgent();
    assertThat(Netns.ping(a, "10.30.0.11")).isFalse();

    plugin.securityGroups.get(SG_WEB).add(rule("ingress", "IPv4", "icmp", null, null, null));
    agent.callbacks().securityGroupsRuleUpdated(List.of(SG_WEB));
    agent.runOnce();
    assertThat(Netns.pingEventually(a, "10.30.0.11")).isTrue();

    String save = HostExecutor.inNamespace(host).run("iptables-save", "-t", "filter");
    assertThat(save).contains(":neutron-linuxbri-ib2b2b2b2-0 ", ":neutron-linuxbri-ob2b2b2b2-0 ",
        ":neutron-linuxbri-sb2b2b2b2-0 ", ":neutron-linuxbri-sg-chain ",
        "-A neutron-linuxbri-ib2b2b2b2-0 -p icmp -j RETURN");
  }

  @Test
  void aRemoteGroupRuleAdmitsOnlyMembersOfThatGroup() {
    instance("w", L2AgentDataPlaneTest.PORT_A, "fa:16:3e:00:03:0a", "10.40.0.10",
        SG_WEB);
    String client = instance("c", L2AgentDataPlaneTest.PORT_B, "fa:16:3e:00:03:0b", "10.40.0.11",
        SG_CLIENT);
    String other = instance("o", PORT_C, "fa:16:3e:00:03:0c", "10.40.0.12", SG_OTHER);
    plugin.securityGroups.get(SG_WEB).add(rule("ingress", "IPv4", "icmp", null, null, SG_CLIENT));
    startAgent();
    assertThat(Netns.pingEventually(client, "10.40.0.10")).isTrue();
    assertThat(Netns.ping(other, "10.40.0.10")).isFalse();
    assertThat(HostExecutor.inNamespace(host).run("ipset", "list", "-n"))
        .contains("NIPv4" + SG_CLIENT.substring(0, 24));

    // "other" joins the client group: the server casts a member update and a port update
    plugin.add(plugin.ports.get(PORT_C).withSecurityGroups(List.of(SG_OTHER, SG_CLIENT)));
    agent.callbacks().securityGroupsMemberUpdated(List.of(SG_CLIENT));
    agent.callbacks().portUpdate(Map.of("id", PORT_C));
    agent.runOnce();
    assertThat(Netns.pingEventually(other, "10.40.0.10")).isTrue();

    // and leaves it again: its address leaves the ipset and its tracked connections go
    plugin.add(plugin.ports.get(PORT_C).withSecurityGroups(List.of(SG_OTHER)));
    agent.callbacks().securityGroupsMemberUpdated(List.of(SG_CLIENT));
    agent.callbacks().portUpdate(Map.of("id", PORT_C));
    agent.runOnce();
    assertThat(HostExecutor.inNamespace(host).run("conntrack", "-L", "-s", "10.40.0.12"))
        .doesNotContain("10.40.0.12");
    assertThat(Netns.ping(other, "10.40.0.10")).isFalse();
    assertThat(Netns.pingEventually(client, "10.40.0.10")).isTrue();
  }

  @Test
  void aSpoofedSourceAddressIsDroppedUnlessAnAllowedAddressPairCoversIt() {
    String a = instance("a", L2AgentDataPlaneTest.PORT_A, "fa:16:3e:00:04:0a", "10.50.0.10",
        SG_CLIENT);
    instance("b", L2AgentDataPlaneTest.PORT_B, "fa:16:3e:00:04:0b", "10.50.0.11", SG_WEB);
    plugin.securityGroups.get(SG_WEB).add(rule("ingress", "IPv4", "icmp", null, null, null));
    startAgent();
    assertThat(Netns.pingEventually(a, "10.50.0.11")).isTrue();

    HostExecutor inst = HostExecutor.inNamespace(a);
    inst.run("ip", "addr", "flush", "dev", "eth0");
    inst.run("ip", "addr", "add", "10.50.0.99/24", "dev", "eth0");
    assertThat(Netns.ping(a, "10.50.0.11")).isFalse();

    plugin.add(plugin.ports.get(L2AgentDataPlaneTest.PORT_A).withAllowedAddressPairs(List.of(
        Map.of("ip_address", "10.50.0.99", "mac_address", "fa:16:3e:00:04:0a"))));
    agent.callbacks().portUpdate(Map.of("id", L2AgentDataPlaneTest.PORT_A));
    agent.runOnce();
    assertThat(Netns.pingEventually(a, "10.50.0.11")).isTrue();
  }
}
