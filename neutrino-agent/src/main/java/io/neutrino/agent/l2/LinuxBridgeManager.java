package io.neutrino.agent.l2;

import io.neutrino.agent.linux.BridgeFdb;
import io.neutrino.agent.linux.DeviceNames;
import io.neutrino.agent.linux.HostExecutor;
import io.neutrino.agent.linux.IpAddr;
import io.neutrino.agent.linux.IpLink;
import io.neutrino.agent.linux.IpNeigh;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows bridges (neutron/plugins/ml2/drivers/linuxbridge/agent LinuxBridgeManager): the bridge
 * {@code brq<network[:11]>} of each network, its uplink (flat: the mapped interface; vlan:
 * {@code <iface>.<vlan>}; vxlan: {@code vxlan-<vni>}), TAP devices plugged into it, and the
 * VXLAN forwarding entries l2population sends.
 *
 * <p>Deliberate differences from Neutron: the agent plugs a TAP that is in no bridge whatever
 * its device owner (Neutron leaves compute ports to Nova/libvirt; plugging an unplugged one is
 * harmless and lets tests stand in for Nova with a veth), and deleting a network's bridge
 * detaches TAP devices instead of deleting them (they belong to whoever made them). IP addresses
 * on a flat/vlan interface are not moved onto the bridge.
 */
public final class LinuxBridgeManager {
  private static final Logger LOG = LoggerFactory.getLogger(LinuxBridgeManager.class);

  private final L2AgentConfig config;
  private final IpLink links;
  private final IpAddr addrs;
  private final BridgeFdb fdb;
  private final IpNeigh neigh;
  private final Optional<String> localInterface;

  public LinuxBridgeManager(HostExecutor host, L2AgentConfig config) {
    this.config = Objects.requireNonNull(config);
    this.links = new IpLink(host);
    this.addrs = new IpAddr(host);
    this.fdb = new BridgeFdb(host);
    this.neigh = new IpNeigh(host);
    for (var e : config.physicalInterfaceMappings().entrySet()) {
      if (!links.exists(e.getValue())) {
        throw new IllegalStateException("Interface " + e.getValue() + " for physical network "
            + e.getKey() + " does not exist. Agent terminated!");
      }
    }
    if (config.enableVxlan()) {
      String ip = config.localIp().orElseThrow();
      this.localInterface = Optional.of(addrs.deviceWith(ip).orElseThrow(() ->
          new IllegalStateException("No device has [vxlan] local_ip " + ip)));
    } else {
      this.localInterface = Optional.empty();
    }
  }

  /** TAP devices present now, by name, with their interface index (changes on re-creation). */
  public Map<String, Integer> tapDevices() {
    Map<String, Integer> taps = new LinkedHashMap<>();
    for (IpLink.Link l : links.list()) {
      if (DeviceNames.isTap(l.name())) {
        taps.put(l.name(), l.index());
      }
    }
    return taps;
  }

  /** Neutron's agent id: {@code lb} + the MAC of the first mapped bridge or device with one. */
  public String agentId() {
    List<IpLink.Link> all = links.list();
    for (String bridge : config.bridgeMappings().values()) {
      for (IpLink.Link l : all) {
        if (l.name().equals(bridge)) {
          return "lb" + l.address().replace(":", "");
        }
      }
    }
    for (IpLink.Link l : all) {
      if (!l.address().isEmpty() && !l.address().equals(BridgeFdb.FLOODING_MAC)) {
        return "lb" + l.address().replace(":", "");
      }
    }
    throw new IllegalStateException("Unable to obtain MAC address for unique ID. Agent terminated!");
  }

  /** The {@code configurations} of report_state. */
  public Map<String, Object> configurations() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("bridge_mappings", config.bridgeMappings());
    c.put("interface_mappings", config.physicalInterfaceMappings());
    if (config.enableVxlan()) {
      c.put("tunneling_ip", config.localIp().orElseThrow());
      c.put("tunnel_types", List.of("vxlan"));
      c.put("l2_population", config.l2Population());
    }
    return c;
  }

  /** The bridge a network's ports go into: a mapped existing bridge, else brq + network id. */
  public String bridgeFor(String networkId, String physicalNetwork) {
    String mapped = physicalNetwork == null ? null : config.bridgeMappings().get(physicalNetwork);
    return mapped != null ? mapped : DeviceNames.bridge(networkId);
  }

  /**
   * Makes the network's bridge and uplink and plugs the TAP in. False when the device is gone
   * or the segment cannot be served here (logged); a VLAN the kernel cannot make is an error.
   */
  public boolean plug(DeviceDetails d) {
    if (!links.exists(d.device())) {
      LOG.debug("Tap device {} does not exist on this host, skipped", d.device());
      return false;
    }
    String bridge = bridgeFor(d.networkId(), d.physicalNetwork());
    if (d.networkType().equals("local")) {
      ensureBridge(bridge, null);
    } else if (!ensurePhysicalInBridge(d.networkId(), d.segment())) {
      return false;
    }
    d.mtu().ifPresent(mtu -> links.setMtu(d.device(), mtu));
    IpLink.Link tap = links.show(d.device()).orElse(null);
    if (tap != null && tap.master().isEmpty()) {
      LOG.debug("Adding device {} to bridge {}", d.device(), bridge);
      links.setMaster(d.device(), bridge);
    }
    return tap != null;
  }

  public void setAdminState(String device, boolean up) {
    if (up) {
      links.setUp(device);
    } else {
      links.setDown(device);
    }
  }

  private boolean ensurePhysicalInBridge(String networkId, DeviceDetails.Segment s) {
    if (s.networkType().equals("vxlan")) {
      if (!config.enableVxlan()) {
        LOG.error("Unable to add vxlan interface for network {}: [vxlan] enable_vxlan is false",
            networkId);
        return false;
      }
      String vxlan = ensureVxlan(s.segmentationId().orElseThrow(), s.mtu());
      ensureBridge(DeviceNames.bridge(networkId), vxlan);
      return true;
    }
    String physBridge = s.physicalNetwork() == null ? null
        : config.bridgeMappings().get(s.physicalNetwork());
    String iface = s.physicalNetwork() == null ? null
        : config.physicalInterfaceMappings().get(s.physicalNetwork());
    if (physBridge == null && iface == null) {
      LOG.error("No bridge or interface mappings for physical network {}", s.physicalNetwork());
      return false;
    }
    switch (s.networkType()) {
      case "flat" -> {
        if (physBridge != null) {
          ensureBridge(physBridge, null);
        } else {
          ensureBridge(DeviceNames.bridge(networkId), iface);
        }
        return true;
      }
      case "vlan" -> {
        if (physBridge != null) {
          ensureBridge(physBridge, null);
        } else {
          ensureBridge(DeviceNames.bridge(networkId),
              ensureVlan(iface, s.segmentationId().orElseThrow()));
        }
        return true;
      }
      default -> {
        LOG.error("Unknown network_type {} for network {}", s.networkType(), networkId);
        return false;
      }
    }
  }

  /** Creates the bridge (up) unless it exists, and makes {@code uplink} one of its ports. */
  public void ensureBridge(String bridge, String uplink) {
    Optional<IpLink.Link> b = links.show(bridge);
    if (b.isEmpty()) {
      LOG.debug("Starting bridge {} for subinterface {}", bridge, uplink);
      links.addBridge(bridge);
      links.setUp(bridge);
    } else if (!b.get().up()) {
      links.setUp(bridge);
    }
    if (uplink == null) {
      return;
    }
    IpLink.Link u = links.show(uplink).orElseThrow(() ->
        new IllegalStateException("Uplink " + uplink + " of bridge " + bridge + " is missing"));
    if (!u.master().equals(Optional.of(bridge))) {
      if (u.master().isPresent()) {
        links.setNoMaster(uplink);
      }
      links.setMaster(uplink, bridge);
    }
    if (!u.up()) {
      links.setUp(uplink);
    }
  }

  String ensureVxlan(int vni, Optional<Integer> mtu) {
    String name = DeviceNames.vxlan(vni);
    if (!links.exists(name)) {
      LOG.debug("Creating vxlan interface {} for VNI {}", name, vni);
      boolean unicast = config.l2Population();
      links.addVxlan(name, new IpLink.Vxlan(vni, config.localIp(),
          unicast ? Optional.empty() : config.vxlanGroup(), config.vxlanUdpPort(), localInterface,
          config.vxlanTtl(), unicast && config.arpResponder()));
      mtu.ifPresent(m -> links.setMtu(name, m));
      links.setUp(name);
    }
    return name;
  }

  String ensureVlan(String iface, int vlan) {
    String name = DeviceNames.vlanSubinterface(iface, vlan);
    if (!links.exists(name)) {
      LOG.debug("Creating subinterface {} for VLAN {} on interface {}", name, vlan, iface);
      links.addVlan(name, iface, vlan);
      links.setUp(name);
    }
    return name;
  }

  /**
   * Deletes a bridge: VXLAN devices and VLAN subinterfaces on it are deleted, mapped physical
   * interfaces and TAP devices are only detached.
   */
  public void deleteBridge(String bridge) {
    deleteBridge(links, bridge, new HashSet<>(config.physicalInterfaceMappings().values()));
  }

  static void deleteBridge(IpLink links, String bridge, Set<String> physicalInterfaces) {
    if (!links.exists(bridge)) {
      LOG.debug("Cannot delete bridge {}; it does not exist", bridge);
      return;
    }
    for (IpLink.Link port : links.ports(bridge)) {
      boolean ours = port.name().startsWith(DeviceNames.VXLAN_PREFIX)
          || (port.kind().equals("vlan") && !physicalInterfaces.contains(port.name()));
      if (ours) {
        LOG.debug("Deleting interface {}", port.name());
        links.delete(port.name());
      } else {
        links.setNoMaster(port.name());
      }
    }
    LOG.debug("Deleting bridge {}", bridge);
    links.setDown(bridge);
    links.delete(bridge);
  }

  /** Deletes the network's bridge if no TAP device is left on it (and it is not a mapped one). */
  public boolean deleteBridgeIfUnused(String bridge) {
    if (config.bridgeMappings().containsValue(bridge) || !links.exists(bridge)) {
      return false;
    }
    boolean used = links.ports(bridge).stream().anyMatch(l -> DeviceNames.isTap(l.name()));
    if (!used) {
      deleteBridge(bridge);
    }
    return !used;
  }

  /** Removes a TAP from its bridge (binding deactivated, port deleted). */
  public void detach(String device) {
    links.show(device).filter(l -> l.master().isPresent()).ifPresent(l ->
        links.setNoMaster(device));
  }

  /** l2population: forwarding entries for {@code [mac, ip]} ports behind a remote VTEP. */
  public void addFdbEntries(String agentIp, List<List<String>> ports, String vxlan) {
    for (List<String> port : ports) {
      String mac = port.get(0);
      if (!mac.equals(BridgeFdb.FLOODING_MAC)) {
        if (config.arpResponder()) {
          neigh.replace(port.get(1), mac, vxlan);
        }
        fdb.replace(mac, vxlan, agentIp);
      } else if (config.l2Population()) {
        boolean present = fdb.show(vxlan).stream().anyMatch(e -> e.mac().equals(mac)
            && e.dst().equals(Optional.of(agentIp)));
        if (!present) {
          fdb.append(mac, vxlan, agentIp);
        }
      }
    }
  }

  public void removeFdbEntries(String agentIp, List<List<String>> ports, String vxlan) {
    for (List<String> port : ports) {
      boolean flooding = port.get(0).equals(BridgeFdb.FLOODING_MAC);
      if (!flooding && config.arpResponder()) {
        neigh.delete(port.get(1), port.get(0), vxlan);
      }
      if (!flooding || config.l2Population()) {
        fdb.delete(port.get(0), vxlan, agentIp);
      }
    }
  }

  /** l2population chg_ip: the ARP responder's entries follow a port's new addresses. */
  public void changeIpEntries(List<List<String>> before, List<List<String>> after, String vxlan) {
    if (!config.arpResponder()) {
      return; // without the ARP responder the kernel learns addresses by itself
    }
    for (List<String> p : after) {
      neigh.replace(p.get(1), p.get(0), vxlan);
    }
    for (List<String> p : before) {
      neigh.delete(p.get(1), p.get(0), vxlan);
    }
  }

  public boolean exists(String device) {
    return links.exists(device);
  }

  public Optional<String> localIp() {
    return config.localIp();
  }
}
