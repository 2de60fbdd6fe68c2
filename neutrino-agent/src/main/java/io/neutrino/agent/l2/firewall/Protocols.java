package io.neutrino.agent.l2.firewall;

import java.util.Map;

/**
 * Protocol names iptables understands for the numbers and aliases security group rules may
 * carry (neutron_lib.constants.IPTABLES_PROTOCOL_NAME_MAP, which mirrors /etc/protocols).
 */
final class Protocols {
  private static final Map<String, String> NAMES = Map.ofEntries(
      Map.entry("ipv6-encap", "ipv6"), Map.entry("icmpv6", "ipv6-icmp"), Map.entry("pgm", "113"),
      Map.entry("1", "icmp"), Map.entry("2", "igmp"), Map.entry("3", "ggp"),
      Map.entry("4", "ipencap"), Map.entry("5", "st"), Map.entry("6", "tcp"),
      Map.entry("8", "egp"), Map.entry("9", "igp"), Map.entry("12", "pup"),
      Map.entry("17", "udp"), Map.entry("20", "hmp"), Map.entry("22", "xns-idp"),
      Map.entry("27", "rdp"), Map.entry("29", "iso-tp4"), Map.entry("33", "dccp"),
      Map.entry("36", "xtp"), Map.entry("37", "ddp"), Map.entry("38", "idpr-cmtp"),
      Map.entry("41", "ipv6"), Map.entry("43", "ipv6-route"), Map.entry("44", "ipv6-frag"),
      Map.entry("45", "idrp"), Map.entry("46", "rsvp"), Map.entry("47", "gre"),
      Map.entry("50", "esp"), Map.entry("51", "ah"), Map.entry("57", "skip"),
      Map.entry("58", "ipv6-icmp"), Map.entry("59", "ipv6-nonxt"), Map.entry("60", "ipv6-opts"),
      Map.entry("73", "rspf"), Map.entry("81", "vmtp"), Map.entry("88", "eigrp"),
      Map.entry("89", "ospf"), Map.entry("93", "ax.25"), Map.entry("94", "ipip"),
      Map.entry("97", "etherip"), Map.entry("98", "encap"), Map.entry("103", "pim"),
      Map.entry("108", "ipcomp"), Map.entry("112", "vrrp"), Map.entry("115", "l2tp"),
      Map.entry("124", "isis"), Map.entry("132", "sctp"), Map.entry("133", "fc"),
      Map.entry("135", "mobility-header"), Map.entry("136", "udplite"),
      Map.entry("137", "mpls-in-ip"), Map.entry("138", "manet"), Map.entry("139", "hip"),
      Map.entry("140", "shim6"), Map.entry("141", "wesp"), Map.entry("142", "rohc"));

  private Protocols() {}

  /** The name for {@code -p}, or null for "any protocol" (absent or 0: no {@code -p}). */
  static String iptablesName(String protocol) {
    if (protocol == null || protocol.isEmpty() || protocol.equals("0")) {
      return null;
    }
    return NAMES.getOrDefault(protocol, protocol);
  }
}
