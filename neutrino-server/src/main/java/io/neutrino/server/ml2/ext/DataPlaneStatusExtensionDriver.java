package io.neutrino.server.ml2.ext;

import static io.neutrino.lib.apidef.DataPlaneStatus.DATA_PLANE_STATUS;

import io.neutrino.lib.apidef.DataPlaneStatus;
import io.neutrino.lib.apidef.ExtensionDef;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.spi.Namespace;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.PluginProvider;
import io.neutrino.lib.spi.ml2.ExtensionDriver;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * ML2's {@code data_plane_status} extension driver
 * (neutron/plugins/ml2/extensions/data_plane_status.py): {@code data_plane_status} on ports,
 * null until an update sets it to ACTIVE or DOWN (or back to null). Who may set it is policy's
 * {@code update_port:data_plane_status}.
 */
public final class DataPlaneStatusExtensionDriver implements ExtensionDriver {
  private static final DriverTable<String> PORTS = new DriverTable<>("portdataplanestatuses", "port_id",
      "data_plane_status", rs -> rs.getString(2), (port, status) -> port.put(DATA_PLANE_STATUS, status));

  @Override
  public List<ExtensionDef> extensions() {
    return List.of(DataPlaneStatus.extension());
  }

  @Override
  public void processUpdatePort(RequestContext ctx, Object tx, Map<String, Object> request,
      Map<String, Object> result) {
    if (!request.containsKey(DATA_PLANE_STATUS)) {
      return;
    }
    Handle h = DriverRows.handle(tx);
    Object status = request.get(DATA_PLANE_STATUS);
    Object portId = result.get("id");
    if (h.execute("UPDATE portdataplanestatuses SET data_plane_status = ? WHERE port_id = ?", status, portId) == 0) {
      h.execute("INSERT INTO portdataplanestatuses (port_id, data_plane_status) VALUES (?, ?)", portId, status);
    }
    result.put(DATA_PLANE_STATUS, status);
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

  /** A new port has no status yet (the attribute is not accepted on create): null, as without a row. */
  @Override
  public void processCreatePort(RequestContext ctx, Object tx, Map<String, Object> request,
      Map<String, Object> result) {
    PORTS.show().accept(result, null);
  }

  @Override
  public boolean completesCreatedPort() {
    return true;
  }

  /** {@code neutron.ml2.extension_drivers: data_plane_status}. */
  public static final class Provider implements PluginProvider {
    @Override
    public String namespace() {
      return Namespace.ML2_EXTENSION_DRIVERS;
    }

    @Override
    public List<String> aliases() {
      return List.of("data_plane_status");
    }

    @Override
    public String className() {
      return "neutron.plugins.ml2.extensions.data_plane_status.DataPlaneStatusExtensionDriver";
    }

    @Override
    public Object create(PluginContext context) {
      return new DataPlaneStatusExtensionDriver();
    }
  }
}
