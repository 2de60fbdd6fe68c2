package io.neutrino.server.ml2.types;

import io.neutrino.lib.spi.InvalidConfiguration;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.ml2.IdRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options the built-in type drivers share, read as Neutron reads them: id ranges, and the MTU
 * settings ({@code [DEFAULT] global_physnet_mtu}, {@code [ml2] path_mtu},
 * {@code [ml2] physical_network_mtus}, {@code [ml2] overlay_ip_version}). An MTU of 0 means "not
 * set" throughout, as in Neutron: a driver then reports 0 and the network takes the global value.
 */
final class TypeOptions {
  private TypeOptions() {}

  static List<String> list(PluginContext c, String section, String key, String dflt) {
    String raw = c.option(section, key).orElse(dflt);
    List<String> out = new ArrayList<>();
    for (String s : raw.split(",")) {
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    return out;
  }

  static int integer(String section, String key, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new InvalidConfiguration(section, key, "'" + value + "' is not an integer");
    }
  }

  static IdRange range(String section, String key, String entry, String lo, String hi, int min, int max) {
    int a = integer(section, key, lo);
    int b = integer(section, key, hi);
    if (a < min || b > max || a > b) {
      throw new InvalidConfiguration(section, key, "invalid range '" + entry + "' (ids must be "
          + min + ".." + max + " and min <= max)");
    }
    return new IdRange(a, b);
  }

  /** {@code <min>:<max>,...} as tunnel types give their ranges. */
  static List<IdRange> tunnelRanges(PluginContext c, String section, String key, int max) {
    List<IdRange> out = new ArrayList<>();
    for (String entry : list(c, section, key, "")) {
      String[] p = entry.split(":");
      if (p.length != 2) {
        throw new InvalidConfiguration(section, key, "malformed range '" + entry + "' (expected <min>:<max>)");
      }
      out.add(range(section, key, entry, p[0], p[1], 1, max));
    }
    return out;
  }

  static int globalPhysnetMtu(PluginContext c) {
    return integer("DEFAULT", "global_physnet_mtu", c.option("DEFAULT", "global_physnet_mtu").orElse("1500"));
  }

  /**
   * The MTU of the underlay tunnels ride on: the smaller of global_physnet_mtu and path_mtu among
   * those set (type_tunnel.py get_mtu), 0 when neither is.
   */
  static int underlayMtu(PluginContext c) {
    int path = integer("ml2", "path_mtu", c.option("ml2", "path_mtu").orElse("0"));
    return smallestSet(globalPhysnetMtu(c), path);
  }

  /**
   * The outer IP header of a tunnelled packet: 20 bytes over IPv4, 40 over IPv6, as
   * {@code [ml2] overlay_ip_version} says (4 or 6).
   */
  static int overlayIpHeader(PluginContext c) {
    String v = c.option("ml2", "overlay_ip_version").orElse("4");
    return switch (integer("ml2", "overlay_ip_version", v)) {
      case 4 -> 20;
      case 6 -> 40;
      default -> throw new InvalidConfiguration("ml2", "overlay_ip_version", "'" + v.trim() + "' is not 4 or 6");
    };
  }

  static Map<String, Integer> physnetMtus(PluginContext c) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String entry : list(c, "ml2", "physical_network_mtus", "")) {
      String[] p = entry.split(":");
      if (p.length != 2) {
        throw new InvalidConfiguration("ml2", "physical_network_mtus", "malformed entry '" + entry + "'");
      }
      out.put(p[0].trim(), integer("ml2", "physical_network_mtus", p[1]));
    }
    return out;
  }

  /**
   * A physical network's MTU: the smaller of global_physnet_mtu and its physical_network_mtus entry
   * among those set (type_vlan.py and type_flat.py get_mtu), 0 when neither is.
   */
  static int physnetMtu(PluginContext c, Map<String, Integer> physnetMtus, String physnet) {
    Integer own = physnet == null ? null : physnetMtus.get(physnet);
    return smallestSet(globalPhysnetMtu(c), own == null ? 0 : own);
  }

  /** The smaller of two MTUs, ignoring one that is not set (0 or less); 0 when neither is. */
  private static int smallestSet(int a, int b) {
    if (a <= 0) {
      return Math.max(b, 0);
    }
    return b <= 0 ? a : Math.min(a, b);
  }
}
