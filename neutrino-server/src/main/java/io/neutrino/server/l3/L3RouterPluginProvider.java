package io.neutrino.server.l3;

import io.neutrino.lib.events.Callbacks;
import io.neutrino.server.agent.scheduler.L3AgentScheduling;
import io.neutrino.lib.spi.Namespace;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.PluginProvider;
import io.neutrino.server.core.TagService;
import io.neutrino.server.db.Database;
import java.util.List;

/**
 * Registers the L3 router plugin as {@code neutron.service_plugins: router}. Router and floating
 * IP ports are the core plugin's, reached through {@link PluginContext#handler}.
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
    // Ports are the core plugin's: resolved through the context when first used.
    CorePorts ports = CorePorts.over(ctx.handler("ports"));
    TagService tagService = ctx.service(TagService.class);
    tagService.register("routers", L3Tables.ROUTERS);
    tagService.register("floatingips", L3Tables.FLOATINGIPS);
    return new L3RouterPlugin(db, callbacks, ports, (s, k) -> ctx.option(s, k).orElse(null),
        new L3AgentScheduling(ctx));
  }
}
