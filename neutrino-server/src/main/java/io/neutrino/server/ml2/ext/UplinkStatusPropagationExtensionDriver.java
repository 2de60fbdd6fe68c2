package io.neutrino.server.ml2.ext;

import static io.neutrino.lib.apidef.UplinkStatusPropagation.PROPAGATE_UPLINK_STATUS;

import io.neutrino.lib.apidef.ExtensionDef;
import io.neutrino.lib.apidef.UplinkStatusPropagation;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.events.Callbacks;
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
  private static final DriverTable<Boolean> PORTS = new DriverTable<>("portuplinkstatuspropagation",
      "port_id", "propagate_uplink_status", rs -> rs.getBoolean(2),
      (port, propagate) -> port.put(PROPAGATE_UPLINK_STATUS,
          propagate == null ? UplinkStatusPropagation.DEFAULT : propagate));

  @Override
  public List<ExtensionDef> extensions() {
    return List.of(UplinkStatusPropagation.extension());
  }

  @Override
  public void processCreatePort(RequestContext ctx, Object tx, Map<String, Object> request,
      Map<String, Object> result) {
    if (!(request.get(PROPAGATE_UPLINK_STATUS) instanceof Boolean propagate)) {
      // a create through the plugin API (not HTTP) without the attribute: no row, the default shows
      PORTS.show().accept(result, null);
      return;
    }
    DriverRows.insert(DriverRows.handle(tx), "INSERT INTO portuplinkstatuspropagation (port_id, propagate_uplink_status) "
        + "VALUES (?, ?)", result.get("id"), propagate);
    PORTS.show().accept(result, propagate);
  }

  @Override
  public boolean completesCreatedPort() {
    return true;
  }

  @Override
  public void extendPortDicts(Object tx, List<Map<String, Object>> ports) {
    PORTS.extend(tx, ports);
  }

  @Override
  public Callbacks.PageRead portPageRead(List<Map<String, Object>> ports) {
    return PORTS.pageRead(ports);
  }

  @Override
  public Callbacks.SideRead<?> portSideRead(String portId) {
    return PORTS.sideRead(portId);
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
