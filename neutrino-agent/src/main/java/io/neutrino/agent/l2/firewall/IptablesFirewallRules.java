package io.neutrino.agent.l2.firewall;

import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv6.IPv6Address;
import io.neutrino.agent.linux.DeviceNames;
import io.neutrino.agent.linux.Iptables;
import io.neutrino.agent.linux.Iptables.Family;
import io.neutrino.agent.linux.Iptables.Jump;
import io.neutrino.agent.linux.Ipset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * Security groups as iptables rules, the way Neutron's IptablesFirewallDriver writes them for
 * the linuxbridge agent (neutron/agent/linux/iptables_firewall.py), computed from a
 * {@link FirewallState} without touching the host. Per filtered port {@code tapX}:
 * <ul>
 *   <li>{@code FORWARD}: bridged traffic to or from the TAP jumps to {@code sg-chain}, which
 *       sends it to the port's ingress chain {@code i<port[:10]>} or egress chain
 *       {@code o<port[:10]>}; traffic from the VM to the host itself ({@code INPUT}) goes to the
 *       egress chain too;
 *   <li>the egress chain allows DHCP discovery, checks MAC/IP pairs in the spoofing chain
 *       {@code s<port[:10]>} (fixed IPs and allowed address pairs), drops DHCP server replies
 *       the VM would send, then the security group's egress rules;
 *   <li>both port chains accept established traffic, drop INVALID, apply the group's rules and
 *       send everything else to {@code sg-fallback} (DROP);
 *   <li>{@code raw PREROUTING} puts the port's traffic in the conntrack zone of its network.
 * </ul>
 * Rules with a {@code remote_group_id} match ipsets named {@code NIPv4<sg id>} (or, with
 * {@code enable_ipset = false}, are expanded per member address). Ports with port security off
 * get ACCEPT rules; trusted ports (network:* owners the server leaves out) too.
 */
public final class IptablesFirewallRules {
  /** Neutron's wrap name: the first 16 characters of the binary name neutron-linuxbridge-agent. */
  public static final String WRAP = "neutron-linuxbri";
  public static final String PREFIX = WRAP + "-";
  private static final int MAX_CHAIN_LEN_WRAP = 11;
  static final String SG_CHAIN = PREFIX + "sg-chain";
  static final String FALLBACK = PREFIX + "sg-fallback";
  static final String FORWARD = PREFIX + "FORWARD";
  static final String INPUT = PREFIX + "INPUT";
  static final String PREROUTING = PREFIX + "PREROUTING";

  // neutron/agent/linux/iptables_comments.py
  private static final String VM_INT_SG =
      "Direct traffic from the VM interface to the security group chain.";
  private static final String SG_TO_VM_SG = "Jump to the VM specific chain.";
  private static final String INPUT_TO_SG =
      "Direct incoming traffic from VM to the security group chain.";
  private static final String PAIR_ALLOW = "Allow traffic from defined IP/MAC pairs.";
  private static final String PAIR_DROP = "Drop traffic without an IP/MAC allow rule.";
  private static final String DHCP_CLIENT = "Allow DHCP client traffic.";
  private static final String DHCP_SPOOF = "Prevent DHCP Spoofing by VM.";
  private static final String UNMATCHED = "Send unmatched traffic to the fallback chain.";
  private static final String INVALID_DROP = "Drop packets that appear related to an existing "
      + "connection (e.g. TCP ACK/FIN) but do not have an entry in conntrack.";
  private static final String ALLOW_ASSOC =
      "Direct packets associated with a known session to the RETURN chain.";
  private static final String PORT_SEC_ACCEPT =
      "Accept all packets when port security is disabled.";
  private static final String TRUSTED_ACCEPT = "Accept all packets when port is trusted.";
  private static final String IPV6_RA_DROP = "Drop IPv6 Router Advts from VM Instance.";
  private static final String IPV6_ICMP_ALLOW = "Allow IPv6 ICMP traffic.";
  private static final String UNMATCH_DROP = "Default drop rule for unmatched traffic.";

  private static final List<Integer> ICMPV6_ALLOWED_UNSPEC_ADDR_TYPES = List.of(131, 135, 143);
  private static final List<Integer> ICMPV6_ALLOWED_INGRESS_TYPES = List.of(130, 135, 136);
  private static final Set<String> SG_PORT_PROTO_NAMES =
      Set.of("dccp", "sctp", "tcp", "udp", "udplite");
  private static final Map<String, String> IPTABLES_PROTOCOL_MAP = Map.of("dccp", "dccp",
      "icmp", "icmp", "ipv6-icmp", "icmp6", "sctp", "sctp", "tcp", "tcp", "udp", "udp");

  /** The ipsets the rules refer to: name to family and member CIDRs. */
  public record IpsetSpec(String family, Set<String> members) {}

  /** Everything to put on the host: the tables per IP family, and the ipsets. */
  public record Rules(Map<Family, List<Iptables.Table>> tables, Map<String, IpsetSpec> ipsets) {}

  private final boolean enableIpset;

  public IptablesFirewallRules(boolean enableIpset) {
    this.enableIpset = enableIpset;
  }

  /** Neutron's ipset name for a remote group: {@code N<ethertype><sg id>}, cut to 29. */
  public static String ipsetName(String sgId, String ethertype) {
    String name = "N" + ethertype + sgId;
    return name.substring(0, Math.min(Ipset.MAX_NAME_LEN, name.length()));
  }

  /** The port chain for a direction prefix ({@code i}, {@code o}, {@code s}). */
  public static String portChain(char direction, String device) {
    String name = direction + device.substring(DeviceNames.TAP_PREFIX.length());
    return PREFIX + name.substring(0, Math.min(MAX_CHAIN_LEN_WRAP, name.length()));
  }

  /**
   * The rules for {@code state}; {@code zoneOf} gives the conntrack zone of a network id (one
   * zone per network, as the linuxbridge agent does).
   */
  public Rules render(FirewallState state, ToIntFunction<String> zoneOf) {
    Map<String, IpsetSpec> ipsets = enableIpset ? ipsets(state) : Map.of();
    Map<Family, List<Iptables.Table>> tables = new LinkedHashMap<>();
    for (Family f : Family.values()) {
      tables.put(f, List.of(filterTable(state, f, ipsets), rawTable(state, f, zoneOf)));
    }
    return new Rules(tables, ipsets);
  }

  private Map<String, IpsetSpec> ipsets(FirewallState state) {
    Map<String, IpsetSpec> sets = new TreeMap<>();
    Set<String> referenced = new LinkedHashSet<>();
    for (Map<String, Object> port : state.ports().values()) {
      if (FirewallState.filtered(port)) {
        for (String sg : FirewallState.strings(port.get("security_groups"))) {
          for (Map<String, Object> rule : state.securityGroups().getOrDefault(sg, List.of())) {
            if (rule.get("remote_group_id") != null) {
              referenced.add(rule.get("remote_group_id") + "/" + rule.get("ethertype"));
            }
          }
        }
      }
    }
    state.memberIps().forEach((sg, byType) -> byType.forEach((ethertype, ips) -> {
      if (referenced.contains(sg + "/" + ethertype)) {
        Set<String> members = new LinkedHashSet<>();
        for (String ip : ips) {
          members.addAll(ipsetMembers(ip));
        }
        sets.put(ipsetName(sg, ethertype),
            new IpsetSpec(Ipset.family(ethertype.equals("IPv6")), members));
      }
    }));
    return sets;
  }

  // ipset cannot hold a /0; Neutron stores it as two /1 halves.
  private static List<String> ipsetMembers(String ip) {
    var addr = new IPAddressString(ip).getAddress();
    if (addr != null && addr.isPrefixed() && addr.getNetworkPrefixLength() == 0) {
      return addr.isIPv4() ? List.of("0.0.0.0/1", "128.0.0.0/1") : List.of("::/1", "8000::/1");
    }
    return List.of(ip);
  }

  private Iptables.Table filterTable(FirewallState state, Family f, Map<String, IpsetSpec> sets) {
    Map<String, List<String>> chains = new LinkedHashMap<>();
    List<String> forwardTop = new ArrayList<>();
    List<String> forwardBottom = new ArrayList<>();
    List<String> input = new ArrayList<>();
    List<String> sgChain = new ArrayList<>();
    Map<String, List<String>> portChains = new LinkedHashMap<>();
    for (Map<String, Object> port : state.ports().values()) {
      String dev = device(port);
      if (!FirewallState.filtered(port)) {
        for (String d : List.of("out", "in")) {
          forwardBottom.add(physdevAccept(d, dev, PORT_SEC_ACCEPT));
        }
        input.add(physdevAccept("in", dev, PORT_SEC_ACCEPT));
        continue;
      }
      String in = portChain('i', dev);
      String out = portChain('o', dev);
      forwardTop.add(physdev("out", dev, VM_INT_SG, SG_CHAIN));
      forwardTop.add(physdev("in", dev, VM_INT_SG, SG_CHAIN));
      sgChain.add(physdev("out", dev, SG_TO_VM_SG, in));
      sgChain.add(physdev("in", dev, SG_TO_VM_SG, out));
      input.add(physdev("in", dev, INPUT_TO_SG, out));
      portChains.put(in, ingressRules(state, port, f, sets));
      List<String> spoof = spoofChain(port, f);
      String spoofName = portChain('s', dev);
      portChains.put(out, egressRules(state, port, f, sets, spoof.isEmpty() ? null : spoofName));
      if (!spoof.isEmpty()) {
        portChains.put(spoofName, spoof);
      }
    }
    for (String dev : state.trusted()) {
      for (String d : List.of("out", "in")) {
        forwardBottom.add(physdevAccept(d, dev, TRUSTED_ACCEPT));
      }
    }
    sgChain.add("-j ACCEPT");
    List<String> forward = new ArrayList<>(forwardTop);
    forward.addAll(forwardBottom);
    chains.put(FORWARD, forward);
    chains.put(INPUT, input);
    chains.put(SG_CHAIN, sgChain);
    chains.put(FALLBACK, List.of(comment("-j DROP", UNMATCH_DROP)));
    chains.putAll(portChains);
    return new Iptables.Table("filter", chains,
        List.of(new Jump("INPUT", INPUT), new Jump("FORWARD", FORWARD)));
  }

  private Iptables.Table rawTable(FirewallState state, Family f, ToIntFunction<String> zoneOf) {
    List<String> rules = new ArrayList<>();
    for (Map<String, Object> port : state.ports().values()) {
      if (!FirewallState.filtered(port)) {
        continue;
      }
      String dev = device(port);
      String networkId = String.valueOf(port.get("network_id"));
      String bridge = DeviceNames.bridge(networkId);
      String shortName = dev.length() > 4 ? dev.substring(4) : dev;
      String comment;
      String target;
      if (stateful(state, port)) {
        comment = "Set zone for " + shortName;
        target = "CT --zone " + zoneOf.applyAsInt(networkId);
      } else {
        comment = "Make " + shortName + " stateless";
        target = "CT --notrack";
      }
      for (String match : List.of("-m physdev --physdev-in " + bridge, "-i " + bridge,
          "-m physdev --physdev-in " + dev)) {
        String rule = match + " -m comment --comment \"" + comment + "\" -j " + target;
        if (!rules.contains(rule)) {
          rules.add(rule);
        }
      }
    }
    return new Iptables.Table("raw", Map.of(PREROUTING, rules),
        List.of(new Jump("PREROUTING", PREROUTING)));
  }

  // Neutron looks at the first rule of the port's first group; network:* ports are stateful.
  private static boolean stateful(FirewallState state, Map<String, Object> port) {
    String owner = String.valueOf(port.getOrDefault("device_owner", ""));
    if (owner.startsWith("network:") || owner.startsWith("neutron:")) {
      return true;
    }
    List<String> sgs = FirewallState.strings(port.get("security_groups"));
    if (sgs.isEmpty()) {
      return true;
    }
    List<Map<String, Object>> rules = state.securityGroups().getOrDefault(sgs.get(0), List.of());
    return rules.isEmpty() || !Boolean.FALSE.equals(rules.get(0).get("stateful"));
  }

  private List<String> ingressRules(FirewallState state, Map<String, Object> port, Family f,
      Map<String, IpsetSpec> sets) {
    List<String> rules = new ArrayList<>();
    if (f == Family.IPV6) {
      for (int type : ICMPV6_ALLOWED_INGRESS_TYPES) {
        rules.add("-p ipv6-icmp -m icmp6 --icmpv6-type " + type + " -j RETURN");
      }
    }
    rules.addAll(sgRules(state, port, "ingress", f, sets));
    return rules;
  }

  private List<String> egressRules(FirewallState state, Map<String, Object> port, Family f,
      Map<String, IpsetSpec> sets, String spoofChain) {
    List<String> rules = new ArrayList<>();
    if (f == Family.IPV4) {
      rules.add(comment("-s 0.0.0.0/32 -d 255.255.255.255/32 -p udp -m udp --sport 68 --dport 67"
          + " -j RETURN", DHCP_CLIENT));
      if (spoofChain != null) {
        rules.add("-j " + spoofChain);
      }
      rules.add(comment("-p udp -m udp --sport 68 --dport 67 -j RETURN", DHCP_CLIENT));
      rules.add(comment("-p udp -m udp --sport 67 --dport 68 -j DROP", DHCP_SPOOF));
    } else {
      for (int type : ICMPV6_ALLOWED_UNSPEC_ADDR_TYPES) {
        rules.add(comment("-s ::/128 -d ff02::/16 -p ipv6-icmp -m icmp6 --icmpv6-type " + type
            + " -j RETURN", IPV6_ICMP_ALLOW));
      }
      if (spoofChain != null) {
        rules.add("-j " + spoofChain);
      }
      rules.add(comment("-p ipv6-icmp -m icmp6 --icmpv6-type 134 -j DROP", IPV6_RA_DROP));
      rules.add(comment("-p ipv6-icmp -j RETURN", IPV6_ICMP_ALLOW));
      rules.add(comment("-p udp -m udp --sport 546 --dport 547 -j RETURN", DHCP_CLIENT));
      rules.add(comment("-p udp -m udp --sport 547 --dport 546 -j DROP", DHCP_SPOOF));
    }
    rules.addAll(sgRules(state, port, "egress", f, sets));
    return rules;
  }

  /** The port's own (provider) rules, then its groups' rules, for one direction and family. */
  private List<String> sgRules(FirewallState state, Map<String, Object> port, String direction,
      Family f, Map<String, IpsetSpec> sets) {
    List<Map<String, Object>> selected = new ArrayList<>();
    for (Map<String, Object> r : FirewallState.maps(port.get("security_group_rules"))) {
      if (direction.equals(r.get("direction"))) {
        selected.add(r);
      }
    }
    for (String sg : FirewallState.strings(port.get("security_groups"))) {
      for (Map<String, Object> r : state.securityGroups().getOrDefault(sg, List.of())) {
        if (direction.equals(r.get("direction"))) {
          selected.addAll(enableIpset ? List.of(r) : expand(state, port, r, direction));
        }
      }
    }
    String ethertype = f == Family.IPV4 ? "IPv4" : "IPv6";
    List<String> rules = new ArrayList<>();
    rules.add(comment("-m state --state RELATED,ESTABLISHED -j RETURN", ALLOW_ASSOC));
    Set<String> seen = new LinkedHashSet<>();
    for (Map<String, Object> r : selected) {
      if (!ethertype.equals(r.get("ethertype"))) {
        continue;
      }
      String args = ruleArgs(r, f, sets);
      if (args != null && seen.add(args)) {
        rules.add(args);
      }
    }
    rules.add(comment("-m state --state INVALID -j DROP", INVALID_DROP));
    rules.add(comment("-j " + FALLBACK, UNMATCHED));
    return rules;
  }

  // Without ipsets a remote group becomes one rule per member address (not the port's own).
  private static List<Map<String, Object>> expand(FirewallState state, Map<String, Object> port,
      Map<String, Object> rule, String direction) {
    Object remote = rule.get("remote_group_id");
    if (remote == null) {
      return List.of(rule);
    }
    List<String> own = FirewallState.strings(port.get("fixed_ips"));
    List<Map<String, Object>> out = new ArrayList<>();
    String key = direction.equals("ingress") ? "source_ip_prefix" : "dest_ip_prefix";
    for (String ip : state.memberIps().getOrDefault(String.valueOf(remote), Map.of())
        .getOrDefault(String.valueOf(rule.get("ethertype")), List.of())) {
      if (!own.contains(ip)) {
        Map<String, Object> copy = new LinkedHashMap<>(rule);
        copy.remove("remote_group_id");
        copy.put(key, new IPAddressString(ip).getAddress().toPrefixBlock().toCanonicalString());
        out.add(copy);
      }
    }
    return out;
  }

  private String ruleArgs(Map<String, Object> rule, Family f, Map<String, IpsetSpec> sets) {
    List<String> args = new ArrayList<>();
    Object remote = rule.get("remote_group_id");
    String protocol = protocol(rule, f);
    if (enableIpset && remote != null) {
      String set = ipsetName(String.valueOf(remote), String.valueOf(rule.get("ethertype")));
      if (!sets.containsKey(set)) {
        return null; // Neutron does not reference sets of groups it has no members for
      }
      args.addAll(protocolAndPorts(rule, protocol));
      args.add("-m set --match-set " + set
          + (rule.get("direction").equals("ingress") ? " src" : " dst"));
    } else {
      args.addAll(prefix("-s", rule.get("source_ip_prefix")));
      args.addAll(prefix("-d", rule.get("dest_ip_prefix")));
      args.addAll(protocolAndPorts(rule, protocol));
    }
    args.add("-j RETURN");
    return String.join(" ", args);
  }

  // IPv6 rules written with the IPv4 names of ICMP mean ICMPv6.
  private static String protocol(Map<String, Object> rule, Family f) {
    Object p = rule.get("protocol");
    if (p == null) {
      return null;
    }
    String s = String.valueOf(p);
    if (f == Family.IPV6 && (s.equals("icmp") || s.equals("icmpv6"))) {
      return "ipv6-icmp";
    }
    return s;
  }

  private static List<String> protocolAndPorts(Map<String, Object> rule, String protocol) {
    boolean isPort = rule.get("source_port_range_min") != null
        || rule.get("port_range_min") != null;
    String name = Protocols.iptablesName(protocol);
    List<String> args = new ArrayList<>();
    if (name != null) {
      args.add("-p " + name);
      if (isPort && IPTABLES_PROTOCOL_MAP.containsKey(name)) {
        args.add("-m " + IPTABLES_PROTOCOL_MAP.get(name));
      }
    }
    args.addAll(portArgs("sport", name, rule.get("source_port_range_min"),
        rule.get("source_port_range_max")));
    args.addAll(portArgs("dport", name, rule.get("port_range_min"), rule.get("port_range_max")));
    return args;
  }

  private static List<String> portArgs(String direction, String protocol, Object min, Object max) {
    if (min == null || protocol == null) {
      return List.of();
    }
    if (protocol.equals("icmp") || protocol.equals("ipv6-icmp")) {
      // for ICMP, port_range_min/max carry the type and code
      String type = protocol.equals("icmp") ? "--icmp-type " : "--icmpv6-type ";
      return List.of(type + min + (max != null ? "/" + max : ""));
    }
    if (!SG_PORT_PROTO_NAMES.contains(protocol)) {
      return List.of();
    }
    if (Objects.equals(String.valueOf(min), String.valueOf(max))) {
      return protocol.equals("udplite")
          ? List.of("-m multiport --" + direction + "s " + min)
          : List.of("--" + direction + " " + min);
    }
    return List.of("-m multiport --" + direction + "s " + min + ":" + max);
  }

  private static List<String> prefix(String flag, Object prefix) {
    if (prefix == null) {
      return List.of();
    }
    String p = String.valueOf(prefix);
    if (!p.contains("/")) {
      p = toCidr(p);
    } else if (p.endsWith("/0")) {
      return List.of(); // allowing every address is no constraint
    }
    return List.of(flag + " " + p);
  }

  private static List<String> spoofChain(Map<String, Object> port, Family f) {
    String mac = String.valueOf(port.get("mac_address"));
    List<String[]> pairs = new ArrayList<>();
    for (Map<String, Object> pair : FirewallState.maps(port.get("allowed_address_pairs"))) {
      addPair(pairs, String.valueOf(pair.getOrDefault("mac_address", mac)),
          String.valueOf(pair.get("ip_address")), f);
    }
    List<String> fixedIps = FirewallState.strings(port.get("fixed_ips"));
    for (String ip : fixedIps) {
      addPair(pairs, mac, ip, f);
    }
    if (fixedIps.isEmpty()) {
      pairs.add(new String[] {macUpper(mac), null});
    }
    if (pairs.isEmpty()) {
      return List.of();
    }
    List<String> rules = new ArrayList<>();
    for (String[] p : pairs) {
      String match = p[1] == null ? "" : "-s " + toCidr(p[1]) + " ";
      rules.add(comment(match + "-m mac --mac-source " + p[0] + " -j RETURN", PAIR_ALLOW));
    }
    rules.add(comment("-j DROP", PAIR_DROP));
    return rules;
  }

  private static void addPair(List<String[]> pairs, String mac, String ip, Family f) {
    boolean v6 = ip.contains(":");
    if (v6 != (f == Family.IPV6)) {
      return;
    }
    String m = macUpper(mac);
    pairs.add(new String[] {m, ip});
    if (v6) {
      String lla = linkLocal(m);
      if (pairs.stream().noneMatch(p -> p[0].equals(m) && lla.equals(p[1]))) {
        pairs.add(new String[] {m, lla});
      }
    }
  }

  /** The EUI-64 link-local address of a MAC (fe80::/64), as the VM derives it. */
  static String linkLocal(String mac) {
    String[] b = mac.split(":");
    byte[] addr = new byte[16];
    addr[0] = (byte) 0xfe;
    addr[1] = (byte) 0x80;
    int[] eui = {Integer.parseInt(b[0], 16) ^ 0x02, Integer.parseInt(b[1], 16),
        Integer.parseInt(b[2], 16), 0xff, 0xfe, Integer.parseInt(b[3], 16),
        Integer.parseInt(b[4], 16), Integer.parseInt(b[5], 16)};
    for (int i = 0; i < 8; i++) {
      addr[8 + i] = (byte) eui[i];
    }
    return new IPv6Address(addr).toCanonicalString();
  }

  private static String macUpper(String mac) {
    return mac.toUpperCase(Locale.ROOT);
  }

  private static String toCidr(String ip) {
    if (ip.contains("/")) {
      return ip;
    }
    return ip + (ip.contains(":") ? "/128" : "/32");
  }

  private static String physdev(String dir, String dev, String comment, String target) {
    return "-m physdev --physdev-" + dir + " " + dev + " --physdev-is-bridged -m comment --comment \""
        + comment + "\" -j " + target;
  }

  private static String physdevAccept(String dir, String dev, String comment) {
    return physdev(dir, dev, comment, "ACCEPT");
  }

  /** Neutron's comment_rule: the comment goes before the jump, as iptables-save prints it. */
  static String comment(String rule, String comment) {
    String c = "-m comment --comment \"" + comment + "\"";
    if (rule.startsWith("-j")) {
      return c + " " + rule;
    }
    int j = rule.indexOf(" -j ");
    return j < 0 ? rule + " " + c : rule.substring(0, j) + " " + c + rule.substring(j);
  }

  private static String device(Map<String, Object> port) {
    return String.valueOf(port.get("device"));
  }
}
