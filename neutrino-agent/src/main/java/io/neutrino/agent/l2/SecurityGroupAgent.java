package io.neutrino.agent.l2;

import io.neutrino.agent.l2.firewall.FirewallDriver;
import io.neutrino.agent.l2.firewall.FirewallState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent side of security groups (neutron/agent/securitygroups_rpc.py SecurityGroupAgentRpc,
 * "enhanced RPC" with deferred refresh): keeps what {@code security_group_info_for_devices}
 * said about the ports of this host, marks ports for refresh when a group's rules or members
 * change, and hands the whole state to the firewall driver after each change.
 */
public final class SecurityGroupAgent {
  private final L2PluginApi plugin;
  private final FirewallDriver driver;
  private final Map<String, Map<String, Object>> ports = new LinkedHashMap<>();
  private final Map<String, List<Map<String, Object>>> groups = new LinkedHashMap<>();
  private final Map<String, Map<String, List<String>>> members = new LinkedHashMap<>();
  private final Set<String> trusted = new TreeSet<>();
  private final Set<String> toRefilter = ConcurrentHashMap.newKeySet();

  public SecurityGroupAgent(L2PluginApi plugin, FirewallDriver driver) {
    this.plugin = Objects.requireNonNull(plugin);
    this.driver = Objects.requireNonNull(driver);
  }

  /** Filters for new and updated devices, and for those a group change marked. */
  public synchronized void setupPortFilters(Set<String> added, Set<String> updated) {
    Set<String> devices = new TreeSet<>(added);
    devices.addAll(updated);
    Set<String> refilter = new HashSet<>(toRefilter);
    toRefilter.removeAll(refilter);
    refilter.retainAll(ports.keySet());
    devices.addAll(refilter);
    if (devices.isEmpty()) {
      return;
    }
    fetch(devices);
    driver.apply(state());
  }

  public synchronized void removeDevicesFilter(Collection<String> devices) {
    boolean known = false;
    for (String d : devices) {
      known |= ports.remove(d) != null;
      known |= trusted.remove(d);
    }
    if (known) {
      prune();
      driver.apply(state());
    }
  }

  /** Whether a group change left ports to refresh (the loop then runs even with no new device). */
  public boolean refreshNeeded() {
    return !toRefilter.isEmpty();
  }

  /** Cast {@code security_groups_rule_updated}: ports in these groups get refreshed. */
  public synchronized void securityGroupsRuleUpdated(Collection<String> securityGroups) {
    mark(securityGroups, "security_groups");
  }

  /** Cast {@code security_groups_member_updated}: ports whose rules name these groups as remote. */
  public synchronized void securityGroupsMemberUpdated(Collection<String> securityGroups) {
    mark(securityGroups, "security_group_source_groups");
  }

  /** The state the driver last got (for reports and tests). */
  public synchronized FirewallState state() {
    return new FirewallState(ports, groups, members, trusted);
  }

  private void mark(Collection<String> securityGroups, String attribute) {
    Set<String> ids = new HashSet<>(securityGroups);
    ports.forEach((device, port) -> {
      for (Object sg : port.get(attribute) instanceof Collection<?> c ? c : List.of()) {
        if (ids.contains(String.valueOf(sg))) {
          toRefilter.add(device);
        }
      }
    });
  }

  @SuppressWarnings("unchecked")
  private void fetch(Set<String> devices) {
    Map<String, Object> info = plugin.securityGroupInfoForDevices(new ArrayList<>(devices));
    Set<String> returned = new HashSet<>();
    ((Map<String, Map<String, Object>>) info.getOrDefault("devices", Map.of())).values()
        .forEach(port -> {
          String device = String.valueOf(port.get("device"));
          returned.add(device);
          ports.put(device, Map.copyOf(withoutNulls(port)));
          trusted.remove(device);
        });
    // The server leaves out the ports it trusts (network:* owners): they are let through.
    for (String d : devices) {
      if (!returned.contains(d)) {
        ports.remove(d);
        trusted.add(d);
      }
    }
    groups.putAll((Map<String, List<Map<String, Object>>>) info.getOrDefault("security_groups",
        Map.of()));
    members.putAll(FirewallState.memberIpsFrom(
        (Map<String, Object>) info.getOrDefault("sg_member_ips", Map.of())));
    prune();
  }

  private static Map<String, Object> withoutNulls(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> {
      if (v != null) {
        out.put(k, v);
      }
    });
    return out;
  }

  // Groups no port uses and member lists no rule refers to are dropped.
  private void prune() {
    Set<String> used = new HashSet<>();
    ports.values().forEach(p -> {
      if (p.get("security_groups") instanceof Collection<?> c) {
        c.forEach(sg -> used.add(String.valueOf(sg)));
      }
    });
    groups.keySet().retainAll(used);
    Set<String> remote = new HashSet<>();
    groups.values().forEach(rules -> rules.forEach(r -> {
      if (r.get("remote_group_id") != null) {
        remote.add(String.valueOf(r.get("remote_group_id")));
      }
    }));
    members.keySet().retainAll(remote);
  }
}
