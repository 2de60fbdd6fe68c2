package io.neutrino.server.metering;

import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.spi.Namespace;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.PluginProvider;
import io.neutrino.server.db.Database;
import java.util.List;

/** Registers the metering plugin as {@code neutron.service_plugins: metering} (API side only). */
public final class MeteringPluginProvider implements PluginProvider {
  @Override
  public String namespace() {
    return Namespace.SERVICE_PLUGINS;
  }

  @Override
  public List<String> aliases() {
    return List.of("metering");
  }

  @Override
  public String className() {
    return "neutron.services.metering.metering_plugin.MeteringPlugin";
  }

  @Override
  public Object create(PluginContext ctx) {
    return new MeteringPlugin(ctx.service(Database.class), ctx.service(Callbacks.class));
  }
}
