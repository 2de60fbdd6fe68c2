package io.neutrino.server.trunk;

import io.neutrino.lib.apidef.Trunk;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.spi.Namespace;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.PluginProvider;
import io.neutrino.server.core.TagService;
import io.neutrino.server.db.Database;
import java.util.Arrays;
import java.util.List;

/** Registers the trunk plugin as {@code neutron.service_plugins: trunk}. */
public final class TrunkPluginProvider implements PluginProvider {
  @Override
  public String namespace() {
    return Namespace.SERVICE_PLUGINS;
  }

  @Override
  public List<String> aliases() {
    return List.of("trunk");
  }

  @Override
  public String className() {
    return "neutron.services.trunk.plugin.TrunkPlugin";
  }

  @Override
  public Object create(PluginContext ctx) {
    List<String> mechanisms = Arrays.stream(ctx.option("ml2", "mechanism_drivers").orElse("").split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).toList();
    TrunkDrivers drivers = TrunkDrivers.forMechanismDrivers(mechanisms);
    ctx.service(TagService.class).register(Trunk.COLLECTION, TrunkTables.TRUNKS);
    return new TrunkPlugin(ctx.service(Database.class), ctx.service(Callbacks.class), drivers,
        ctx.handler("ports"), ctx.handler("networks"));
  }
}
