package io.neutrino.agent.dhcp;

import io.neutrino.agent.dhcp.DhcpNetwork.FixedIp;
import io.neutrino.agent.dhcp.DhcpNetwork.Port;
import io.neutrino.agent.dhcp.DhcpNetwork.Subnet;
import io.neutrino.agent.linux.BridgeInterfaceDriver;
import io.neutrino.agent.linux.HostCommandException;
import io.neutrino.agent.linux.HostExecutor;
import io.neutrino.agent.linux.IpCommand;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DHCP port of a network on this host (neutron/agent/linux/dhcp.py DeviceManager): gets the
 * port from the server (the existing one of this agent, a reserved one, or a new one), plugs
 * {@code ns-<port>} into {@code qdhcp-<network>} with the port's IPs, MAC and the network's MTU,
 * sets the namespace's default route, and removes it all again.
 */
public final class DhcpDeviceManager {
  private static final Logger LOG = LoggerFactory.getLogger(DhcpDeviceManager.class);
  static final String DEV_NAME_PREFIX = "ns-";
  /** neutron_lib.constants.DEVICE_ID_RESERVED_DHCP_PORT. */
  static final String DEVICE_ID_RESERVED_DHCP_PORT = "reserved_dhcp_port";
  /** uuid.NAMESPACE_DNS. */
  private static final UUID NAMESPACE_DNS = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

  private final DhcpAgentConfig conf;
  private final DhcpPluginApi plugin;
  private final BridgeInterfaceDriver driver;
  private final IpCommand rootIp;

  /** {@code root}: an executor in the root mount namespace, where named namespaces are made. */
  public DhcpDeviceManager(DhcpAgentConfig conf, DhcpPluginApi plugin,
      BridgeInterfaceDriver driver, HostExecutor root) {
    this.conf = Objects.requireNonNull(conf);
    this.plugin = Objects.requireNonNull(plugin);
    this.driver = Objects.requireNonNull(driver);
    this.rootIp = new IpCommand(root);
  }

  public static String interfaceName(String portId) {
    return BridgeInterfaceDriver.deviceName(DEV_NAME_PREFIX, portId);
  }

  /** {@code dhcp<uuid5(DNS, short host name)>-<network id>} (neutron/common/utils.py). */
  public static String deviceId(String networkId, String host) {
    return "dhcp" + uuid5(NAMESPACE_DNS, host.split("\\.")[0]) + "-" + networkId;
  }

  public String deviceId(String networkId) {
    return deviceId(networkId, conf.host());
  }

  static UUID uuid5(UUID namespace, String name) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      ByteBuffer ns = ByteBuffer.allocate(16);
      ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
      sha1.update(ns.array());
      byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
      hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
      hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
      ByteBuffer b = ByteBuffer.wrap(hash, 0, 16);
      return new UUID(b.getLong(), b.getLong());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }

  /** Finds, adopts or creates this agent's DHCP port with an IP on every DHCP-enabled subnet. */
  Port setupDhcpPort(DhcpNetwork network) {
    String deviceId = deviceId(network.id());
    Set<String> dhcpSubnets = new HashSet<>();
    network.subnets().stream().filter(Subnet::enableDhcp).forEach(s -> dhcpSubnets.add(s.id()));

    Optional<Port> existing = network.ports().stream()
        .filter(p -> deviceId.equals(p.deviceId())).findFirst();
    if (existing.isPresent()) {
      Port port = existing.get();
      Set<String> portSubnets = new HashSet<>();
      port.fixedIps().forEach(f -> portSubnets.add(f.subnetId()));
      if (portSubnets.equals(dhcpSubnets)) {
        return port;
      }
      // Keep the addresses on subnets still served; ask for one on each new subnet.
      List<Map<String, Object>> wanted = new ArrayList<>();
      for (FixedIp f : port.fixedIps()) {
        if (dhcpSubnets.contains(f.subnetId())) {
          wanted.add(Map.of("subnet_id", f.subnetId(), "ip_address", f.ipAddress()));
        }
      }
      dhcpSubnets.stream().filter(s -> !portSubnets.contains(s)).sorted()
          .forEach(s -> wanted.add(Map.of("subnet_id", s)));
      return Port.fromMap(plugin.updateDhcpPort(port.id(),
          Map.of("port", Map.of("network_id", network.id(), "fixed_ips", wanted))));
    }
    for (Port port : network.ports()) {
      if (DEVICE_ID_RESERVED_DHCP_PORT.equals(port.deviceId())) {
        LOG.debug("Adopting reserved DHCP port {} on network {}", port.id(), network.id());
        return Port.fromMap(plugin.updateDhcpPort(port.id(),
            Map.of("port", Map.of("network_id", network.id(), "device_id", deviceId))));
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", "");
    body.put("admin_state_up", true);
    body.put("device_id", deviceId);
    body.put("network_id", network.id());
    body.put("project_id", network.projectId());
    body.put("fixed_ips", dhcpSubnets.stream().sorted().map(s -> Map.of("subnet_id", s)).toList());
    return Port.fromMap(plugin.createDhcpPort(Map.of("port", body)));
  }

  /**
   * Creates or refreshes the namespace and its DHCP device; returns the network with the DHCP port
   * in its ports (for dnsmasq's files) and the device name.
   */
  Setup setup(DhcpNetwork network) {
    Port port;
    try {
      port = setupDhcpPort(network);
    } catch (RuntimeException e) {
      cleanupStaleDevices(network, null);
      throw e;
    }
    DhcpNetwork withPort = network.withPort(port);
    String device = interfaceName(port.id());
    String ns = network.namespace();
    rootIp.ensureNamespace(ns);
    HostExecutor inNs = HostExecutor.inNamespace(ns);
    // The device's IPv6 addresses are the port's; router advertisements must not add others.
    inNs.run("sysctl", "-w", "net.ipv6.conf.default.accept_ra=0");
    try {
      driver.plug(network.id(), port.id(), device, port.macAddress(), ns, network.mtu());
    } catch (RuntimeException e) {
      LOG.error("Unable to plug DHCP port for network {}; releasing the port", network.id(), e);
      driver.unplug(device, ns);
      plugin.releaseDhcpPort(network.id(), port.deviceId());
      throw e;
    }
    fillDhcpUdpChecksums(inNs);
    List<String> cidrs = new ArrayList<>();
    for (FixedIp f : port.fixedIps()) {
      network.subnet(f.subnetId()).filter(Subnet::enableDhcp)
          .ifPresent(s -> cidrs.add(f.ipAddress() + "/" + s.prefixLength()));
    }
    IpCommand nsIp = new IpCommand(inNs);
    nsIp.syncAddresses(device, cidrs);
    setDefaultRoute(network, nsIp, device);
    cleanupStaleDevices(network, device);
    return new Setup(withPort, device);
  }

  record Setup(DhcpNetwork network, String interfaceName) {}

  /** Points the namespace's default route at the first DHCP subnet's gateway, per IP version. */
  void setDefaultRoute(DhcpNetwork network, IpCommand nsIp, String device) {
    for (int version : new int[] {4, 6}) {
      Optional<String> current = nsIp.defaultGateway(version);
      Optional<Subnet> subnet = network.subnets().stream()
          .filter(s -> s.ipVersion() == version && s.enableDhcp() && s.gatewayIp() != null)
          .findFirst();
      if (subnet.isPresent()) {
        String gateway = subnet.get().gatewayIp();
        if (!current.equals(Optional.of(gateway))) {
          try {
            nsIp.replaceRoute("default", gateway);
          } catch (HostCommandException e) {
            // A gateway outside the subnet needs an on-link route first.
            nsIp.replaceOnLinkRoute(gateway, device);
            nsIp.replaceRoute("default", gateway);
          }
        }
      } else if (current.isPresent()) {
        nsIp.deleteDefaultRoute(version);
      }
    }
  }

  /**
   * Veths do not compute UDP checksums of locally sent packets; clients that check them (busybox
   * udhcpc among them) would drop dnsmasq's replies. Neutron fills them the same way.
   */
  private static void fillDhcpUdpChecksums(HostExecutor inNs) {
    String rule = "-p udp -m udp --dport 68 -j CHECKSUM --checksum-fill";
    List<String> check = new ArrayList<>(List.of("iptables", "-t", "mangle", "-C", "POSTROUTING"));
    check.addAll(List.of(rule.split(" ")));
    if (!inNs.tryRun(check, null).ok()) {
      List<String> add = new ArrayList<>(List.of("iptables", "-t", "mangle", "-A", "POSTROUTING"));
      add.addAll(List.of(rule.split(" ")));
      inNs.run(add, null);
    }
  }

  private void cleanupStaleDevices(DhcpNetwork network, String keep) {
    String ns = network.namespace();
    if (!rootIp.namespaceExists(ns)) {
      return;
    }
    for (String device : new IpCommand(HostExecutor.inNamespace(ns)).devices()) {
      if (!device.equals(keep)) {
        LOG.debug("Deleting stale device {} in {}", device, ns);
        try {
          driver.unplug(device, ns);
        } catch (HostCommandException e) {
          LOG.warn("Could not delete stale device {} in {}: {}", device, ns, e.getMessage());
        }
      }
    }
  }

  /** Unplugs the device, deletes the namespace and releases the port at the server. */
  void destroy(DhcpNetwork network, String interfaceName) {
    String ns = network.namespace();
    if (interfaceName != null && rootIp.namespaceExists(ns)) {
      driver.unplug(interfaceName, ns);
    }
    rootIp.deleteNamespace(ns);
    plugin.releaseDhcpPort(network.id(), deviceId(network.id()));
  }
}
