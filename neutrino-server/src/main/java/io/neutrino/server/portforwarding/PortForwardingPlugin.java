package io.neutrino.server.portforwarding;

import io.neutrino.lib.apidef.ExtensionDef;
import io.neutrino.lib.apidef.PortForwarding;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.events.Event;
import io.neutrino.lib.events.ResourceEvent;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.spi.Namespace;
import io.neutrino.lib.spi.Plugin;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.PluginProvider;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.server.db.Database;
import io.neutrino.server.db.Resources;
import io.neutrino.server.db.Where;
import io.neutrino.server.ipam.IpAddresses;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Neutron's PortForwardingPlugin ({@code port_forwarding}), API side: the port_forwardings
 * sub-resource of floating IPs and how it meets floating IPs and ports — a floating IP with
 * forwardings cannot be associated with a port, floating IPs show their forwardings, and a port
 * that loses the fixed IP (or is deleted) takes the forwardings to it along.
 */
public final class PortForwardingPlugin implements Plugin {
  private final Database db;
  private final Map<String, ResourceHandler> handlers;

  PortForwardingPlugin(Database db, Callbacks callbacks, ResourceHandler floatingips,
      ResourceHandler ports) {
    this.db = db;
    this.handlers = Map.of(PortForwarding.KEY,
        new PortForwardingResource(db, callbacks, floatingips, ports));
    callbacks.subscribe("floatingip", Event.PRECOMMIT_UPDATE, PortForwardingPlugin::onFipUpdate);
    callbacks.subscribe("port", Event.PRECOMMIT_DELETE, e -> forgetAddresses((Handle) e.transaction(),
        e.resourceId(), e.original(), Set.of()));
    callbacks.subscribe("port", Event.AFTER_UPDATE, this::onPortUpdate);
    callbacks.extendDicts("floatingip", (rows, tx) -> showOnFloatingIps(rows, (Handle) tx));
  }

  @Override
  public Map<String, ResourceHandler> handlers() {
    return handlers;
  }

  @Override
  public List<ExtensionDef> supportedExtensions() {
    return PortForwarding.all();
  }

  /** _check_floatingip_request: only a "free" floating IP may carry forwardings. */
  private static void onFipUpdate(ResourceEvent e) {
    if (e.request() == null || e.request().get("port_id") == null) {
      return;
    }
    int n = ((Handle) e.transaction()).createQuery(
            "SELECT COUNT(*) FROM port_forwardings WHERE floatingip_id = ?")
        .bind(0, e.resourceId()).mapTo(Integer.class).one();
    if (n > 0) {
      throw Faults.conflict("FipInUseByPortForwarding", "Floating IP " + e.resourceId()
          + " in use by Port Forwarding resources.");
    }
  }

  private void onPortUpdate(ResourceEvent e) {
    Map<String, Object> port = e.latest();
    // Only a change of fixed_ips can take away an address a forwarding points at: any other
    // update (a name, admin_state_up) needs no transaction of its own here.
    if (port == null || e.request() != null && !e.request().containsKey("fixed_ips")) {
      return;
    }
    Set<String> v4 = v4Addresses(port);
    db.txVoid(h -> forgetAddresses(h, e.resourceId(), port, v4));
  }

  @SuppressWarnings("unchecked")
  private static Set<String> v4Addresses(Map<String, Object> port) {
    Set<String> out = new HashSet<>();
    Object ips = port.get("fixed_ips");
    if (ips instanceof List<?> list) {
      for (Object o : list) {
        String ip = (String) ((Map<String, Object>) o).get("ip_address");
        if (ip != null && IpAddresses.version(ip) == 4) {
          out.add(IpAddresses.canonical(ip));
        }
      }
    }
    return out;
  }

  /**
   * _process_port_request: forwardings to addresses the port no longer has go ({@code keep}
   * empty: all of them, the port is being deleted). A port without IPv4 addresses is left to the
   * foreign key, as Neutron leaves it; floating IP ports are not internal ports.
   */
  private static void forgetAddresses(Handle h, String portId, Map<String, Object> port,
      Set<String> keep) {
    if (port == null || String.valueOf(port.get("device_owner")).startsWith("network:floatingip")
        || v4Addresses(port).isEmpty()) {
      return;
    }
    for (Map<String, Object> pf : PortForwardingResource.TABLE.findWhere(h, "internal_port_id", portId)) {
      if (!keep.contains((String) pf.get("internal_ip_address"))) {
        PortForwardingResource.remove(h, pf);
      }
    }
  }

  /** expose-port-forwarding-in-fip. */
  private static void showOnFloatingIps(List<Map<String, Object>> fips, Handle h) {
    Map<Object, List<Map<String, Object>>> byFip = new LinkedHashMap<>();
    List<Object> ids = Resources.ids(fips);
    for (int from = 0; from < ids.size(); from += 500) {
      Where w = new Where().in("port_forwardings.floatingip_id",
          ids.subList(from, Math.min(ids.size(), from + 500)));
      for (Map<String, Object> pf : PortForwardingResource.TABLE.select(h, w, List.of(), null, false, null)) {
        // Zed shows a side's port here only when it is a single port, and no ranges.
        Map<String, Object> shown = new LinkedHashMap<>();
        for (String k : List.of("id", "internal_ip_address", "protocol", "internal_port",
            "external_port", "internal_port_id")) {
          boolean port = k.equals("internal_port") || k.equals("external_port");
          if (!port || PortForwardingResource.Ports.of(pf, k).single()) {
            shown.put(k, pf.get(k));
          }
        }
        byFip.computeIfAbsent(pf.get("floatingip_id"), k -> new ArrayList<>()).add(shown);
      }
    }
    for (Map<String, Object> fip : fips) {
      fip.put(PortForwarding.COLLECTION, byFip.getOrDefault(fip.get("id"), List.of()));
    }
  }

  /** {@code neutron.service_plugins: port_forwarding}. */
  public static final class Provider implements PluginProvider {
    @Override
    public String namespace() {
      return Namespace.SERVICE_PLUGINS;
    }

    @Override
    public List<String> aliases() {
      return List.of("port_forwarding");
    }

    @Override
    public String className() {
      return "neutron.services.portforwarding.pf_plugin.PortForwardingPlugin";
    }

    @Override
    public Object create(PluginContext ctx) {
      return new PortForwardingPlugin(ctx.service(Database.class), ctx.service(Callbacks.class),
          ctx.handler("floatingips"), ctx.handler("ports"));
    }
  }
}
