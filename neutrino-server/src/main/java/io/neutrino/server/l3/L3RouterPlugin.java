package io.neutrino.server.l3;

import io.neutrino.lib.apidef.ExtensionDef;
import io.neutrino.lib.apidef.L3;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.events.Event;
import io.neutrino.lib.events.ResourceEvent;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.NestedCollectionHandler;
import io.neutrino.lib.spi.Plugin;
import io.neutrino.server.agent.scheduler.L3AgentScheduling;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.server.core.CoreTables;
import io.neutrino.server.core.Tags;
import io.neutrino.server.db.Database;
import io.neutrino.server.db.Resources;
import io.neutrino.server.db.WriteBehind;
import io.neutrino.server.ipam.IpAddresses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Neutron's L3RouterPlugin ({@code router}): routers with gateways, interfaces and extra routes,
 * floating IPs and floating IP pools. Router and floating IP ports are core ports made through
 * {@link CorePorts}; this plugin keeps which router or floating IP owns them, refuses their
 * deletion through the port API and disassociates floating IPs from deleted ports.
 */
public final class L3RouterPlugin implements Plugin {
  static final String OWNER_INTERFACE = "network:router_interface";
  static final String OWNER_GATEWAY = "network:router_gateway";
  static final String OWNER_FLOATINGIP = "network:floatingip";
  /** neutron's router_device_owners: ports that only L3 calls may delete. */
  static final Set<String> ROUTER_DEVICE_OWNERS = Set.of(OWNER_INTERFACE, OWNER_GATEWAY,
      OWNER_FLOATINGIP, "network:ha_router_replicated_interface", "network:router_interface_distributed",
      "network:router_centralized_snat");

  final Database db;
  final Callbacks callbacks;
  final CorePorts ports;
  final Tags tags = new Tags();
  final int maxRoutes;
  final boolean snatByDefault;
  final boolean distributedByDefault;
  final boolean haByDefault;
  /**
   * Zed's IP_UPDATE_NOT_ALLOWED_LIST (l3-port-ip-change-not-allowed): ports of a router whose IPv4
   * addresses the port API may not change; the router's gateway port is not among them.
   */
  static final Set<String> IP_UPDATE_NOT_ALLOWED = Set.of(OWNER_INTERFACE,
      "network:router_ha_interface", "network:ha_router_replicated_interface",
      "network:router_centralized_snat", "network:router_interface_distributed");

  /**
   * Set while this plugin deletes or changes its own ports (Neutron's l3_port_check=False): the
   * port API's L3 checks do not apply to them.
   */
  private final ThreadLocal<int[]> internalChange = ThreadLocal.withInitial(() -> new int[1]);
  private final Map<String, ResourceHandler> handlers;
  private final L3AgentScheduling scheduling;

  public L3RouterPlugin(Database db, Callbacks callbacks, CorePorts ports,
      java.util.function.BiFunction<String, String, String> option, L3AgentScheduling scheduling) {
    this.db = db;
    this.scheduling = scheduling;
    this.callbacks = callbacks;
    this.ports = ports;
    this.maxRoutes = intOr(option.apply("DEFAULT", "max_routes"), 30);
    this.snatByDefault = boolOr(option.apply("DEFAULT", "enable_snat_by_default"), true);
    this.distributedByDefault = boolOr(option.apply("DEFAULT", "router_distributed"), false);
    this.haByDefault = boolOr(option.apply("DEFAULT", "l3_ha"), false);
    RouterResource routers = new RouterResource(this);
    FloatingIpResource fips = new FloatingIpResource(this);
    this.handlers = Map.of(L3.ROUTERS, routers, L3.FLOATINGIPS, fips,
        L3.FLOATINGIP_POOLS, new FloatingIpPoolResource(db));
    callbacks.subscribe("port", Event.PRECOMMIT_UPDATE, this::preventRouterPortIpv4Change);
    callbacks.subscribe("port", Event.PRECOMMIT_DELETE, this::portPrecommitDelete);
    // Neutron deletes a network's unassociated floating IPs with it (associated ones keep the
    // network in use).
    callbacks.subscribe("network", Event.BEFORE_DELETE, e -> {
      List<String> unassociated = db.read(h -> h.createQuery("SELECT id FROM floatingips WHERE "
          + "floating_network_id = ? AND fixed_port_id IS NULL").bind(0, e.resourceId())
          .mapTo(String.class).list());
      for (String fip : unassociated) {
        fips.delete(RequestContext.admin(e.context().requestId()), fip);
      }
    });
  }

  private static int intOr(String v, int dflt) {
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new io.neutrino.lib.spi.InvalidConfiguration("DEFAULT", "max_routes", "'" + v + "' is not an integer");
    }
  }

  private static boolean boolOr(String v, boolean dflt) {
    return v == null || v.isBlank() ? dflt : Boolean.parseBoolean(v.trim());
  }

  @Override
  public Map<String, ResourceHandler> handlers() {
    return handlers;
  }

  @Override
  public List<ExtensionDef> supportedExtensions() {
    List<ExtensionDef> all = new ArrayList<>(L3.all());
    all.addAll(scheduling.extensions());
    return all;
  }

  @Override
  public List<NestedCollectionHandler> nestedCollections() {
    return scheduling.nestedCollections();
  }

  @Override
  public void start() {
    scheduling.start();
  }

  @Override
  public void stop() {
    scheduling.stop();
  }

  static RequestContext elevated(RequestContext ctx) {
    if (ctx.isAdmin()) {
      return ctx;
    }
    List<String> roles = new ArrayList<>(ctx.roles());
    roles.add("admin");
    return new RequestContext(ctx.userId(), ctx.projectId(), roles, true, ctx.requestId());
  }

  void publish(String resource, Event event, Handle tx, RequestContext ctx, String id,
      Map<String, Object> original, Map<String, Object> latest, Map<String, Object> request) {
    callbacks.publish(new ResourceEvent(resource, event, ctx, id, original, latest, request, tx));
  }

  /** Deletes a port this plugin owns, past the port API's L3 check; a missing port is fine. */
  void deleteOwnPort(RequestContext ctx, String portId) {
    int[] depth = internalChange.get();
    depth[0]++;
    try {
      ports.delete(elevated(ctx), portId);
    } catch (NeutronException e) {
      if (e.status() != 404) {
        throw e;
      }
    } finally {
      depth[0]--;
    }
  }

  /** Updates a port this plugin owns (its addresses included), past the port API's L3 check. */
  Map<String, Object> updateOwnPort(RequestContext ctx, String portId, Map<String, Object> changes) {
    int[] depth = internalChange.get();
    depth[0]++;
    try {
      return ports.update(elevated(ctx), portId, changes);
    } finally {
      depth[0]--;
    }
  }

  /**
   * l3-port-ip-change-not-allowed (Zed's IPAddressChangeNotAllowed, raised by its IPAM): the IPv4
   * addresses of a router's interface ports change only through the router API, never by a port
   * update. IPv6 addresses may change (prefix delegation and RA subnets do that).
   */
  @SuppressWarnings("unchecked")
  private void preventRouterPortIpv4Change(ResourceEvent e) {
    Map<String, Object> before = e.original();
    Map<String, Object> after = e.latest();
    if (internalChange.get()[0] > 0 || before == null || after == null
        || !after.containsKey("fixed_ips") || !IP_UPDATE_NOT_ALLOWED.contains(before.get("device_owner"))) {
      return;
    }
    Handle h = (Handle) e.transaction();
    Object router = before.get("device_id");
    if (!(router instanceof String id) || L3Tables.ROUTERS.find(h, id).isEmpty()) {
      return;
    }
    if (!ipv4(before.get("fixed_ips")).equals(ipv4(after.get("fixed_ips")))) {
      throw Faults.badRequestFor("ports", "IP updates for port " + e.resourceId() + " are not allowed");
    }
  }

  @SuppressWarnings("unchecked")
  private static Set<String> ipv4(Object fixedIps) {
    Set<String> out = new java.util.HashSet<>();
    if (fixedIps instanceof List<?> list) {
      for (Object f : list) {
        Object ip = f instanceof Map<?, ?> m ? m.get("ip_address") : null;
        if (ip instanceof String a && IpAddresses.isValid(a) && IpAddresses.version(a) == 4) {
          out.add(IpAddresses.canonical(a));
        }
      }
    }
    return out;
  }

  /**
   * A router's or floating IP's port is deleted through them, not the port API (Neutron's
   * prevent_l3_port_deletion). Checked on the port's locked row in its delete transaction (which
   * the refusal rolls back) rather than before it: the same answer without a read of its own.
   */
  @SuppressWarnings("unchecked")
  private void preventL3PortDeletion(Handle h, Map<String, Object> port) {
    if (internalChange.get()[0] > 0 || port == null || !ROUTER_DEVICE_OWNERS.contains(port.get("device_owner"))) {
      return;
    }
    List<Object> fixed = (List<Object>) port.get("fixed_ips");
    if (fixed == null || fixed.isEmpty()) {
      return;
    }
    String deviceId = (String) port.get("device_id");
    boolean ownerExists = OWNER_FLOATINGIP.equals(port.get("device_owner"))
        ? L3Tables.FLOATINGIPS.find(h, deviceId).isPresent()
        : L3Tables.ROUTERS.find(h, deviceId).isPresent();
    if (!ownerExists) {
      return;
    }
    throw Faults.conflict("ServicePortInUse", "Port " + port.get("id")
        + " cannot be deleted directly via the port API: has device owner " + port.get("device_owner") + ".");
  }

  /**
   * In the port's delete transaction: floating IPs on it are disassociated (ml2 calls
   * disassociate_floatingips), a floating IP port takes its floating IP with it, a gateway port
   * leaves its router.
   */
  private void portPrecommitDelete(ResourceEvent e) {
    Handle h = (Handle) e.transaction();
    preventL3PortDeletion(h, e.original());
    String portId = e.resourceId();
    var now = Resources.now();
    for (Map<String, Object> fip : L3Tables.FLOATINGIPS.findWhere(h, "port_id", portId)) {
      Map<String, Object> set = new java.util.LinkedHashMap<>();
      set.put("port_id", null);
      set.put("fixed_ip_address", null);
      set.put("router_id", null);
      set.put("last_known_router_id", fip.get("router_id"));
      L3Tables.FLOATINGIPS.update(h, (String) fip.get("id"), set, now);
      publish("floatingip", Event.PRECOMMIT_UPDATE, h, e.context(), (String) fip.get("id"), fip, set, null);
    }
    Map<String, Object> port = e.original();
    String owner = port == null ? null : (String) port.get("device_owner");
    if (OWNER_FLOATINGIP.equals(owner)) {
      for (Map<String, Object> fip : L3Tables.FLOATINGIPS.findWhere(h, "floating_port_id", portId)) {
        String fipId = (String) fip.get("id");
        publish("floatingip", Event.PRECOMMIT_DELETE, h, e.context(), fipId, fip, null, null);
        tags.deleteAll(h, fipId);
        L3Tables.FLOATINGIPS.delete(h, fipId);
      }
    } else if (OWNER_GATEWAY.equals(owner)) {
      h.execute("UPDATE routers SET gw_port_id = NULL WHERE gw_port_id = ?", portId);
    }
    WriteBehind.write(h, WriteBehind.OnFailure.NONE, "DELETE FROM router_ports WHERE port_id = ?", portId);
  }
}
