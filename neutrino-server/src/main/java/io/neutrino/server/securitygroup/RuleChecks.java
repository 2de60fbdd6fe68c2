package io.neutrino.server.securitygroup;

import io.neutrino.lib.validate.Converter;
import io.neutrino.lib.validate.Converters;
import io.neutrino.server.ipam.Cidr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A security group rule's values made canonical and checked as Neutron's API converters and
 * SecurityGroupDbMixin._validate_security_group_rule do, in the same order and with the same
 * faults; and the key two rules share when they are duplicates (_rule_to_key).
 */
final class RuleChecks {
  private RuleChecks() {}

  /** neutron_lib IP_PROTOCOL_MAP, in its order. */
  static final Map<String, Integer> PROTOCOLS = new LinkedHashMap<>();

  static {
    Object[][] m = {
        {"ah", 51}, {"dccp", 33}, {"egp", 8}, {"esp", 50}, {"gre", 47}, {"hopopt", 0},
        {"icmp", 1}, {"igmp", 2}, {"ip", 0}, {"ipip", 4}, {"ipv6-encap", 41}, {"ipv6-frag", 44},
        {"ipv6-icmp", 58}, {"icmpv6", 58}, {"ipv6-nonxt", 59}, {"ipv6-opts", 60},
        {"ipv6-route", 43}, {"ospf", 89}, {"pgm", 113}, {"rsvp", 46}, {"sctp", 132},
        {"tcp", 6}, {"udp", 17}, {"udplite", 136}, {"vrrp", 112}};
    for (Object[] e : m) {
      PROTOCOLS.put((String) e[0], (Integer) e[1]);
    }
  }

  /** IP_PROTOCOL_NUM_TO_NAME_MAP: the last name of a number wins, icmpv6 excluded. */
  static final Map<String, String> NUM_TO_NAME = new LinkedHashMap<>();

  static {
    PROTOCOLS.forEach((name, num) -> {
      if (!name.equals("icmpv6")) {
        NUM_TO_NAME.put(Integer.toString(num), name);
      }
    });
  }

  private static final Set<Integer> PORT_PROTOCOLS = Set.of(33, 132, 6, 17, 136);
  private static final Set<String> IPV6_ONLY = Set.of("ipv6-encap", "ipv6-frag", "ipv6-icmp",
      "icmpv6", "ipv6-nonxt", "ipv6-opts", "ipv6-route", "41", "44", "58", "59", "60", "43");

  static String supportedProtocols() {
    List<String> all = new ArrayList<>();
    all.add("None");
    PROTOCOLS.keySet().forEach(p -> all.add("'" + p + "'"));
    return "[" + String.join(", ", all) + "]";
  }

  /** convert_protocol. */
  static String protocol(Object value) {
    if (value == null) {
      return null;
    }
    Long num = null;
    if (value instanceof Number n && !(value instanceof Double) && !(value instanceof Float)) {
      num = n.longValue();
    } else if (value instanceof String s) {
      try {
        num = Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        String lower = s.toLowerCase(Locale.ROOT);
        if (PROTOCOLS.containsKey(lower)) {
          return lower;
        }
      }
    }
    if (num != null && num >= 0 && num <= 255) {
      return value instanceof String s ? s : Long.toString(num);
    }
    throw SgFaults.badRequest("SecurityGroupRuleInvalidProtocol", "Security group rule protocol "
        + SgFaults.py(value) + " not supported. Only protocol values " + supportedProtocols()
        + " and integer representations [0 to 255] are supported.");
  }

  /** convert_ethertype_to_case_insensitive. */
  static String ethertype(Object value) {
    if (value instanceof String s) {
      for (String e : List.of("IPv4", "IPv6")) {
        if (e.equalsIgnoreCase(s)) {
          return e;
        }
      }
    }
    throw SgFaults.badRequest("SecurityGroupRuleInvalidEtherType", "Security group rule for "
        + "ethertype '" + SgFaults.py(value) + "' not supported. Allowed values are ['IPv4', 'IPv6'].");
  }

  /** convert_validate_port_value. */
  static Integer port(Object value) {
    if (value == null) {
      return null;
    }
    Long v = null;
    if (value instanceof Number n) {
      v = n.longValue();
    } else if (value instanceof Boolean b) {
      v = b ? 1L : 0L;
    } else if (value instanceof String s) {
      try {
        v = Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        v = null;
      }
    }
    if (v == null || v < 0 || v > 65535) {
      throw SgFaults.badRequest("SecurityGroupInvalidPortValue", "Invalid value for port "
          + SgFaults.py(value));
    }
    return v.intValue();
  }

  /** convert_ip_prefix_to_cidr: str(netaddr.IPNetwork(prefix)), host bits kept. */
  static String ipPrefix(Object value) {
    if (value == null || "".equals(value)) {
      return null;
    }
    try {
      return Converters.toCanonicalCidr(value);
    } catch (Converter.InvalidValue | IllegalArgumentException e) {
      throw SgFaults.badRequest("InvalidCIDR", "Invalid CIDR " + SgFaults.py(value)
          + " given as IP prefix.");
    }
  }

  /** The network of a prefix (security-groups-normalized-cidr). */
  static String normalizedCidr(String prefix) {
    return prefix == null ? null : Cidr.parse(prefix).toString();
  }

  /**
   * Converts the API values of a new rule and applies every check that needs no database:
   * canonical IPv6 ICMP names, the whole port range meaning none, port range per protocol,
   * prefix against ethertype, ethertype against protocol, and one remote at most.
   */
  static Map<String, Object> normalize(Map<String, Object> given) {
    Map<String, Object> r = new LinkedHashMap<>(given);
    r.put("protocol", protocol(given.get("protocol")));
    r.put("port_range_min", port(given.get("port_range_min")));
    r.put("port_range_max", port(given.get("port_range_max")));
    r.put("ethertype", given.containsKey("ethertype") ? ethertype(given.get("ethertype")) : "IPv4");
    r.put("remote_ip_prefix", ipPrefix(given.get("remote_ip_prefix")));
    Object remoteGroup = given.get("remote_group_id");
    r.put("remote_group_id", remoteGroup == null || "".equals(remoteGroup) ? null : remoteGroup.toString());
    Object remoteAg = given.get("remote_address_group_id");
    r.put("remote_address_group_id",
        remoteAg == null || "".equals(remoteAg) ? null : remoteAg.toString());
    // _make_canonical_ipv6_icmp_protocol
    if ("IPv6".equals(r.get("ethertype"))) {
      if ("icmp".equals(r.get("protocol")) || "icmpv6".equals(r.get("protocol"))) {
        r.put("protocol", "ipv6-icmp");
      } else if ("1".equals(r.get("protocol"))) {
        r.put("protocol", "58");
      }
    }
    // _make_canonical_port_range
    if (Objects.equals(r.get("port_range_min"), 1) && Objects.equals(r.get("port_range_max"), 65535)) {
      r.put("port_range_min", null);
      r.put("port_range_max", null);
    }
    checkPortRange((String) r.get("protocol"), (Integer) r.get("port_range_min"),
        (Integer) r.get("port_range_max"));
    String prefix = (String) r.get("remote_ip_prefix");
    if (prefix != null) {
      String version = prefix.indexOf(':') >= 0 ? "IPv6" : "IPv4";
      if (!version.equals(r.get("ethertype"))) {
        throw SgFaults.badRequest("SecurityGroupRuleParameterConflict", "Conflicting value ethertype "
            + r.get("ethertype") + " for CIDR " + SgFaults.py(given.get("remote_ip_prefix")));
      }
    }
    if (r.get("protocol") != null && IPV6_ONLY.contains(r.get("protocol"))
        && "IPv4".equals(r.get("ethertype"))) {
      throw SgFaults.badRequest("SecurityGroupEthertypeConflictWithProtocol", "Invalid ethertype "
          + r.get("ethertype") + " for protocol " + r.get("protocol") + ".");
    }
    int remotes = 0;
    for (String k : List.of("remote_ip_prefix", "remote_group_id", "remote_address_group_id")) {
      Object v = r.get(k);
      if (v != null && !"".equals(v)) {
        remotes++;
      }
    }
    if (remotes > 1) {
      throw SgFaults.badRequest("SecurityGroupMultipleRemoteEntites", "Only one of remote_ip_prefix "
          + "or remote_group_id or remote_address_group_id may be provided.");
    }
    r.put("normalized_cidr", normalizedCidr(prefix));
    return r;
  }

  /** _get_ip_proto_number. */
  static Integer protocolNumber(String protocol) {
    if (protocol == null) {
      return null;
    }
    String p = protocol.equals("icmpv6") ? "ipv6-icmp" : protocol;
    Integer n = PROTOCOLS.get(p);
    return n != null ? n : Integer.valueOf(p.trim());
  }

  /** _validate_port_range. */
  static void checkPortRange(String protocol, Integer min, Integer max) {
    if (min == null && max == null) {
      return;
    }
    if (protocol == null || protocol.isEmpty()) {
      throw SgFaults.badRequest("SecurityGroupProtocolRequiredWithPorts",
          "Must also specify protocol if port range is given.");
    }
    int proto = protocolNumber(protocol);
    if (PORT_PROTOCOLS.contains(proto)) {
      if (Objects.equals(min, 0) || Objects.equals(max, 0)) {
        throw SgFaults.badRequest("SecurityGroupInvalidPortValue", "Invalid value for port 0");
      }
      if (min == null || max == null || min > max) {
        throw SgFaults.badRequest("SecurityGroupInvalidPortRange",
            "For TCP/UDP protocols, port_range_min must be <= port_range_max");
      }
    } else if (proto == 1 || proto == 58) {
      checkIcmp("type", "port_range_min", min);
      checkIcmp("code", "port_range_max", max);
      if (min == null) {
        throw SgFaults.badRequest("SecurityGroupMissingIcmpType", "ICMP code (port-range-max) "
            + max + " is provided but ICMP type (port-range-min) is missing.");
      }
    } else {
      throw SgFaults.badRequest("SecurityGroupInvalidProtocolForPort", "Ports cannot be specified "
          + "for protocol " + proto + ". Ports are only supported for DCCP, SCTP, TCP, UDP, UDPLITE.");
    }
  }

  private static void checkIcmp(String field, String attr, Integer value) {
    if (value != null && (value < 0 || value > 255)) {
      throw SgFaults.badRequest("SecurityGroupInvalidIcmpValue", "Invalid value for ICMP " + field
          + " (" + attr + ") " + value + ". It must be 0 to 255.");
    }
  }

  /** _get_ip_proto_name_and_num as Python prints the list. */
  private static String protocolKey(String protocol, Object ethertype) {
    String p = protocol;
    if ("IPv6".equals(ethertype)) {
      if (p.equals("icmp") || p.equals("icmpv6")) {
        p = "ipv6-icmp";
      } else if (p.equals("1")) {
        p = "58";
      }
    }
    String name;
    String num;
    if (PROTOCOLS.containsKey(p)) {
      name = p;
      num = PROTOCOLS.get(p).toString();
    } else if (NUM_TO_NAME.containsKey(p)) {
      name = NUM_TO_NAME.get(p);
      num = p;
    } else {
      name = p;
      num = p;
    }
    return "['" + name + "', '" + num + "']";
  }

  /** _rule_to_key: rules with equal keys are duplicates. */
  static String key(Map<String, Object> rule) {
    List<String> parts = new ArrayList<>();
    for (String k : List.of("direction", "ethertype", "port_range_max", "port_range_min", "protocol",
        "remote_group_id", "remote_address_group_id", "remote_ip_prefix", "security_group_id")) {
      Object v = rule.get(k);
      if (k.equals("remote_ip_prefix")) {
        parts.add(v == null || v.equals("0.0.0.0/0") || v.equals("::/0") ? "+" : v.toString());
      } else if (v == null) {
        parts.add("+");
      } else if (k.equals("protocol")) {
        parts.add(protocolKey(v.toString(), rule.get("ethertype")));
      } else {
        parts.add(v.toString());
      }
    }
    return String.join("_", parts);
  }
}
