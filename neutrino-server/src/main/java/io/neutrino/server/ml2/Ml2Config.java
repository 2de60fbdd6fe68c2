package io.neutrino.server.ml2;

import io.neutrino.lib.spi.InvalidConfiguration;
import io.neutrino.lib.spi.PluginContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ML2's options, read once and checked at start-up, with Neutron Zed's defaults ({@code [ml2]},
 * {@code [ml2_type_*]}, {@code [DEFAULT] global_physnet_mtu}).
 */
public record Ml2Config(
    List<String> typeDrivers,
    List<String> tenantNetworkTypes,
    String externalNetworkType,
    List<String> mechanismDrivers,
    List<String> extensionDrivers,
    List<String> flatNetworks,
    Map<String, List<int[]>> vlanRanges,
    List<int[]> vxlanRanges,
    List<int[]> greRanges,
    List<int[]> geneveRanges,
    int geneveMaxHeaderSize,
    int globalPhysnetMtu,
    int pathMtu,
    Map<String, Integer> physnetMtus) {

  public static Ml2Config from(PluginContext c) {
    List<String> types = list(c, "ml2", "type_drivers", "local,flat,vlan,gre,vxlan,geneve");
    for (String t : types) {
      if (!TypeManager.ALL_TYPES.contains(t)) {
        throw new InvalidConfiguration("ml2", "type_drivers", "unknown type driver '" + t + "'");
      }
    }
    List<String> tenant = list(c, "ml2", "tenant_network_types", "local");
    for (String t : tenant) {
      if (!types.contains(t)) {
        throw new InvalidConfiguration("ml2", "tenant_network_types",
            "No type driver for tenant network_type: " + t + ". Service terminated!");
      }
    }
    String external = c.option("ml2", "external_network_type").filter(s -> !s.isBlank()).orElse(null);
    if (external != null && !types.contains(external)) {
      throw new InvalidConfiguration("ml2", "external_network_type",
          "No type driver for external network_type: " + external + ". Service terminated!");
    }
    // Like Neutron, a type's options are read only when its driver is loaded.
    Map<String, List<int[]>> vlan = new LinkedHashMap<>();
    List<String> vlanEntries = types.contains(Segment.VLAN)
        ? list(c, "ml2_type_vlan", "network_vlan_ranges", "") : List.of();
    for (String entry : vlanEntries) {
      String[] p = entry.split(":");
      if (p.length == 1 && !p[0].isBlank()) {
        vlan.computeIfAbsent(p[0].trim(), k -> new ArrayList<>());
      } else if (p.length == 3) {
        int[] r = range("ml2_type_vlan", "network_vlan_ranges", entry, p[1], p[2], 1, 4094);
        vlan.computeIfAbsent(p[0].trim(), k -> new ArrayList<>()).add(r);
      } else {
        throw new InvalidConfiguration("ml2_type_vlan", "network_vlan_ranges",
            "malformed range '" + entry + "' (expected <physical_network>[:<vlan_min>:<vlan_max>])");
      }
    }
    Map<String, Integer> physMtus = new LinkedHashMap<>();
    for (String entry : list(c, "ml2", "physical_network_mtus", "")) {
      String[] p = entry.split(":");
      if (p.length != 2) {
        throw new InvalidConfiguration("ml2", "physical_network_mtus", "malformed entry '" + entry + "'");
      }
      physMtus.put(p[0].trim(), integer("ml2", "physical_network_mtus", p[1]));
    }
    return new Ml2Config(types, tenant, external,
        list(c, "ml2", "mechanism_drivers", ""),
        list(c, "ml2", "extension_drivers", ""),
        list(c, "ml2_type_flat", "flat_networks", "*"),
        vlan,
        types.contains(Segment.VXLAN) ? tunnelRanges(c, "ml2_type_vxlan", "vni_ranges", (1 << 24) - 1) : List.of(),
        types.contains(Segment.GRE) ? tunnelRanges(c, "ml2_type_gre", "tunnel_id_ranges", Integer.MAX_VALUE) : List.of(),
        types.contains(Segment.GENEVE) ? tunnelRanges(c, "ml2_type_geneve", "vni_ranges", (1 << 24) - 1) : List.of(),
        integer("ml2_type_geneve", "max_header_size",
            c.option("ml2_type_geneve", "max_header_size").orElse("30")),
        integer("DEFAULT", "global_physnet_mtu", c.option("DEFAULT", "global_physnet_mtu").orElse("1500")),
        integer("ml2", "path_mtu", c.option("ml2", "path_mtu").orElse("0")),
        physMtus);
  }

  private static List<int[]> tunnelRanges(PluginContext c, String section, String key, int max) {
    List<int[]> out = new ArrayList<>();
    for (String entry : list(c, section, key, "")) {
      String[] p = entry.split(":");
      if (p.length != 2) {
        throw new InvalidConfiguration(section, key, "malformed range '" + entry + "' (expected <min>:<max>)");
      }
      out.add(range(section, key, entry, p[0], p[1], 1, max));
    }
    return out;
  }

  private static int[] range(String section, String key, String entry, String lo, String hi, int min, int max) {
    int a = integer(section, key, lo);
    int b = integer(section, key, hi);
    if (a < min || b > max || a > b) {
      throw new InvalidConfiguration(section, key, "invalid range '" + entry + "' (ids must be "
          + min + ".." + max + " and min <= max)");
    }
    return new int[] {a, b};
  }

  private static int integer(String section, String key, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new InvalidConfiguration(section, key, "'" + value + "' is not an integer");
    }
  }

  private static List<String> list(PluginContext c, String section, String key, String dflt) {
    String raw = c.option(section, key).orElse(dflt);
    List<String> out = new ArrayList<>();
    for (String s : raw.split(",")) {
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    return out;
  }
}
