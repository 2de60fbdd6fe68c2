package io.neutrino.agent.l2.firewall;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the firewall enforces, in the shapes of Neutron's {@code security_group_info_for_devices}
 * reply: {@code ports} by device name (each a port dict: {@code device}, {@code network_id},
 * {@code mac_address}, {@code fixed_ips} as address strings, {@code allowed_address_pairs},
 * {@code security_groups}, {@code security_group_rules} (the server's provider rules),
 * {@code port_security_enabled}, {@code device_owner}), {@code securityGroups} (sg id to its
 * rules) and {@code memberIps} (sg id to ethertype to {@code [ip, mac]} pairs). {@code trusted}
 * are devices the server left out of the reply because it trusts them (network:* owners).
 */
public record FirewallState(Map<String, Map<String, Object>> ports,
    Map<String, List<Map<String, Object>>> securityGroups,
    Map<String, Map<String, List<String>>> memberIps, Set<String> trusted) {

  public FirewallState {
    ports = new TreeMap<>(ports);
    securityGroups = Map.copyOf(securityGroups);
    memberIps = Map.copyOf(memberIps);
    trusted = new java.util.TreeSet<>(trusted);
  }

  public static FirewallState empty() {
    return new FirewallState(Map.of(), Map.of(), Map.of(), Set.of());
  }

  /** Whether Neutron would filter the port ({@code port_security_enabled}, default true). */
  public static boolean filtered(Map<String, Object> port) {
    return !Boolean.FALSE.equals(port.get("port_security_enabled"));
  }

  @SuppressWarnings("unchecked")
  static List<String> strings(Object o) {
    if (o == null) {
      return List.of();
    }
    return ((Collection<Object>) o).stream().map(String::valueOf).toList();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> maps(Object o) {
    return o == null ? List.of() : List.copyOf((Collection<Map<String, Object>>) o);
  }

  /**
   * Member IPs of the payload ({@code [[ip, mac], ...]} or plain ip strings) by sg id and
   * ethertype, as the ipsets hold them.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Map<String, List<String>>> memberIpsFrom(Map<String, Object> sgMemberIps) {
    Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
    sgMemberIps.forEach((sg, byType) -> {
      Map<String, List<String>> types = new LinkedHashMap<>();
      ((Map<String, Object>) byType).forEach((ethertype, members) -> {
        Set<String> ips = new LinkedHashSet<>();
        for (Object m : (Collection<Object>) members) {
          ips.add(m instanceof List<?> pair ? String.valueOf(pair.get(0)) : String.valueOf(m));
        }
        types.put(ethertype, List.copyOf(ips));
      });
      out.put(sg, types);
    });
    return out;
  }
}
