package io.neutrino.agent.l2;

import io.neutrino.agent.l2.firewall.IptablesFirewallRules;
import io.neutrino.agent.linux.DeviceNames;
import io.neutrino.agent.linux.HostExecutor;
import io.neutrino.agent.linux.IpLink;
import io.neutrino.agent.linux.Iptables;
import io.neutrino.agent.linux.Ipset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code neutrino linuxbridge-cleanup} (neutron/cmd/linuxbridge_cleanup.py): deletes the
 * {@code brq*} bridges no TAP device uses any more, with their {@code vxlan-*} and VLAN uplinks,
 * and {@code vxlan-*} devices left in no bridge. Bridges named in {@code bridge_mappings} are
 * the deployer's and stay. With {@code force}, every {@code brq*} bridge and {@code vxlan-*}
 * device goes whatever is plugged in, and so do the agent's iptables chains
 * ({@code neutron-linuxbri-*}) and remote group ipsets ({@code NIPv4*}/{@code NIPv6*}).
 * Do not run it while instances are being created: it may delete a bridge Nova is about to use.
 */
public final class LinuxBridgeCleanup {
  private static final Logger LOG = LoggerFactory.getLogger(LinuxBridgeCleanup.class);

  private final HostExecutor host;
  private final Set<String> mappedBridges;
  private final Set<String> physicalInterfaces;

  public LinuxBridgeCleanup(HostExecutor host, L2AgentConfig config) {
    this.host = Objects.requireNonNull(host);
    this.mappedBridges = Set.copyOf(config.bridgeMappings().values());
    this.physicalInterfaces = Set.copyOf(config.physicalInterfaceMappings().values());
  }

  /** Removes what is unused (or, with {@code force}, all of it); returns the devices deleted. */
  public List<String> run(boolean force) {
    IpLink links = new IpLink(host);
    List<String> deleted = new ArrayList<>();
    for (IpLink.Link l : links.list()) {
      if (!l.kind().equals("bridge") || !l.name().startsWith(DeviceNames.BRIDGE_PREFIX)
          || mappedBridges.contains(l.name())) {
        continue;
      }
      List<IpLink.Link> ports = links.ports(l.name());
      if (!force && ports.stream().anyMatch(p -> DeviceNames.isTap(p.name()))) {
        continue;
      }
      for (IpLink.Link p : ports) {
        if (p.name().startsWith(DeviceNames.VXLAN_PREFIX)
            || (p.kind().equals("vlan") && !physicalInterfaces.contains(p.name()))) {
          deleted.add(p.name());
        }
      }
      LinuxBridgeManager.deleteBridge(links, l.name(), new HashSet<>(physicalInterfaces));
      deleted.add(l.name());
      LOG.info("Linux bridge {} deleted", l.name());
    }
    for (IpLink.Link l : links.list()) {
      if (l.kind().equals("vxlan") && l.name().startsWith(DeviceNames.VXLAN_PREFIX)
          && (force || l.master().isEmpty())) {
        links.delete(l.name());
        deleted.add(l.name());
        LOG.info("VXLAN device {} deleted", l.name());
      }
    }
    if (force) {
      removeFirewall();
    }
    LOG.info("Linux bridge cleanup completed successfully");
    return deleted;
  }

  private void removeFirewall() {
    for (Iptables.Family f : Iptables.Family.values()) {
      Iptables ipt = new Iptables(host, f);
      if (f == Iptables.Family.IPV6 && !host.tryRun(List.of("ip6tables-save"), null).ok()) {
        continue;
      }
      ipt.removeAll(IptablesFirewallRules.PREFIX, List.of("filter", "raw"));
    }
    Ipset ipset = new Ipset(host);
    for (String name : ipset.listNames()) {
      if (name.startsWith("NIPv4") || name.startsWith("NIPv6")) {
        ipset.destroy(name);
      }
    }
  }
}
