package io.neutrino.server.ml2.ext;

import static io.neutrino.lib.apidef.PortSecurity.DEFAULT_PORT_SECURITY;
import static io.neutrino.lib.apidef.PortSecurity.PORTSECURITY;

import io.neutrino.lib.apidef.ExtensionDef;
import io.neutrino.lib.apidef.PortSecurity;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.Namespace;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.PluginProvider;
import io.neutrino.lib.spi.ml2.ExtensionDriver;
import io.neutrino.server.db.WriteBehind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * ML2's {@code port_security} extension driver (neutron/plugins/ml2/extensions/port_security.py
 * with ML2's _portsec_ext_port_*_processing for allowed address pairs): port_security_enabled on
 * networks (default true) and ports. A port gets the value it asks for, else its network's;
 * ports of {@code network:*} owners (router, DHCP …) never have it. A port without port security
 * may not have allowed address pairs (409 AddressPairAndPortSecurityRequired), asked for or kept.
 * The security group side (no groups on such a port) is the security group plugin's, which reads
 * the value this driver sets.
 */
public final class PortSecurityExtensionDriver implements ExtensionDriver {
  private static final DriverTable<Boolean> NETWORKS = table("networksecuritybindings", "network_id");
  private static final DriverTable<Boolean> PORTS = table("portsecuritybindings", "port_id");
  private static final String TRUSTED_PREFIX = "network:";
  private static final String PAIRS = "allowed_address_pairs";

  @Override
  public List<ExtensionDef> extensions() {
    return List.of(PortSecurity.extension());
  }

  @Override
  public void processCreateNetwork(RequestContext ctx, Object tx, Map<String, Object> request,
      Map<String, Object> result) {
    boolean enabled = asBoolean(request.get(PORTSECURITY));
    DriverRows.insert(DriverRows.handle(tx), "INSERT INTO networksecuritybindings (network_id, port_security_enabled) "
        + "VALUES (?, ?)", result.get("id"), enabled);
    result.put(PORTSECURITY, enabled);
  }

  @Override
  public void processUpdateNetwork(RequestContext ctx, Object tx, Map<String, Object> request,
      Map<String, Object> result) {
    if (request.containsKey(PORTSECURITY)) {
      boolean enabled = asBoolean(request.get(PORTSECURITY));
      set(DriverRows.handle(tx), "networksecuritybindings", "network_id", (String) result.get("id"), enabled);
      result.put(PORTSECURITY, enabled);
    }
  }

  @Override
  public void processCreatePort(RequestContext ctx, Object tx, Map<String, Object> request,
      Map<String, Object> result) {
    Handle h = DriverRows.handle(tx);
    boolean enabled = determine(h, request);
    DriverRows.insert(h, "INSERT INTO portsecuritybindings (port_id, port_security_enabled) VALUES (?, ?)",
        result.get("id"), enabled);
    result.put(PORTSECURITY, enabled);
    if (!enabled && request.get(PAIRS) instanceof List<?> pairs && !pairs.isEmpty()) {
      throw pairsNeedPortSecurity();
    }
  }

  /** _determine_port_security: trusted owners never, else as asked, else the network's. */
  private static boolean determine(Handle h, Map<String, Object> port) {
    if (port.get("device_owner") instanceof String owner && owner.startsWith(TRUSTED_PREFIX)) {
      return false;
    }
    if (port.get(PORTSECURITY) instanceof Boolean b) {
      return b;
    }
    // Asked after the port's own rows, which it does not depend on: ahead of those held back.
    return WriteBehind.ahead(h, r -> stored(r, "networksecuritybindings", "network_id", (String) port.get("network_id")))
        .orElse(DEFAULT_PORT_SECURITY);
  }

  /**
   * {@code result} holds the allowed address pairs the port will have (the request's, or the
   * stored ones when the request has none): with port security off there must be none.
   */
  @Override
  public void processUpdatePort(RequestContext ctx, Object tx, Map<String, Object> request,
      Map<String, Object> result) {
    if (request.containsKey(PORTSECURITY)) {
      boolean enabled = asBoolean(request.get(PORTSECURITY));
      set(DriverRows.handle(tx), "portsecuritybindings", "port_id", (String) result.get("id"), enabled);
      result.put(PORTSECURITY, enabled);
    }
    if (Boolean.FALSE.equals(result.get(PORTSECURITY))
        && result.get(PAIRS) instanceof List<?> pairs && !pairs.isEmpty()) {
      throw pairsNeedPortSecurity();
    }
  }

  @Override
  public void extendNetworkDicts(Object tx, List<Map<String, Object>> networks) {
    NETWORKS.extend(tx, networks);
  }

  @Override
  public Callbacks.PageRead networkPageRead(List<Map<String, Object>> networks) {
    return NETWORKS.pageRead(networks);
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

  /** processCreatePort always puts port_security_enabled. */
  @Override
  public boolean completesCreatedPort() {
    return true;
  }

  @Override
  public boolean completesCreatedNetwork() {
    return true;
  }

  /** Resources created while the driver was off have no row: they show the default, true. */
  private static DriverTable<Boolean> table(String table, String key) {
    return new DriverTable<>(table, key, "port_security_enabled", rs -> rs.getBoolean(2),
        (resource, enabled) -> resource.put(PORTSECURITY, enabled == null ? DEFAULT_PORT_SECURITY : enabled));
  }

  private static Optional<Boolean> stored(Handle h, String table, String key, String id) {
    return h.createQuery("SELECT port_security_enabled FROM " + table + " WHERE " + key + " = ?")
        .bind(0, id).mapTo(Boolean.class).findOne();
  }

  /** Updates the row, or creates it for a resource made while the driver was off. */
  private static void set(Handle h, String table, String key, String id, boolean enabled) {
    if (h.execute("UPDATE " + table + " SET port_security_enabled = ? WHERE " + key + " = ?", enabled, id) == 0) {
      h.execute("INSERT INTO " + table + " (" + key + ", port_security_enabled) VALUES (?, ?)", id, enabled);
    }
  }

  private static boolean asBoolean(Object value) {
    return value instanceof Boolean b ? b : DEFAULT_PORT_SECURITY;
  }

  private static NeutronException pairsNeedPortSecurity() {
    return Faults.conflict("AddressPairAndPortSecurityRequired",
        "Port Security must be enabled in order to have allowed address pairs on a port.");
  }

  /** {@code neutron.ml2.extension_drivers: port_security}. */
  public static final class Provider implements PluginProvider {
    @Override
    public String namespace() {
      return Namespace.ML2_EXTENSION_DRIVERS;
    }

    @Override
    public List<String> aliases() {
      return List.of("port_security");
    }

    @Override
    public String className() {
      return "neutron.plugins.ml2.extensions.port_security.PortSecurityExtensionDriver";
    }

    @Override
    public Object create(PluginContext context) {
      return new PortSecurityExtensionDriver();
    }
  }
}
