package io.neutrino.server.flavors;

import io.neutrino.lib.spi.Namespace;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.PluginProvider;
import io.neutrino.server.core.ServiceProviderResource;
import io.neutrino.server.db.Database;
import io.neutrino.server.manager.NeutronManager;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Registers the flavors plugin as {@code neutron.service_plugins: flavors}. The plugin types a
 * flavor may name are those of the configured service plugins (by alias) plus the core and
 * flavors themselves, with the type names Neutron's plugins declare.
 */
public final class FlavorsPluginProvider implements PluginProvider {
  /** Service plugin alias to Neutron plugin type (get_plugin_type of each plugin). */
  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("router", "L3_ROUTER_NAT"),
      Map.entry("metering", "METERING"),
      Map.entry("qos", "QOS"),
      Map.entry("flavors", "FLAVORS"),
      Map.entry("trunk", "trunk"),
      Map.entry("port_forwarding", "PORTFORWARDING"),
      Map.entry("log", "LOGGING"),
      Map.entry("network_segment_range", "NETWORK_SEGMENT_RANGE"),
      Map.entry("conntrack_helper", "CONNTRACKHELPER"),
      Map.entry("local_ip", "LOCAL_IP"),
      Map.entry("ndp_proxy", "NDPPROXY"));

  @Override
  public String namespace() {
    return Namespace.SERVICE_PLUGINS;
  }

  @Override
  public List<String> aliases() {
    return List.of("flavors");
  }

  @Override
  public String className() {
    return "neutron.services.flavors.flavors_plugin.FlavorsPlugin";
  }

  @Override
  public Object create(PluginContext ctx) {
    Set<String> types = new HashSet<>(Set.of("CORE", "FLAVORS"));
    List<String> aliases = new java.util.ArrayList<>(NeutronManager.DEFAULT_SERVICE_PLUGINS);
    aliases.addAll(Arrays.stream(ctx.option("DEFAULT", "service_plugins").orElse("").split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).toList());
    for (String a : aliases) {
      if (TYPES.containsKey(a)) {
        types.add(TYPES.get(a));
      }
    }
    return new FlavorsPlugin(ctx.service(Database.class),
        ServiceProviderResource.parse(ctx.options("service_providers", "service_provider")), types);
  }
}
