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
 * {@code [ml2] physical_network_mtus}).
 */
final class TypeOptions {
  static final int IPV4_HEADER = 20;

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

  /** The MTU of the underlay tunnels ride on: path_mtu when set, never above global_physnet_mtu. */
  static int pathMtu(PluginContext c) {
    int global = globalPhysnetMtu(c);
    int path = integer("ml2", "path_mtu", c.option("ml2", "path_mtu").orElse("0"));
    return path > 0 ? Math.min(path, global) : global;
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

  /** A physical network's MTU: its physical_network_mtus entry capped by global_physnet_mtu. */
  static int physnetMtu(PluginContext c, Map<String, Integer> physnetMtus, String physnet) {
    int global = globalPhysnetMtu(c);
    Integer own = physnet == null ? null : physnetMtus.get(physnet);
    return own == null ? global : Math.min(own, global);
  }
}
