package io.neutrino.agent.l2.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.agent.linux.Iptables;
import io.neutrino.agent.linux.Iptables.Family;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Security group payloads (Neutron's shapes) to the exact iptables-restore text. */
class IptablesFirewallRulesTest {
  static final String NET = "2c1f3b5e-aaaa-4c7b-9d0e-00000000a001";
  static final String SG = "5e0e0000-0000-4000-8000-00000000000a";
  static final String REMOTE = "77770000-0000-4000-8000-00000000000b";

  static Map<String, Object> rule(Object... kv) {
    Map<String, Object> r = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      r.put((String) kv[i], kv[i + 1]);
    }
    return r;
  }

  static FirewallState state() {
    Map<String, Object> filtered = rule("device", "tapa1b2c3d4-e5", "network_id", NET,
        "mac_address", "fa:16:3e:aa:bb:cc", "fixed_ips", List.of("10.0.0.5", "2001:db8::5"),
        "allowed_address_pairs", List.of(rule("ip_address", "10.0.0.128/25",
            "mac_address", "fa:16:3e:aa:bb:cc")),
        "security_groups", List.of(SG), "security_group_source_groups", List.of(REMOTE),
        "security_group_rules", List.of(rule("direction", "ingress", "ethertype", "IPv4",
            "protocol", "udp", "source_ip_prefix", "10.0.0.2/32", "port_range_min", 68,
            "port_range_max", 68)),
        "port_security_enabled", true, "device_owner", "compute:nova");
    Map<String, Object> open = rule("device", "tapd4d4d4d4-00", "network_id", NET,
        "mac_address", "fa:16:3e:00:00:01", "fixed_ips", List.of("10.0.0.6"),
        "security_groups", List.of(), "port_security_enabled", false);
    List<Map<String, Object>> rules = List.of(
        rule("direction", "ingress", "ethertype", "IPv4", "protocol", "tcp",
            "port_range_min", 22, "port_range_max", 22, "source_ip_prefix", "0.0.0.0/0"),
        rule("direction", "ingress", "ethertype", "IPv4", "protocol", "tcp",
            "port_range_min", 8000, "port_range_max", 8080, "source_ip_prefix", "192.0.2.0/24"),
        rule("direction", "ingress", "ethertype", "IPv4", "protocol", "icmp",
            "port_range_min", 8, "port_range_max", 0, "remote_group_id", REMOTE),
        rule("direction", "ingress", "ethertype", "IPv4", "protocol", "17"),
        rule("direction", "egress", "ethertype", "IPv4"),
        rule("direction", "egress", "ethertype", "IPv6", "protocol", "icmp"));
    return new FirewallState(
        Map.of("tapa1b2c3d4-e5", filtered, "tapd4d4d4d4-00", open), Map.of(SG, rules),
        Map.of(REMOTE, Map.of("IPv4", List.of("10.0.0.7", "10.0.0.8"))),
        Set.of("tapdhcp0000-00"));
  }

  static String text(IptablesFirewallRules.Rules rules, Family f) {
    StringBuilder out = new StringBuilder();
    for (Iptables.Table t : rules.tables().get(f)) {
      out.append(io.neutrino.agent.linux.IptablesTestAccess.restoreInput(
          IptablesFirewallRules.PREFIX, "", t));
    }
    return out.toString();
  }

  @Test
  void ipv4RulesAreNeutronsIptablesFirewallDriverRules() {
    var rules = new IptablesFirewallRules(true).render(state(), net -> 4097);
    assertThat(text(rules, Family.IPV4)).isEqualTo("""
        *filter
        :neutron-linuxbri-FORWARD - [0:0]
        :neutron-linuxbri-INPUT - [0:0]
        :neutron-linuxbri-sg-chain - [0:0]
        :neutron-linuxbri-sg-fallback - [0:0]
        :neutron-linuxbri-ia1b2c3d4-e - [0:0]
        :neutron-linuxbri-oa1b2c3d4-e - [0:0]
        :neutron-linuxbri-sa1b2c3d4-e - [0:0]
        -I FORWARD 1 -j neutron-linuxbri-FORWARD
        -I INPUT 1 -j neutron-linuxbri-INPUT
        -A neutron-linuxbri-FORWARD -m physdev --physdev-out tapa1b2c3d4-e5 --physdev-is-bridged -m comment --comment "Direct traffic from the VM interface to the security group chain." -j neutron-linuxbri-sg-chain
        -A neutron-linuxbri-FORWARD -m physdev --physdev-in tapa1b2c3d4-e5 --physdev-is-bridged -m comment --comment "Direct traffic from the VM interface to the security group chain." -j neutron-linuxbri-sg-chain
        -A neutron-linuxbri-FORWARD -m physdev --physdev-out tapd4d4d4d4-00 --physdev-is-bridged -m comment --comment "Accept all packets when port security is disabled." -j ACCEPT
        -A neutron-linuxbri-FORWARD -m physdev --physdev-in tapd4d4d4d4-00 --physdev-is-bridged -m comment --comment "Accept all packets when port security is disabled." -j ACCEPT
        -A neutron-linuxbri-FORWARD -m physdev --physdev-out tapdhcp0000-00 --physdev-is-bridged -m comment --comment "Accept all packets when port is trusted." -j ACCEPT
        -A neutron-linuxbri-FORWARD -m physdev --physdev-in tapdhcp0000-00 --physdev-is-bridged -m comment --comment "Accept all packets when port is trusted." -j ACCEPT
        -A neutron-linuxbri-INPUT -m physdev --physdev-in tapa1b2c3d4-e5 --physdev-is-bridged -m comment --comment "Direct incoming traffic from VM to the security group chain." -j neutron-linuxbri-oa1b2c3d4-e
        -A neutron-linuxbri-INPUT -m physdev --physdev-in tapd4d4d4d4-00 --physdev-is-bridged -m comment --comment "Accept all packets when port security is disabled." -j ACCEPT
        -A neutron-linuxbri-sg-chain -m physdev --physdev-out tapa1b2c3d4-e5 --physdev-is-bridged -m comment --comment "Jump to the VM specific chain." -j neutron-linuxbri-ia1b2c3d4-e
        -A neutron-linuxbri-sg-chain -m physdev --physdev-in tapa1b2c3d4-e5 --physdev-is-bridged -m comment --comment "Jump to the VM specific chain." -j neutron-linuxbri-oa1b2c3d4-e
        -A neutron-linuxbri-sg-chain -j ACCEPT
        -A neutron-linuxbri-sg-fallback -m comment --comment "Default drop rule for unmatched traffic." -j DROP
        -A neutron-linuxbri-ia1b2c3d4-e -m state --state RELATED,ESTABLISHED -m comment --comment "Direct packets associated with a known session to the RETURN chain." -j RETURN
        -A neutron-linuxbri-ia1b2c3d4-e -s 10.0.0.2/32 -p udp -m udp --dport 68 -j RETURN
        -A neutron-linuxbri-ia1b2c3d4-e -p tcp -m tcp --dport 22 -j RETURN
        -A neutron-linuxbri-ia1b2c3d4-e -s 192.0.2.0/24 -p tcp -m tcp -m multiport --dports 8000:8080 -j RETURN
        -A neutron-linuxbri-ia1b2c3d4-e -p icmp -m icmp --icmp-type 8/0 -m set --match-set NIPv477770000-0000-4000-8000- src -j RETURN
        -A neutron-linuxbri-ia1b2c3d4-e -p udp -j RETURN
        -A neutron-linuxbri-ia1b2c3d4-e -m state --state INVALID -m comment --comment "Drop packets that appear related to an existing connection (e.g. TCP ACK/FIN) but do not have an entry in conntrack." -j DROP
        -A neutron-linuxbri-ia1b2c3d4-e -m comment --comment "Send unmatched traffic to the fallback chain." -j neutron-linuxbri-sg-fallback
        -A neutron-linuxbri-oa1b2c3d4-e -s 0.0.0.0/32 -d 255.255.255.255/32 -p udp -m udp --sport 68 --dport 67 -m comment --comment "Allow DHCP client traffic." -j RETURN
        -A neutron-linuxbri-oa1b2c3d4-e -j neutron-linuxbri-sa1b2c3d4-e
        -A neutron-linuxbri-oa1b2c3d4-e -p udp -m udp --sport 68 --dport 67 -m comment --comment "Allow DHCP client traffic." -j RETURN
        -A neutron-linuxbri-oa1b2c3d4-e -p udp -m udp --sport 67 --dport 68 -m comment --comment "Prevent DHCP Spoofing by VM." -j DROP
        -A neutron-linuxbri-oa1b2c3d4-e -m state --state RELATED,ESTABLISHED -m comment --comment "Direct packets associated with a known session to the RETURN chain." -j RETURN
        -A neutron-linuxbri-oa1b2c3d4-e -j RETURN
        -A neutron-linuxbri-oa1b2c3d4-e -m state --state INVALID -m comment --comment "Drop packets that appear related to an existing connection (e.g. TCP ACK/FIN) but do not have an entry in conntrack." -j DROP
        -A neutron-linuxbri-oa1b2c3d4-e -m comment --comment "Send unmatched traffic to the fallback chain." -j neutron-linuxbri-sg-fallback
        -A neutron-linuxbri-sa1b2c3d4-e -s 10.0.0.128/25 -m mac --mac-source FA:16:3E:AA:BB:CC -m comment --comment "Allow traffic from defined IP/MAC pairs." -j RETURN
        -A neutron-linuxbri-sa1b2c3d4-e -s 10.0.0.5/32 -m mac --mac-source FA:16:3E:AA:BB:CC -m comment --comment "Allow traffic from defined IP/MAC pairs." -j RETURN
        -A neutron-linuxbri-sa1b2c3d4-e -m comment --comment "Drop traffic without an IP/MAC allow rule." -j DROP
        COMMIT
        *raw
        :neutron-linuxbri-PREROUTING - [0:0]
        -I PREROUTING 1 -j neutron-linuxbri-PREROUTING
        -A neutron-linuxbri-PREROUTING -m physdev --physdev-in brq2c1f3b5e-aa -m comment --comment "Set zone for 1b2c3d4-e5" -j CT --zone 4097
        -A neutron-linuxbri-PREROUTING -i brq2c1f3b5e-aa -m comment --comment "Set zone for 1b2c3d4-e5" -j CT --zone 4097
        -A neutron-linuxbri-PREROUTING -m physdev --physdev-in tapa1b2c3d4-e5 -m comment --comment "Set zone for 1b2c3d4-e5" -j CT --zone 4097
        COMMIT
        """);
    assertThat(rules.ipsets()).containsExactly(Map.entry("NIPv477770000-0000-4000-8000-",
        new IptablesFirewallRules.IpsetSpec("inet", Set.of("10.0.0.7", "10.0.0.8"))));
  }

  @Test
  void ipv6PortChainsAllowNeighbourDiscoveryAndCheckTheLinkLocalAddress() {
    var rules = new IptablesFirewallRules(true).render(state(), net -> 4097);
    List<String> portRules = text(rules, Family.IPV6).lines()
        .filter(l -> l.startsWith("-A neutron-linuxbri-ia") || l.startsWith("-A neutron-linuxbri-oa")
            || l.startsWith("-A neutron-linuxbri-sa"))
        .toList();
    assertThat(String.join("\n", portRules) + "\n").isEqualTo("""
        -A neutron-linuxbri-ia1b2c3d4-e -p ipv6-icmp -m icmp6 --icmpv6-type 130 -j RETURN
        -A neutron-linuxbri-ia1b2c3d4-e -p ipv6-icmp -m icmp6 --icmpv6-type 135 -j RETURN
        -A neutron-linuxbri-ia1b2c3d4-e -p ipv6-icmp -m icmp6 --icmpv6-type 136 -j RETURN
        -A neutron-linuxbri-ia1b2c3d4-e -m state --state RELATED,ESTABLISHED -m comment --comment "Direct packets associated with a known session to the RETURN chain." -j RETURN
        -A neutron-linuxbri-ia1b2c3d4-e -m state --state INVALID -m comment --comment "Drop packets that appear related to an existing connection (e.g. TCP ACK/FIN) but do not have an entry in conntrack." -j DROP
        -A neutron-linuxbri-ia1b2c3d4-e -m comment --comment "Send unmatched traffic to the fallback chain." -j neutron-linuxbri-sg-fallback
        -A neutron-linuxbri-oa1b2c3d4-e -s ::/128 -d ff02::/16 -p ipv6-icmp -m icmp6 --icmpv6-type 131 -m comment --comment "Allow IPv6 ICMP traffic." -j RETURN
        -A neutron-linuxbri-oa1b2c3d4-e -s ::/128 -d ff02::/16 -p ipv6-icmp -m icmp6 --icmpv6-type 135 -m comment --comment "Allow IPv6 ICMP traffic." -j RETURN
        -A neutron-linuxbri-oa1b2c3d4-e -s ::/128 -d ff02::/16 -p ipv6-icmp -m icmp6 --icmpv6-type 143 -m comment --comment "Allow IPv6 ICMP traffic." -j RETURN
        -A neutron-linuxbri-oa1b2c3d4-e -j neutron-linuxbri-sa1b2c3d4-e
        -A neutron-linuxbri-oa1b2c3d4-e -p ipv6-icmp -m icmp6 --icmpv6-type 134 -m comment --comment "Drop IPv6 Router Advts from VM Instance." -j DROP
        -A neutron-linuxbri-oa1b2c3d4-e -p ipv6-icmp -m comment --comment "Allow IPv6 ICMP traffic." -j RETURN
        -A neutron-linuxbri-oa1b2c3d4-e -p udp -m udp --sport 546 --dport 547 -m comment --comment "Allow DHCP client traffic." -j RETURN
        -A neutron-linuxbri-oa1b2c3d4-e -p udp -m udp --sport 547 --dport 546 -m comment --comment "Prevent DHCP Spoofing by VM." -j DROP
        -A neutron-linuxbri-oa1b2c3d4-e -m state --state RELATED,ESTABLISHED -m comment --comment "Direct packets associated with a known session to the RETURN chain." -j RETURN
        -A neutron-linuxbri-oa1b2c3d4-e -p ipv6-icmp -j RETURN
        -A neutron-linuxbri-oa1b2c3d4-e -m state --state INVALID -m comment --comment "Drop packets that appear related to an existing connection (e.g. TCP ACK/FIN) but do not have an entry in conntrack." -j DROP
        -A neutron-linuxbri-oa1b2c3d4-e -m comment --comment "Send unmatched traffic to the fallback chain." -j neutron-linuxbri-sg-fallback
        -A neutron-linuxbri-sa1b2c3d4-e -s 2001:db8::5/128 -m mac --mac-source FA:16:3E:AA:BB:CC -m comment --comment "Allow traffic from defined IP/MAC pairs." -j RETURN
        -A neutron-linuxbri-sa1b2c3d4-e -s fe80::f816:3eff:feaa:bbcc/128 -m mac --mac-source FA:16:3E:AA:BB:CC -m comment --comment "Allow traffic from defined IP/MAC pairs." -j RETURN
        -A neutron-linuxbri-sa1b2c3d4-e -m comment --comment "Drop traffic without an IP/MAC allow rule." -j DROP
        """);
  }

  @Test
  void withoutIpsetsARemoteGroupRuleBecomesOneRulePerMember() {
    var rules = new IptablesFirewallRules(false).render(state(), net -> 4097);
    List<String> ingress = text(rules, Family.IPV4).lines()
        .filter(l -> l.startsWith("-A neutron-linuxbri-ia")).toList();
    assertThat(String.join("\n", ingress) + "\n").isEqualTo("""
        -A neutron-linuxbri-ia1b2c3d4-e -m state --state RELATED,ESTABLISHED -m comment --comment "Direct packets associated with a known session to the RETURN chain." -j RETURN
        -A neutron-linuxbri-ia1b2c3d4-e -s 10.0.0.2/32 -p udp -m udp --dport 68 -j RETURN
        -A neutron-linuxbri-ia1b2c3d4-e -p tcp -m tcp --dport 22 -j RETURN
        -A neutron-linuxbri-ia1b2c3d4-e -s 192.0.2.0/24 -p tcp -m tcp -m multiport --dports 8000:8080 -j RETURN
        -A neutron-linuxbri-ia1b2c3d4-e -s 10.0.0.7/32 -p icmp -m icmp --icmp-type 8/0 -j RETURN
        -A neutron-linuxbri-ia1b2c3d4-e -s 10.0.0.8/32 -p icmp -m icmp --icmp-type 8/0 -j RETURN
        -A neutron-linuxbri-ia1b2c3d4-e -p udp -j RETURN
        -A neutron-linuxbri-ia1b2c3d4-e -m state --state INVALID -m comment --comment "Drop packets that appear related to an existing connection (e.g. TCP ACK/FIN) but do not have an entry in conntrack." -j DROP
        -A neutron-linuxbri-ia1b2c3d4-e -m comment --comment "Send unmatched traffic to the fallback chain." -j neutron-linuxbri-sg-fallback
        """);
    assertThat(rules.ipsets()).isEmpty();
  }

  @Test
  void aStatelessGroupSkipsConntrackAndAPortWithoutAddressesIsHeldToItsMac() {
    Map<String, Object> port = rule("device", "tapa1b2c3d4-e5", "network_id", NET,
        "mac_address", "fa:16:3e:aa:bb:cc", "fixed_ips", List.of(),
        "security_groups", List.of(SG));
    var state = new FirewallState(Map.of("tapa1b2c3d4-e5", port),
        Map.of(SG, List.of(rule("direction", "ingress", "ethertype", "IPv4", "stateful", false,
            "protocol", "6", "port_range_min", 80, "port_range_max", 80))),
        Map.of(), Set.of());
    String v4 = text(new IptablesFirewallRules(true).render(state, net -> 4100), Family.IPV4);
    assertThat(v4).contains("-A neutron-linuxbri-PREROUTING -i brq2c1f3b5e-aa -m comment "
            + "--comment \"Make 1b2c3d4-e5 stateless\" -j CT --notrack\n",
        "-A neutron-linuxbri-ia1b2c3d4-e -p tcp -m tcp --dport 80 -j RETURN\n",
        "-A neutron-linuxbri-sa1b2c3d4-e -m mac --mac-source FA:16:3E:AA:BB:CC -m comment "
            + "--comment \"Allow traffic from defined IP/MAC pairs.\" -j RETURN\n")
        .doesNotContain("--zone");
  }

  @Test
  void linkLocalAddressIsTheMacsEui64() {
    assertThat(IptablesFirewallRules.linkLocal("FA:16:3E:AA:BB:CC"))
        .isEqualTo("fe80::f816:3eff:feaa:bbcc");
  }

  @Test
  void ipsetNamesAreNeutrons() {
    assertThat(IptablesFirewallRules.ipsetName(REMOTE, "IPv6"))
        .isEqualTo("NIPv677770000-0000-4000-8000-").hasSize(29);
    assertThat(IptablesFirewallRules.portChain('i', "tapa1b2c3d4-e5"))
        .isEqualTo("neutron-linuxbri-ia1b2c3d4-e").hasSize(28);
  }
}
