package io.neutrino.server.rpc;

import io.neutrino.server.ml2.Devices;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The server side of the agents' security-group RPC (securitygroups_rpc.py
 * SecurityGroupServerRpcCallback, version 1.3): for the devices an agent filters, their ports,
 * the rules of their groups and the member addresses of every remote group those rules name.
 */
public final class SecurityGroupRpc {
  /** Neutron's DIRECTION_IP_PREFIX: where a rule's remote prefix goes in the agent's view. */
  private static final Map<String, String> PREFIX_KEY =
      Map.of("ingress", "source_ip_prefix", "egress", "dest_ip_prefix");

  private final CoreReads reads;
  private final Devices devices;

  SecurityGroupRpc(CoreReads reads, Devices devices) {
    this.reads = reads;
    this.devices = devices;
  }

  /**
   * {@code security_group_info_for_devices}: {@code devices} (keyed by the names the agent gave),
   * {@code security_groups} (group id -> the agent's view of its rules) and {@code sg_member_ips}
   * (remote group id -> ethertype -> [[ip, mac], …]).
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> infoForDevices(List<String> deviceNames) {
    Map<String, String> portIds = devices.portIds(deviceNames);
    Map<String, Map<String, Object>> byDevice = new LinkedHashMap<>();
    Map<String, Map<String, Object>> ports = new LinkedHashMap<>();
    reads.where("ports", "id", portIds.values()).forEach(p -> ports.put((String) p.get("id"), p));
    Set<String> groups = new LinkedHashSet<>();
    for (Map.Entry<String, String> e : portIds.entrySet()) {
      Map<String, Object> port = ports.get(e.getValue());
      if (port == null) {
        continue;
      }
      Map<String, Object> view = new LinkedHashMap<>(port);
      List<String> sgs = port.get("security_groups") instanceof List<?> l ? (List<String>) l : List.of();
      groups.addAll(sgs);
      view.put("device", e.getKey());
      view.put("security_groups", sgs);
      view.put("security_group_source_groups", new ArrayList<>());
      view.put("security_group_remote_address_groups", new ArrayList<>());
      List<String> ips = new ArrayList<>();
      for (Map<String, Object> ip : (List<Map<String, Object>>) port.getOrDefault("fixed_ips", List.of())) {
        ips.add((String) ip.get("ip_address"));
      }
      view.put("fixed_ips", ips);
      view.put("security_group_rules", providerRules(ips));
      byDevice.put(e.getKey(), view);
    }
    Map<String, List<Map<String, Object>>> rulesByGroup = new LinkedHashMap<>();
    groups.forEach(g -> rulesByGroup.put(g, new ArrayList<>()));
    Map<String, Boolean> stateful = new LinkedHashMap<>();
    reads.where("security-groups", "id", groups)
        .forEach(g -> stateful.put((String) g.get("id"), !Boolean.FALSE.equals(g.get("stateful"))));
    Map<String, Set<String>> remoteEthertypes = new LinkedHashMap<>();
    for (Map<String, Object> rule : reads.where("security-group-rules", "security_group_id", groups)) {
      String group = (String) rule.get("security_group_id");
      String direction = (String) rule.get("direction");
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("direction", direction);
      r.put("ethertype", rule.get("ethertype"));
      r.put("stateful", stateful.getOrDefault(group, true));
      for (String key : List.of("protocol", "port_range_min", "port_range_max", "remote_group_id",
          "remote_address_group_id")) {
        if (rule.get(key) != null) {
          r.put(key, rule.get(key));
        }
      }
      Object prefix = rule.get("normalized_cidr") != null ? rule.get("normalized_cidr") : rule.get("remote_ip_prefix");
      if (prefix != null) {
        r.put(PREFIX_KEY.get(direction), prefix);
      }
      List<Map<String, Object>> list = rulesByGroup.computeIfAbsent(group, k -> new ArrayList<>());
      if (!list.contains(r)) {
        list.add(r);
      }
      String remote = (String) rule.get("remote_group_id");
      if (remote != null) {
        remoteEthertypes.computeIfAbsent(remote, k -> new LinkedHashSet<>()).add((String) rule.get("ethertype"));
        for (Map<String, Object> device : byDevice.values()) {
          List<String> sources = (List<String>) device.get("security_group_source_groups");
          if (((List<String>) device.get("security_groups")).contains(group) && !sources.contains(remote)) {
            sources.add(remote);
          }
        }
      }
    }
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("devices", byDevice);
    info.put("security_groups", rulesByGroup);
    info.put("sg_member_ips", memberIps(remoteEthertypes));
    return info;
  }

  /**
   * Every address (fixed IPs and allowed address pairs, with their MAC) of the ports in each
   * remote group, for the ethertypes its rules use.
   */
  @SuppressWarnings("unchecked")
  private Map<String, Object> memberIps(Map<String, Set<String>> remoteEthertypes) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (remoteEthertypes.isEmpty()) {
      return out;
    }
    Map<String, Map<String, Set<List<String>>>> members = new LinkedHashMap<>();
    remoteEthertypes.forEach((g, types) -> {
      Map<String, Set<List<String>>> m = new LinkedHashMap<>();
      types.forEach(t -> m.put(t, new LinkedHashSet<>()));
      members.put(g, m);
    });
    for (Map<String, Object> port : reads.where("ports", "security_groups", remoteEthertypes.keySet())) {
      String mac = (String) port.get("mac_address");
      List<List<String>> addresses = new ArrayList<>();
      for (Map<String, Object> ip : (List<Map<String, Object>>) port.getOrDefault("fixed_ips", List.of())) {
        addresses.add(List.of((String) ip.get("ip_address"), mac));
      }
      for (Map<String, Object> pair : (List<Map<String, Object>>) port.getOrDefault("allowed_address_pairs", List.of())) {
        addresses.add(List.of((String) pair.get("ip_address"),
            pair.get("mac_address") != null ? (String) pair.get("mac_address") : mac));
      }
      for (String g : (List<String>) port.getOrDefault("security_groups", List.of())) {
        Map<String, Set<List<String>>> byType = members.get(g);
        if (byType == null) {
          continue;
        }
        for (List<String> a : addresses) {
          Set<List<String>> set = byType.get(a.get(0).contains(":") ? "IPv6" : "IPv4");
          if (set != null) {
            set.add(a);
          }
        }
      }
    }
    members.forEach((g, byType) -> {
      Map<String, Object> lists = new LinkedHashMap<>();
      byType.forEach((t, set) -> lists.put(t, new ArrayList<>(set)));
      out.put(g, lists);
    });
    return out;
  }

  /**
   * The rules every port gets whatever its groups (_apply_provider_rule): DHCP replies to its own
   * addresses and broadcast, and IPv6 router advertisements when it has an IPv6 address.
   */
  static List<Map<String, Object>> providerRules(List<String> fixedIps) {
    List<Map<String, Object>> rules = new ArrayList<>();
    boolean v6 = fixedIps.stream().anyMatch(ip -> ip.contains(":"));
    if (v6) {
      Map<String, Object> ra = new LinkedHashMap<>();
      ra.put("direction", "ingress");
      ra.put("ethertype", "IPv6");
      ra.put("protocol", "ipv6-icmp");
      ra.put("source_port_range_min", 134);
      rules.add(ra);
    }
    for (int version : List.of(4, 6)) {
      List<String> dests = new ArrayList<>();
      for (String ip : fixedIps) {
        if (ip.contains(":") == (version == 6)) {
          dests.add(ip + (version == 4 ? "/32" : "/128"));
        }
      }
      dests.add(version == 4 ? "255.255.255.255/32" : "fe80::/64");
      for (String dest : dests) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("direction", "ingress");
        r.put("ethertype", version == 4 ? "IPv4" : "IPv6");
        r.put("protocol", "udp");
        r.put("port_range_min", version == 4 ? 68 : 546);
        r.put("port_range_max", version == 4 ? 68 : 546);
        r.put("source_port_range_min", version == 4 ? 67 : 547);
        r.put("source_port_range_max", version == 4 ? 67 : 547);
        r.put("dest_ip_prefix", dest);
        rules.add(r);
      }
    }
    return rules;
  }
}
