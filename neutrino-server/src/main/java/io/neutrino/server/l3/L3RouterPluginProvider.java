package io.neutrino.server.l3;

import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.spi.Namespace;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.PluginProvider;
import io.neutrino.server.core.MacAddresses;
import io.neutrino.server.core.PortResource;
import io.neutrino.server.core.Tags;
import io.neutrino.server.db.Database;
import java.util.List;

/**
 * Registers the L3 router plugin as {@code neutron.service_plugins: router}. Router and floating
 * IP ports go through the server's {@link CorePorts} service; a server that does not provide it
 * yet gets a port handler over the same database and callbacks (the one ML2 uses).
 */
public final class L3RouterPluginProvider implements PluginProvider {
  @Override
  public String namespace() {
    return Namespace.SERVICE_PLUGINS;
  }

  @Override
  public List<String> aliases() {
    return List.of("router");
  }

  @Override
  public String className() {
    return "neutron.services.l3_router.l3_router_plugin.L3RouterPlugin";
  }

  @Override
  public Object create(PluginContext ctx) {
    Database db = ctx.service(Database.class);
    Callbacks callbacks = ctx.service(Callbacks.class);
    CorePorts ports;
    try {
      ports = ctx.service(CorePorts.class);
    } catch (IllegalStateException notWired) {
      MacAddresses macs = new MacAddresses(ctx.option("DEFAULT", "base_mac").orElse("fa:16:3e:00:00:00"));
      ports = CorePorts.over(new PortResource(db, new Tags(), macs, callbacks));
    }
    return new L3RouterPlugin(db, callbacks, ports, (s, k) -> ctx.option(s, k).orElse(null));
  }
}
