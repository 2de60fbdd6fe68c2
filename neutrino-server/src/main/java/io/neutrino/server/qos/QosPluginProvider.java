package io.neutrino.server.qos;

import io.neutrino.lib.apidef.Qos;
import io.neutrino.lib.spi.Namespace;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.PluginProvider;
import io.neutrino.server.core.TagService;
import io.neutrino.server.db.Database;
import io.neutrino.server.ml2.Ml2Config;
import io.neutrino.server.rbac.RbacTypes;
import java.util.List;

/**
 * Registers the QoS plugin as {@code neutron.service_plugins: qos}. Its drivers follow {@code [ml2]
 * mechanism_drivers}, as Neutron's in-tree QoS drivers register with their mechanism drivers.
 */
public final class QosPluginProvider implements PluginProvider {
  @Override
  public String namespace() {
    return Namespace.SERVICE_PLUGINS;
  }

  @Override
  public List<String> aliases() {
    return List.of("qos");
  }

  @Override
  public String className() {
    return "neutron.services.qos.qos_plugin.QoSPlugin";
  }

  /** The QoS drivers of the configured mechanism drivers (plugin and ML2 driver alike). */
  static QosDrivers drivers(PluginContext ctx) {
    return QosDrivers.forMechanismDrivers(Ml2Config.from(ctx).mechanismDrivers());
  }

  @Override
  public Object create(PluginContext ctx) {
    ctx.service(TagService.class).register(Qos.POLICIES, QosTables.POLICIES);
    ctx.service(RbacTypes.class).register(QosTables.RBAC);
    return new QosPlugin(ctx.service(Database.class), drivers(ctx));
  }
}
