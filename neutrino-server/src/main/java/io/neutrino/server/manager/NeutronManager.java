package io.neutrino.server.manager;

import io.neutrino.lib.apidef.ExtensionDef;
import io.neutrino.lib.spi.Namespace;
import io.neutrino.lib.spi.Plugin;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.ResourceHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the core plugin and the service plugins (neutron/manager.py): {@code core_plugin}, then
 * {@code service_plugins} plus Neutron's default service plugins. A listed plugin that cannot be
 * found stops start-up; a default one that Neutrino does not have is skipped with a log line, as
 * Neutron skips defaults it cannot load. A plugin listed and also default is loaded once.
 */
public final class NeutronManager {
  private static final Logger LOG = LoggerFactory.getLogger(NeutronManager.class);

  /**
   * neutron/plugins/common/constants.py DEFAULT_SERVICE_PLUGINS (Zed), plus what Neutron builds
   * into its API rather than a service plugin and Neutrino ships as one: {@code quotas} (the quota
   * API is always on in Neutron), {@code security_group} (ML2's security-group extension) and
   * {@code address_scope} (ML2's address-scope extension).
   */
  public static final List<String> DEFAULT_SERVICE_PLUGINS = List.of("auto_allocate", "tag",
      "timestamp", "network_ip_availability", "flavors", "revisions", "quotas", "security_group",
      "address_scope");

  private final Plugin core;
  private final Map<String, Plugin> services;

  private NeutronManager(Plugin core, Map<String, Plugin> services) {
    this.core = core;
    this.services = services;
  }

  public static NeutronManager load(PluginLoader loader, PluginContext ctx, String corePlugin,
      List<String> servicePlugins) {
    Object core = loader.load(Namespace.CORE_PLUGINS, corePlugin, ctx, "DEFAULT", "core_plugin");
    if (!(core instanceof Plugin corePluginInstance)) {
      throw new IllegalStateException(corePlugin + " is not a plugin");
    }
    Map<String, Plugin> services = new LinkedHashMap<>();
    Set<String> wanted = new LinkedHashSet<>(servicePlugins);
    for (String name : wanted) {
      Object p = loader.load(Namespace.SERVICE_PLUGINS, name, ctx, "DEFAULT", "service_plugins");
      services.put(name, (Plugin) p);
    }
    for (String name : DEFAULT_SERVICE_PLUGINS) {
      if (services.containsKey(name)) {
        continue;
      }
      var provider = loader.find(Namespace.SERVICE_PLUGINS, name);
      if (provider.isPresent()) {
        services.put(name, (Plugin) provider.get().create(ctx));
      } else {
        LOG.info("Default service plugin {} is not available in Neutrino; skipped", name);
      }
    }
    return new NeutronManager(corePluginInstance, services);
  }

  public List<Plugin> plugins() {
    List<Plugin> all = new ArrayList<>();
    all.add(core);
    all.addAll(services.values());
    return all;
  }

  public Set<String> servicePluginNames() {
    return services.keySet();
  }

  /** Every collection's handler; a service plugin may not take over a core collection. */
  public Map<String, ResourceHandler> handlers() {
    Map<String, ResourceHandler> all = new LinkedHashMap<>(core.handlers());
    for (Plugin p : services.values()) {
      for (var e : p.handlers().entrySet()) {
        if (all.putIfAbsent(e.getKey(), e.getValue()) != null) {
          throw new IllegalStateException("two plugins serve the collection " + e.getKey());
        }
      }
    }
    return all;
  }

  /** Every plugin's nested collections ({@code /agents/{id}/dhcp-networks} …). */
  public List<io.neutrino.lib.spi.NestedCollectionHandler> nestedCollections() {
    List<io.neutrino.lib.spi.NestedCollectionHandler> all = new ArrayList<>();
    plugins().forEach(p -> all.addAll(p.nestedCollections()));
    return all;
  }

  /**
   * The extensions every loaded plugin supports, in load order, each alias once: when several
   * plugins support one alias, their definitions are merged ({@link ExtensionDef#mergedWith}).
   */
  public List<ExtensionDef> extensions() {
    Map<String, ExtensionDef> byAlias = new LinkedHashMap<>();
    for (Plugin p : plugins()) {
      for (ExtensionDef e : p.supportedExtensions()) {
        byAlias.merge(e.alias(), e, ExtensionDef::mergedWith);
      }
    }
    List<ExtensionDef> usable = new ArrayList<>();
    for (ExtensionDef e : byAlias.values()) {
      if (byAlias.keySet().containsAll(e.requires())) {
        usable.add(e);
      } else {
        LOG.warn("Extension {} needs {} which no loaded plugin supports; not loaded", e.alias(), e.requires());
      }
    }
    return usable;
  }

  public void start() {
    plugins().forEach(Plugin::start);
  }

  public void stop() {
    List<Plugin> all = plugins();
    for (int i = all.size() - 1; i >= 0; i--) {
      try {
        all.get(i).stop();
      } catch (RuntimeException e) {
        LOG.warn("plugin {} failed to stop", all.get(i).getClass().getName(), e);
      }
    }
  }
}
