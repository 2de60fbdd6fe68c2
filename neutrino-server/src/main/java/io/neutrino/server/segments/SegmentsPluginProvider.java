package io.neutrino.server.segments;

import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.spi.Namespace;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.PluginProvider;
import io.neutrino.server.db.Database;
import java.util.List;

/** Registers the segments plugin as {@code neutron.service_plugins: segments}. */
public final class SegmentsPluginProvider implements PluginProvider {
  @Override
  public String namespace() {
    return Namespace.SERVICE_PLUGINS;
  }

  @Override
  public List<String> aliases() {
    return List.of("segments");
  }

  @Override
  public String className() {
    return "neutron.services.segments.plugin.Plugin";
  }

  @Override
  public Object create(PluginContext ctx) {
    return new SegmentsPlugin(ctx.service(Database.class), ctx.service(Callbacks.class));
  }
}
