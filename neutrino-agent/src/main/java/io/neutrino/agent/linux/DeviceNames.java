package io.neutrino.agent.linux;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names of the Linux devices the agents make, as Neutron names them (linuxbridge agent and
 * neutron_lib.plugins.utils.get_interface_name). Linux allows 15 characters (IFNAMSIZ - 1).
 */
public final class DeviceNames {
  public static final int MAX_LEN = 15;
  public static final String TAP_PREFIX = "tap";
  public static final String BRIDGE_PREFIX = "brq";
  public static final String VXLAN_PREFIX = "vxlan-";
  /** Characters of a port or network id kept in a device name (linuxbridge RESOURCE_ID_LENGTH). */
  public static final int RESOURCE_ID_LENGTH = 11;
  public static final int MAX_VXLAN_VNI = (1 << 24) - 1;
  private static final int INTERFACE_HASH_LEN = 6;
  // ".4094": the longest VLAN suffix, kept whole when the parent name has to be shortened.
  private static final int MAX_VLAN_POSTFIX_LEN = 5;

  private DeviceNames() {}

  /** {@code tap} + the first 11 characters of the port id, the TAP device Nova makes. */
  public static String tap(String portId) {
    return TAP_PREFIX + prefix(portId);
  }

  /** {@code brq} + the first 11 characters of the network id. */
  public static String bridge(String networkId) {
    return BRIDGE_PREFIX + prefix(networkId);
  }

  /** {@code vxlan-<vni>}; the VNI must be 0..2^24-1. */
  public static String vxlan(long vni) {
    if (vni < 0 || vni > MAX_VXLAN_VNI) {
      throw new IllegalArgumentException("VXLAN VNI " + vni + " is outside 0.." + MAX_VXLAN_VNI);
    }
    return VXLAN_PREFIX + vni;
  }

  /**
   * {@code <iface>.<vlan>}; when that is longer than 15 characters the interface part becomes its
   * first characters plus 6 hex digits of its SHA-1, as Neutron does, so the name stays unique.
   */
  public static String vlanSubinterface(String physicalInterface, int vlanId) {
    if (vlanId < 1 || vlanId > 4094) {
      throw new IllegalArgumentException("VLAN id " + vlanId + " is outside 1..4094");
    }
    String postfix = "." + vlanId;
    String parent = physicalInterface;
    if (parent.length() + postfix.length() > MAX_LEN) {
      parent = hashed(parent, MAX_LEN - MAX_VLAN_POSTFIX_LEN);
    }
    return parent + postfix;
  }

  /** Whether the device name is a TAP device's (what the L2 agent watches for). */
  public static boolean isTap(String deviceName) {
    return deviceName.startsWith(TAP_PREFIX);
  }

  /** Shortens {@code name} to {@code maxLen} as neutron_lib's get_interface_name does. */
  static String hashed(String name, int maxLen) {
    if (name.length() <= maxLen) {
      return name;
    }
    try {
      byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(name.getBytes(StandardCharsets.UTF_8));
      String hex = HexFormat.of().formatHex(sha1);
      return name.substring(0, maxLen - INTERFACE_HASH_LEN) + hex.substring(0, INTERFACE_HASH_LEN);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }

  private static String prefix(String id) {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("an id is needed to name a device");
    }
    return id.substring(0, Math.min(RESOURCE_ID_LENGTH, id.length()));
  }
}
