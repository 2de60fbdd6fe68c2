package io.neutrino.agent.l2.firewall;

import io.neutrino.agent.linux.Conntrack;
import io.neutrino.agent.linux.HostExecutor;
import io.neutrino.agent.linux.Iptables;
import io.neutrino.agent.linux.Iptables.Family;
import io.neutrino.agent.linux.Ipset;
import io.neutrino.agent.linux.Sysctl;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code firewall_driver = iptables}: puts {@link IptablesFirewallRules} on the host. Each apply
 * updates the ipsets first (new rules may refer to them), then rewrites Neutrino's chains of
 * each table in one {@code iptables-restore} (atomic), then destroys ipsets no rule refers to any
 * more and deletes the tracked connections of addresses that left a remote group, so an
 * established flow from a removed member stops too.
 */
public final class IptablesFirewallDriver implements FirewallDriver {
  private static final Logger LOG = LoggerFactory.getLogger(IptablesFirewallDriver.class);
  private static final List<String> TABLES = List.of("filter", "raw");

  private final IptablesFirewallRules generator;
  private final Map<Family, Iptables> iptables = new EnumMap<>(Family.class);
  private final Ipset ipset;
  private final Conntrack conntrack;
  private final ConntrackZones zones;
  private Map<Family, List<Iptables.Table>> appliedTables = Map.of();
  private Map<String, IptablesFirewallRules.IpsetSpec> appliedSets = Map.of();

  public IptablesFirewallDriver(HostExecutor host, boolean enableIpset) {
    Objects.requireNonNull(host);
    this.generator = new IptablesFirewallRules(enableIpset);
    Sysctl sysctl = new Sysctl(host);
    iptables.put(Family.IPV4, new Iptables(host, Family.IPV4));
    if (sysctl.get("net.ipv6.conf.all.disable_ipv6") != null) {
      iptables.put(Family.IPV6, new Iptables(host, Family.IPV6));
    }
    this.ipset = new Ipset(host);
    this.conntrack = new Conntrack(host);
    this.zones = ConntrackZones.fromRawSave(iptables.get(Family.IPV4).save("raw"));
    checkBridgeNetfilter(sysctl);
  }

  // As Neutron: without br_netfilter and its sysctls, bridged traffic never meets iptables.
  private static void checkBridgeNetfilter(Sysctl sysctl) {
    for (String proto : List.of("arp", "ip", "ip6")) {
      String key = "net.bridge.bridge-nf-call-" + proto + "tables";
      String value = sysctl.get(key);
      if (value == null) {
        LOG.warn("Kernel module br_netfilter is not loaded: security groups will not filter "
            + "bridged traffic");
        return;
      }
      if (!value.equals("1")) {
        LOG.warn("Key {} is disabled: please enable it for working security groups", key);
      }
    }
  }

  @Override
  public synchronized void apply(FirewallState state) {
    Set<String> networks = new HashSet<>();
    state.ports().values().forEach(p -> networks.add(String.valueOf(p.get("network_id"))));
    zones.retain(networks);
    IptablesFirewallRules.Rules rules = generator.render(state, zones::zoneOf);
    Map<String, Set<String>> removedMembers = new LinkedHashMap<>();
    rules.ipsets().forEach((name, spec) -> {
      IptablesFirewallRules.IpsetSpec before = appliedSets.get(name);
      if (!spec.equals(before)) {
        ipset.replaceMembers(name, spec.family(), spec.members());
        if (before != null) {
          Set<String> gone = new HashSet<>(before.members());
          gone.removeAll(spec.members());
          removedMembers.put(name, gone);
        }
      }
    });
    if (!rules.tables().equals(appliedTables)) {
      rules.tables().forEach((family, tables) -> {
        Iptables ipt = iptables.get(family);
        if (ipt != null) {
          ipt.apply(IptablesFirewallRules.PREFIX, tables);
        }
      });
      appliedTables = rules.tables();
    }
    for (String name : appliedSets.keySet()) {
      if (!rules.ipsets().containsKey(name)) {
        ipset.destroy(name);
      }
    }
    appliedSets = rules.ipsets();
    forgetConnections(state, removedMembers);
  }

  // Connections, in the zones of the filtered ports, of addresses that left a remote group.
  private void forgetConnections(FirewallState state, Map<String, Set<String>> removedMembers) {
    Set<Integer> zonesInUse = new TreeSet<>();
    for (Map<String, Object> port : state.ports().values()) {
      if (FirewallState.filtered(port)) {
        zonesInUse.add(zones.zoneOf(String.valueOf(port.get("network_id"))));
      }
    }
    removedMembers.forEach((set, ips) -> {
      String family = set.startsWith("NIPv6") ? "ipv6" : "ipv4";
      for (int zone : zonesInUse) {
        for (String ip : ips) {
          String remote = ip.contains("/") ? ip.substring(0, ip.indexOf('/')) : ip;
          conntrack.delete(zone, family, remote, null);
          conntrack.delete(zone, family, null, remote);
        }
      }
    });
  }

  @Override
  public synchronized void removeAll() {
    iptables.values().forEach(ipt -> ipt.removeAll(IptablesFirewallRules.PREFIX, TABLES));
    appliedSets.keySet().forEach(ipset::destroy);
    appliedSets = Map.of();
    appliedTables = Map.of();
  }
}
