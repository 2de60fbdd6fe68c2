package io.neutrino.server.ml2.ext;

import static io.neutrino.lib.apidef.UplinkStatusPropagation.PROPAGATE_UPLINK_STATUS;

import io.neutrino.lib.apidef.ExtensionDef;
import io.neutrino.lib.apidef.UplinkStatusPropagation;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.spi.Namespace;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.PluginProvider;
import io.neutrino.lib.spi.ml2.ExtensionDriver;
import java.util.List;
import java.util.Map;

/**
 * ML2's {@code uplink_status_propagation} extension driver
 * (neutron/plugins/ml2/extensions/uplink_status_propagation.py): {@code propagate_uplink_status}
 * on ports, given on create only; Zed's default, also for ports made while the driver was off, is
 * true.
 */
public final class UplinkStatusPropagationExtensionDriver implements ExtensionDriver {

  @Override
  public List<ExtensionDef> extensions() {
    return List.of(UplinkStatusPropagation.extension());
  }

  @Override
  public void processCreatePort(RequestContext ctx, Object tx, Map<String, Object> request,
      Map<String, Object> result) {
    if (!(request.get(PROPAGATE_UPLINK_STATUS) instanceof Boolean propagate)) {
      return; // a create through the plugin API (not HTTP) without the attribute: the default shows
    }
    DriverRows.handle(tx).execute("INSERT INTO portuplinkstatuspropagation (port_id, propagate_uplink_status) "
        + "VALUES (?, ?)", result.get("id"), propagate);
    result.put(PROPAGATE_UPLINK_STATUS, propagate);
  }

  @Override
  public void extendPortDicts(Object tx, List<Map<String, Object>> ports) {
    Map<String, Boolean> byId = DriverRows.byId(DriverRows.handle(tx),
        "SELECT port_id, propagate_uplink_status FROM portuplinkstatuspropagation WHERE", "port_id", ports,
        (rs, c) -> Map.entry(rs.getString(1), rs.getBoolean(2)));
    for (Map<String, Object> p : ports) {
      p.put(PROPAGATE_UPLINK_STATUS, byId.getOrDefault((String) p.get("id"), UplinkStatusPropagation.DEFAULT));
    }
  }

  /** {@code neutron.ml2.extension_drivers: uplink_status_propagation}. */
  public static final class Provider implements PluginProvider {
    @Override
    public String namespace() {
      return Namespace.ML2_EXTENSION_DRIVERS;
    }

    @Override
    public List<String> aliases() {
      return List.of("uplink_status_propagation");
    }

    @Override
    public String className() {
      return "neutron.plugins.ml2.extensions.uplink_status_propagation.UplinkStatusPropagationExtensionDriver";
    }

    @Override
    public Object create(PluginContext context) {
      return new UplinkStatusPropagationExtensionDriver();
    }
  }
}
