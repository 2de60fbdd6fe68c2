package io.neutrino.server.ml2;

import io.neutrino.lib.spi.InvalidConfiguration;
import io.neutrino.lib.spi.PluginContext;
import java.util.ArrayList;
import java.util.List;

/**
 * ML2's own options, read once at start-up with Neutron Zed's defaults ({@code [ml2]},
 * {@code [DEFAULT] global_physnet_mtu}). Each driver reads its own section ({@code [ml2_type_vlan]}
 * …) when it is loaded, as in Neutron.
 */
public record Ml2Config(
    List<String> typeDrivers,
    List<String> tenantNetworkTypes,
    String externalNetworkType,
    List<String> mechanismDrivers,
    List<String> extensionDrivers,
    int globalPhysnetMtu) {

  public Ml2Config {
    typeDrivers = List.copyOf(typeDrivers);
    tenantNetworkTypes = List.copyOf(tenantNetworkTypes);
    mechanismDrivers = List.copyOf(mechanismDrivers);
    extensionDrivers = List.copyOf(extensionDrivers);
  }

  public static Ml2Config from(PluginContext c) {
    String mtu = c.option("DEFAULT", "global_physnet_mtu").orElse("1500");
    int globalMtu;
    try {
      globalMtu = Integer.parseInt(mtu.trim());
    } catch (NumberFormatException e) {
      throw new InvalidConfiguration("DEFAULT", "global_physnet_mtu", "'" + mtu + "' is not an integer");
    }
    return new Ml2Config(
        list(c, "type_drivers", "local,flat,vlan,gre,vxlan,geneve"),
        list(c, "tenant_network_types", "local"),
        c.option("ml2", "external_network_type").filter(s -> !s.isBlank()).map(String::trim).orElse(null),
        list(c, "mechanism_drivers", ""),
        list(c, "extension_drivers", ""),
        globalMtu);
  }

  private static List<String> list(PluginContext c, String key, String dflt) {
    String raw = c.option("ml2", key).orElse(dflt);
    List<String> out = new ArrayList<>();
    for (String s : raw.split(",")) {
      if (!s.isBlank() && !out.contains(s.trim())) {
        out.add(s.trim());
      }
    }
    return out;
  }
}
