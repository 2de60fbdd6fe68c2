package io.neutrino.agent.linux;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The linuxbridge interface driver of the DHCP and L3 agents (neutron/agent/linux/interface.py
 * BridgeInterfaceDriver): a port of a namespace is a veth pair, {@code <prefix><port id>} inside
 * the namespace and {@code tap<port id>} on the host, both cut to 14 characters.
 *
 * <p>Neutron's driver leaves the tap for the L2 agent to find and plug. This one also creates the
 * network's bridge {@code brq<network id>} if it is missing and plugs the tap into it, so the
 * namespace is on the network as soon as it is plugged; the L2 agent then finds the tap already in
 * its bridge and only adds what it owns (the physical or VXLAN side, security groups).
 */
public final class BridgeInterfaceDriver {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeInterfaceDriver.class);
  /** The {@code interface_driver} alias (neutron.interface_drivers entry point) and class path. */
  public static final String ALIAS = "linuxbridge";
  public static final String CLASS_PATH = "neutron.agent.linux.interface.BridgeInterfaceDriver";
  public static final java.util.Set<String> NAMES = java.util.Set.of(ALIAS, CLASS_PATH);
  /** Linux allows 15 characters; Neutron keeps device names to 14. */
  public static final int DEV_NAME_LEN = 14;

  private final HostExecutor host;
  private final IpCommand hostIp;

  /** {@code host}: where taps and bridges live (the agent's host namespace). */
  public BridgeInterfaceDriver(HostExecutor host) {
    this.host = Objects.requireNonNull(host);
    this.hostIp = new IpCommand(host);
  }

  public static String deviceName(String prefix, String portId) {
    return truncate(prefix + portId);
  }

  /** The host end: the TAP device name the L2 agent looks for ({@link DeviceNames#tap}). */
  public static String tapName(String portId) {
    return DeviceNames.tap(portId);
  }

  /** The network's bridge, named as the L2 agent names it ({@link DeviceNames#bridge}). */
  public static String bridgeName(String networkId) {
    return DeviceNames.bridge(networkId);
  }

  private static String truncate(String name) {
    return name.length() <= DEV_NAME_LEN ? name : name.substring(0, DEV_NAME_LEN);
  }

  /**
   * Creates (or refreshes) the port's veth: {@code device} in {@code namespace} with the port's MAC
   * and the network's MTU ({@code mtu <= 0}: leave the kernel's), and plugs the host end into the
   * network's bridge.
   */
  public void plug(String networkId, String portId, String device, String mac, String namespace,
      int mtu) {
    String tap = tapName(portId);
    IpCommand nsIp = new IpCommand(HostExecutor.inNamespace(namespace));
    if (!nsIp.deviceExists(device)) {
      // A tap left from an earlier run has lost its peer's namespace; make the pair anew.
      hostIp.deleteDevice(tap);
      hostIp.addVeth(tap, device, namespace);
      nsIp.setAddress(device, mac);
    } else {
      LOG.debug("Device {} already exists in {}", device, namespace);
    }
    if (mtu > 0) {
      hostIp.setMtu(tap, mtu);
      nsIp.setMtu(device, mtu);
    }
    plugIntoBridge(tap, bridgeName(networkId));
    hostIp.setUp(tap);
    nsIp.setUp(device);
  }

  /**
   * Puts the tap into the bridge, making the bridge if needed. The L2 agent makes and deletes the
   * same bridges on its own thread: it deletes a network's bridge when that network's last tap has
   * gone, which can be between this making it and enslaving the tap (a router or DHCP namespace
   * re-made after its old devices went), and it may make the bridge first. So a failed attempt is
   * tried again; if the bridge is gone even then, the tap is left for the L2 agent, which plugs
   * every new tap it finds (as Neutron leaves all of them to it).
   */
  private void plugIntoBridge(String tap, String bridge) {
    HostCommandException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        if (!hostIp.deviceExists(bridge)) {
          hostIp.addBridge(bridge);
          hostIp.setUp(bridge);
        }
        if (!hostIp.master(tap).map(bridge::equals).orElse(false)) {
          hostIp.setMaster(tap, bridge);
        }
        return;
      } catch (HostCommandException e) {
        last = e;
      }
    }
    if (hostIp.deviceExists(bridge)) {
      throw last;
    }
    LOG.info("Bridge {} keeps disappearing (the L2 agent removes it); leaving {} for the L2 agent to plug",
        bridge, tap);
  }

  /**
   * Whether the tap of a namespace device ({@code <3-character prefix><port id>}, as {@link #plug}
   * names it) is on this driver's host.
   */
  public boolean hostEndExists(String device) {
    return device.length() > 3 && hostIp.deviceExists(tapName(device.substring(3)));
  }

  /** True when this driver's host is the machine's own network namespace (a deployment). */
  public boolean onTheMachineItself() {
    return host.namespace().isEmpty();
  }

  /** Deletes the namespace end of the veth; the kernel deletes the tap with it. */
  public void unplug(String device, String namespace) {
    new IpCommand(HostExecutor.inNamespace(namespace)).deleteDevice(device);
  }
}
