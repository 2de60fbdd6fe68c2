package io.neutrino.server.l3;

import io.neutrino.lib.ids.Uuids;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.events.Event;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.ListQuery;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.lib.validate.Validators;
import io.neutrino.server.core.CoreTables;
import io.neutrino.server.core.Tags;
import io.neutrino.server.db.Batches;
import io.neutrino.server.db.Database;
import io.neutrino.server.db.Resources;
import io.neutrino.server.db.StatedExtender;
import io.neutrino.server.db.Where;
import io.neutrino.server.ipam.Cidr;
import io.neutrino.server.ipam.IpAddresses;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;

/**
 * routers (neutron/db/l3_db.py, extraroute_db.py, l3_gwmode_db.py): the gateway port on an
 * external network, interfaces by subnet or by port, extra routes and their atomic edits.
 */
final class RouterResource implements ResourceHandler {
  private final L3RouterPlugin p;
  private final Database db;

  RouterResource(L3RouterPlugin plugin) {
    this.p = plugin;
    this.db = plugin.db;
  }

  // ------------------------------------------------------------------ reading

  static boolean visible(RequestContext ctx, Map<String, Object> row) {
    return ctx.isAdmin() || Objects.equals(ctx.projectId(), row.get("project_id"));
  }

  Map<String, Object> row(Handle h, RequestContext ctx, String id, boolean lock) {
    var found = lock ? L3Tables.ROUTERS.findForUpdate(h, id) : L3Tables.ROUTERS.find(h, id);
    Map<String, Object> row = found.orElseThrow(() -> L3Faults.routerNotFound(id));
    if (!visible(ctx, row)) {
      throw L3Faults.routerNotFound(id);
    }
    return row;
  }

  @Override
  public Map<String, Object> get(RequestContext ctx, String id) {
    return db.read(h -> decorate(h, new ArrayList<>(List.of(row(h, ctx, id, false)))).get(0));
  }

  @Override
  public List<Map<String, Object>> list(RequestContext ctx, ListQuery q) {
    return db.read(h -> {
      Where w = new Where();
      if (!ctx.isAdmin()) {
        w.add("routers.project_id = ?", List.of(String.valueOf(ctx.projectId())));
      }
      p.tags.filter(w, "routers", q.filters());
      return Resources.list(h, L3Tables.ROUTERS, q, w, new HashSet<>(Tags.FILTERS),
          rows -> decorate(h, rows));
    });
  }

  /**
   * Gateway ports, routes and tags of all rows in batched reads (no query per router), sent with
   * the extenders' stated reads: one round trip to a database server per page.
   */
  private List<Map<String, Object>> decorate(Handle h, List<Map<String, Object>> rows) {
    if (rows.isEmpty()) {
      return rows;
    }
    Map<Object, List<String>> tagsById = new HashMap<>();
    Map<Object, List<Map<String, Object>>> routesById = new HashMap<>();
    Map<Object, Map<String, Object>> gwPorts = new HashMap<>();
    List<Object> gwPortIds = new ArrayList<>();
    rows.forEach(r -> gwPortIds.add(r.get("gw_port_id")));
    List<Callbacks.PageRead> reads = new ArrayList<>(List.of(
        p.tags.pageRead(rows, tagsById::putAll),
        routes(Resources.ids(rows), routesById::putAll),
        CoreTables.PORTS.findAll(gwPortIds, gwPorts::putAll),
        Callbacks.PageRead.step(tx -> present(rows, tagsById, routesById, gwPorts))));
    reads.addAll(p.callbacks.pageReads("router", rows));
    p.db.readPages(h, reads);
    return rows;
  }

  private static void present(List<Map<String, Object>> rows, Map<Object, List<String>> tagsById,
      Map<Object, List<Map<String, Object>>> routesById, Map<Object, Map<String, Object>> gwPorts) {
    for (Map<String, Object> row : rows) {
      String id = (String) row.get("id");
      Resources.standardAttributes(row);
      String gwPortId = (String) row.remove("gw_port_id");
      Object snat = row.remove("enable_snat");
      Map<String, Object> gw = null;
      Map<String, Object> port = gwPortId == null ? null : gwPorts.get(gwPortId);
      if (port != null) {
        gw = new LinkedHashMap<>();
        gw.put("network_id", port.get("network_id"));
        gw.put("external_fixed_ips", fixedIps(port));
        gw.put("enable_snat", snat);
      }
      row.put("external_gateway_info", gw);
      row.put("routes", routesById.getOrDefault(id, List.of()));
      row.put("availability_zones", List.of());
      row.put("flavor_id", null);
      row.put("tags", tagsById.getOrDefault(id, List.of()));
    }
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> fixedIps(Map<String, Object> port) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> f : (List<Map<String, Object>>) port.get("fixed_ips")) {
      Map<String, Object> ip = new LinkedHashMap<>();
      ip.put("subnet_id", f.get("subnet_id"));
      ip.put("ip_address", f.get("ip_address"));
      out.add(ip);
    }
    return out;
  }

  static List<Map<String, Object>> routes(Handle h, String routerId) {
    List<Map<String, Object>> out = new ArrayList<>();
    StatedExtender.run(h, routes(List.of(routerId), found -> out.addAll(found.getOrDefault(routerId, List.of()))));
    return out;
  }

  /**
   * A router's extra routes read to be edited and written back: a locking read, which sees the
   * latest committed rows. With a plain read, on H2, L3RacesTest once (1 run in 10, machine
   * loaded) lost one of twelve concurrent removals although each transaction holds the router's
   * row: the read did not see an edit committed while it waited.
   */
  private static List<Map<String, Object>> lockedRoutes(Handle h, String routerId) {
    return h.createQuery("SELECT destination, nexthop FROM router_routes WHERE router_id = ? "
            + "ORDER BY destination, nexthop FOR UPDATE")
        .bind(0, routerId).mapToMap().map(RouterResource::route).list();
  }

  /** A route as the API shows it, from a row of router_routes. */
  private static Map<String, Object> route(Map<String, Object> row) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("destination", row.get("destination"));
    m.put("nexthop", row.get("nexthop"));
    return m;
  }

  /** Extra routes by router id, each router's sorted by destination and next hop, stated. */
  private static Callbacks.PageRead routes(List<Object> routerIds,
      Consumer<Map<Object, List<Map<String, Object>>>> show) {
    record Route(String routerId, Map<String, Object> route) {}
    return Batches.stated("SELECT router_id, destination, nexthop FROM router_routes WHERE", List.of(), "router_id",
            routerIds, "router_id, destination, nexthop",
            rs -> new Route(rs.getString(1), route(Map.of("destination", rs.getString(2), "nexthop", rs.getString(3)))),
            Route::routerId)
        .grouped(Route::route, show);
  }

  /** The ports a router owns, of one type or all (null). */
  static List<Map<String, Object>> routerPorts(Handle h, String routerId, String type) {
    List<String> ids = type == null
        ? h.createQuery("SELECT port_id FROM router_ports WHERE router_id = ? ORDER BY port_id")
            .bind(0, routerId).mapTo(String.class).list()
        : h.createQuery("SELECT port_id FROM router_ports WHERE router_id = ? AND port_type = ? "
            + "ORDER BY port_id").bind(0, routerId).bind(1, type).mapTo(String.class).list();
    List<Map<String, Object>> out = new ArrayList<>();
    for (String id : ids) {
      CoreTables.PORTS.find(h, id).ifPresent(out::add);
    }
    return out;
  }

  static Map<String, Object> subnet(Handle h, String id) {
    return CoreTables.SUBNETS.find(h, id).orElseThrow(() -> Faults.notFound("Subnet", id));
  }

  // ------------------------------------------------------------------ create / update / delete

  @Override
  @SuppressWarnings("unchecked")
  public Map<String, Object> create(RequestContext ctx, Map<String, Object> res) {
    String id = Uuids.randomString();
    Map<String, Object> gwInfo = (Map<String, Object>) res.get("external_gateway_info");
    p.publish("router", Event.BEFORE_CREATE, null, ctx, id, null, res, res);
    db.txVoid(h -> {
      var now = Resources.now();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", id);
      row.put("project_id", res.get("project_id"));
      row.put("name", res.getOrDefault("name", ""));
      row.put("description", Objects.requireNonNullElse(res.get("description"), ""));
      row.put("admin_state_up", res.getOrDefault("admin_state_up", true));
      row.put("status", "ACTIVE");
      row.put("enable_snat", p.snatByDefault);
      row.put("distributed", res.get("distributed") instanceof Boolean b ? b : p.distributedByDefault);
      row.put("ha", res.get("ha") instanceof Boolean b ? b : p.haByDefault);
      row.put("availability_zone_hints", res.getOrDefault("availability_zone_hints", List.of()));
      row.put("created_at", now);
      row.put("updated_at", now);
      row.put("revision_number", 1L);
      L3Tables.ROUTERS.insert(h, row);
      p.publish("router", Event.PRECOMMIT_CREATE, h, ctx, id, null, row, res);
    });
    if (gwInfo != null && !gwInfo.isEmpty()) {
      try {
        updateGateway(ctx, id, gwInfo);
      } catch (RuntimeException e) {
        try {
          delete(L3RouterPlugin.elevated(ctx), id);
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    }
    Map<String, Object> created = get(ctx, id);
    p.publish("router", Event.AFTER_CREATE, null, ctx, id, null, created, res);
    return created;
  }

  @Override
  public Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes) {
    return update(ctx, id, changes, null);
  }

  /**
   * An update; {@code editRoutes}, when given, makes the new routes from the current ones inside
   * the transaction that holds the router row (extraroute-atomic: concurrent edits queue there
   * and none is lost), and puts them in {@code changes}.
   */
  @SuppressWarnings("unchecked")
  private Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes,
      UnaryOperator<List<Map<String, Object>>> editRoutes) {
    Map<String, Object> original = get(ctx, id);
    p.publish("router", Event.BEFORE_UPDATE, null, ctx, id, original, changes, changes);
    if (changes.containsKey("external_gateway_info")) {
      updateGateway(ctx, id, (Map<String, Object>) changes.get("external_gateway_info"));
    }
    db.txVoid(h -> {
      Map<String, Object> row = row(h, ctx, id, true);
      Map<String, Object> set = new LinkedHashMap<>();
      for (String k : List.of("name", "description", "admin_state_up")) {
        if (changes.containsKey(k)) {
          set.put(k, changes.get(k));
        }
      }
      for (String k : List.of("distributed", "ha")) {
        if (changes.get(k) instanceof Boolean b && !b.equals(row.get(k))) {
          if (Boolean.TRUE.equals(row.get("admin_state_up"))) {
            throw L3Faults.badRouter(k.equals("ha")
                ? "Cannot change HA attribute of active routers. Please set router admin_state_up "
                    + "to False prior to upgrade"
                : "Cannot change the 'distributed' attribute of active routers. Please set router "
                    + "admin_state_up to False prior to upgrade");
          }
          set.put(k, b);
        }
      }
      if (editRoutes != null) {
        changes.put("routes", editRoutes.apply(lockedRoutes(h, id)));
      }
      if (changes.containsKey("routes")) {
        replaceRoutes(h, ctx, id, (List<Map<String, Object>>) changes.get("routes"));
      }
      L3Tables.ROUTERS.update(h, id, set, Resources.now());
      p.publish("router", Event.PRECOMMIT_UPDATE, h, ctx, id, row, set, changes);
    });
    Map<String, Object> updated = get(ctx, id);
    p.publish("router", Event.AFTER_UPDATE, null, ctx, id, original, updated, changes);
    return updated;
  }

  @Override
  public void delete(RequestContext ctx, String id) {
    p.publish("router", Event.BEFORE_DELETE, null, ctx, id, null, null, null);
    Map<String, Object> router = db.tx(h -> {
      Map<String, Object> row = row(h, ctx, id, false);
      List<String> attached = new ArrayList<>();
      routerPorts(h, id, L3RouterPlugin.OWNER_INTERFACE).forEach(pt -> attached.add((String) pt.get("id")));
      if (!attached.isEmpty()) {
        throw L3Faults.routerInUse(id, "has ports still attached: " + String.join(", ", attached));
      }
      return row;
    });
    deleteGatewayPort(ctx, id, router, null);
    List<String> others = db.read(h -> h.createQuery("SELECT port_id FROM router_ports WHERE router_id = ?")
        .bind(0, id).mapTo(String.class).list());
    for (String portId : others) {
      p.deleteOwnPort(ctx, portId);
    }
    db.txVoid(h -> {
      Map<String, Object> row = row(h, ctx, id, true);
      // An interface added since the check above would otherwise go with the router's row.
      List<String> attachedSince = new ArrayList<>();
      routerPorts(h, id, L3RouterPlugin.OWNER_INTERFACE).forEach(pt -> attachedSince.add((String) pt.get("id")));
      if (!attachedSince.isEmpty()) {
        throw L3Faults.routerInUse(id, "has ports still attached: " + String.join(", ", attachedSince));
      }
      p.publish("router", Event.PRECOMMIT_DELETE, h, ctx, id, row, null, null);
      h.execute("DELETE FROM router_routes WHERE router_id = ?", id);
      p.tags.deleteAll(h, id);
      L3Tables.ROUTERS.delete(h, id);
    });
    p.publish("router", Event.AFTER_DELETE, null, ctx, id, router, null, null);
  }

  // ------------------------------------------------------------------ gateway

  /** _update_router_gw_info: create, move, re-address or remove the gateway port. */
  @SuppressWarnings("unchecked")
  private void updateGateway(RequestContext ctx, String routerId, Map<String, Object> info) {
    boolean clear = info == null || info.isEmpty();
    String networkId = clear ? null : (String) info.get("network_id");
    List<Map<String, Object>> extIps = clear || info.get("external_fixed_ips") == null
        ? List.of() : (List<Map<String, Object>>) info.get("external_fixed_ips");
    Map<String, Object> router = db.read(h -> row(h, ctx, routerId, false));
    Map<String, Object> gwPort = db.read(h -> router.get("gw_port_id") == null ? null
        : CoreTables.PORTS.find(h, (String) router.get("gw_port_id")).orElse(null));
    if (networkId != null) {
      validateGatewayNetwork(networkId, extIps);
    }
    boolean ipChange = ipChange(gwPort, extIps);
    if (gwPort != null && ipChange && Objects.equals(gwPort.get("network_id"), networkId)) {
      p.ports.update(L3RouterPlugin.elevated(ctx), (String) gwPort.get("id"), Map.of("fixed_ips", extIps));
    } else {
      if (gwPort != null && !Objects.equals(gwPort.get("network_id"), networkId)) {
        deleteGatewayPort(ctx, routerId, router, gwPort);
      }
      if (networkId != null && (gwPort == null || !Objects.equals(gwPort.get("network_id"), networkId))) {
        createGatewayPort(ctx, routerId, networkId, extIps);
      }
    }
    if (!clear) {
      Object snat = info.get("enable_snat");
      boolean enable = snat == null ? p.snatByDefault
          : snat instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(snat));
      db.txVoid(h -> {
        Map<String, Object> row = row(h, ctx, routerId, true);
        if (!Objects.equals(row.get("enable_snat"), enable)) {
          L3Tables.ROUTERS.update(h, routerId, Map.of("enable_snat", enable), Resources.now());
        }
      });
    }
  }

  @SuppressWarnings("unchecked")
  private static boolean ipChange(Map<String, Object> gwPort, List<Map<String, Object>> extIps) {
    if (extIps.isEmpty()) {
      return false;
    }
    if (gwPort == null) {
      return true;
    }
    Set<Object> subnets = new HashSet<>();
    Set<Object> ips = new HashSet<>();
    for (Map<String, Object> f : (List<Map<String, Object>>) gwPort.get("fixed_ips")) {
      subnets.add(f.get("subnet_id"));
      ips.add(f.get("ip_address"));
    }
    Set<Object> newSubnets = new HashSet<>();
    Set<Object> newIps = new HashSet<>();
    for (Map<String, Object> f : extIps) {
      if (f.get("subnet_id") != null) {
        newSubnets.add(f.get("subnet_id"));
      }
      if (f.get("ip_address") != null) {
        newIps.add(f.get("ip_address"));
      }
    }
    return !subnets.equals(newSubnets) || !ips.equals(newIps);
  }

  /** _validate_gw_info: the network exists and is external; no external IP is a gateway IP. */
  private void validateGatewayNetwork(String networkId, List<Map<String, Object>> extIps) {
    db.txVoid(h -> {
      Map<String, Object> net = CoreTables.NETWORKS.find(h, networkId)
          .orElseThrow(() -> Faults.notFound("Network", networkId));
      if (!Boolean.TRUE.equals(net.get("router:external"))) {
        throw L3Faults.badRouter("Network " + networkId + " is not an external network");
      }
      for (Map<String, Object> ip : extIps) {
        for (Map<String, Object> s : CoreTables.SUBNETS.findWhere(h, "network_id", networkId)) {
          if (s.get("gateway_ip") != null && Objects.equals(s.get("gateway_ip"), ip.get("ip_address"))) {
            throw L3Faults.badRouter("External IP " + ip.get("ip_address") + " is the same as the gateway IP");
          }
        }
      }
    });
  }

  private void createGatewayPort(RequestContext ctx, String routerId, String networkId,
      List<Map<String, Object>> extIps) {
    db.txVoid(h -> checkDupRouterSubnets(h, routerId, CoreTables.SUBNETS.findWhere(h, "network_id", networkId)));
    Map<String, Object> port = new LinkedHashMap<>();
    port.put("project_id", "");
    port.put("tenant_id", "");
    port.put("network_id", networkId);
    if (!extIps.isEmpty()) {
      port.put("fixed_ips", extIps);
    }
    port.put("device_id", routerId);
    port.put("device_owner", L3RouterPlugin.OWNER_GATEWAY);
    port.put("admin_state_up", true);
    port.put("name", "");
    port.put("description", "");
    Map<String, Object> gw = p.ports.create(L3RouterPlugin.elevated(ctx), port);
    String portId = (String) gw.get("id");
    try {
      db.txVoid(h -> {
        row(h, ctx, routerId, true);
        h.execute("INSERT INTO router_ports (port_id, router_id, port_type) VALUES (?, ?, ?)",
            portId, routerId, L3RouterPlugin.OWNER_GATEWAY);
        L3Tables.ROUTERS.update(h, routerId, Map.of("gw_port_id", portId), Resources.now());
      });
    } catch (RuntimeException e) {
      p.deleteOwnPort(ctx, portId);
      throw e;
    }
  }

  /** _delete_current_gw_port: refused while floating IPs go through this router. */
  private void deleteGatewayPort(RequestContext ctx, String routerId, Map<String, Object> router,
      Map<String, Object> gwPort) {
    String portId = gwPort != null ? (String) gwPort.get("id") : (String) router.get("gw_port_id");
    if (portId == null) {
      return;
    }
    db.txVoid(h -> {
      // Locked first, as floating IP associations lock it before they look for the gateway.
      L3Tables.ROUTERS.findForUpdate(h, routerId).orElseThrow(() -> L3Faults.routerNotFound(routerId));
      int fips = h.createQuery("SELECT COUNT(*) FROM floatingips WHERE router_id = ?").bind(0, routerId)
          .mapTo(Integer.class).one();
      if (fips > 0) {
        String net = CoreTables.PORTS.find(h, portId).map(x -> (String) x.get("network_id")).orElse(null);
        throw Faults.conflict("RouterExternalGatewayInUseByFloatingIp", "Gateway cannot be updated "
            + "for router " + routerId + ", since a gateway to external network " + net
            + " is required by one or more floating IPs.");
      }
      h.execute("UPDATE routers SET gw_port_id = NULL WHERE id = ?", routerId);
    });
    p.deleteOwnPort(ctx, portId);
  }

  /** _check_for_dup_router_subnets: one port per subnet, no overlapping subnets on a router. */
  @SuppressWarnings("unchecked")
  private void checkDupRouterSubnets(Handle h, String routerId, List<Map<String, Object>> newSubnets) {
    Set<Object> newIds = new HashSet<>();
    newSubnets.forEach(s -> newIds.add(s.get("id")));
    List<String> routerSubnets = new ArrayList<>();
    for (Map<String, Object> port : routerPorts(h, routerId, null)) {
      for (Map<String, Object> ip : (List<Map<String, Object>>) port.get("fixed_ips")) {
        if (newIds.contains(ip.get("subnet_id"))) {
          throw L3Faults.badRouter("Router already has a port on subnet " + ip.get("subnet_id"));
        }
        if (L3RouterPlugin.OWNER_GATEWAY.equals(port.get("device_owner"))) {
          for (Map<String, Object> s : CoreTables.SUBNETS.findWhere(h, "network_id", port.get("network_id"))) {
            routerSubnets.add((String) s.get("id"));
          }
        } else {
          routerSubnets.add((String) ip.get("subnet_id"));
        }
      }
    }
    for (String subId : new LinkedHashSet<>(routerSubnets)) {
      Map<String, Object> sub = CoreTables.SUBNETS.find(h, subId).orElse(null);
      if (sub == null) {
        continue;
      }
      Cidr cidr = Cidr.parse((String) sub.get("cidr"));
      for (Map<String, Object> s : newSubnets) {
        Cidr other = Cidr.parse((String) s.get("cidr"));
        if (cidr.overlaps(other)) {
          throw L3Faults.badRouter("Cidr " + s.get("cidr") + " of subnet " + s.get("id")
              + " overlaps with cidr " + sub.get("cidr") + " of subnet " + subId);
        }
      }
    }
  }

  // ------------------------------------------------------------------ extra routes

  @SuppressWarnings("unchecked")
  private void replaceRoutes(Handle h, RequestContext ctx, String routerId, List<Map<String, Object>> routes) {
    List<Map<String, Object>> wanted = routes == null ? List.of() : routes;
    if (wanted.size() > p.maxRoutes) {
      throw new NeutronException("RoutesExhausted", 400, "Unable to complete operation for "
          + routerId + ". The number of routes exceeds the maximum " + p.maxRoutes + ".");
    }
    List<Cidr> cidrs = new ArrayList<>();
    Set<String> ips = new HashSet<>();
    for (Map<String, Object> port : routerPorts(h, routerId, null)) {
      for (Map<String, Object> ip : (List<Map<String, Object>>) port.get("fixed_ips")) {
        CoreTables.SUBNETS.find(h, (String) ip.get("subnet_id"))
            .ifPresent(s -> cidrs.add(Cidr.parse((String) s.get("cidr"))));
        ips.add(IpAddresses.canonical((String) ip.get("ip_address")));
      }
    }
    for (Map<String, Object> r : wanted) {
      String nexthop = (String) r.get("nexthop");
      if (cidrs.stream().noneMatch(c -> c.contains(nexthop))) {
        throw L3Faults.invalidRoutes(wanted, "the nexthop is not connected with router");
      }
      if (ips.contains(IpAddresses.canonical(nexthop))) {
        throw L3Faults.invalidRoutes(wanted, "the nexthop is used by router");
      }
    }
    h.execute("DELETE FROM router_routes WHERE router_id = ?", routerId);
    Set<String> seen = new HashSet<>();
    for (Map<String, Object> r : wanted) {
      String dst = (String) r.get("destination");
      String hop = (String) r.get("nexthop");
      if (seen.add(dst + " " + hop)) {
        h.execute("INSERT INTO router_routes (router_id, destination, nexthop) VALUES (?, ?, ?)",
            routerId, dst, hop);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> editRoutes(RequestContext ctx, String id, Map<String, Object> body, boolean add) {
    Object r = body.get("router");
    Object given = r instanceof Map<?, ?> m ? m.get("routes") : null;
    if (!(r instanceof Map<?, ?>) || given == null) {
      throw Faults.badRequest("Resource body required");
    }
    String msg = Validators.hostroutes().validate(given);
    if (msg != null) {
      throw Faults.invalidInput(msg);
    }
    List<Map<String, Object>> delta = (List<Map<String, Object>>) given;
    return Map.of("router", update(ctx, id, new LinkedHashMap<>(), old -> edited(old, delta, add)));
  }

  /** The routes {@code old} with {@code delta} added or removed (a destination may have several next hops). */
  private static List<Map<String, Object>> edited(List<Map<String, Object>> old,
      List<Map<String, Object>> delta, boolean add) {
    Map<String, LinkedHashSet<String>> byDst = new LinkedHashMap<>();
    for (Map<String, Object> o : old) {
      byDst.computeIfAbsent((String) o.get("destination"), k -> new LinkedHashSet<>()).add((String) o.get("nexthop"));
    }
    for (Map<String, Object> d : delta) {
      String dst = String.valueOf(d.get("destination"));
      String hop = String.valueOf(d.get("nexthop"));
      if (add) {
        byDst.computeIfAbsent(dst, k -> new LinkedHashSet<>()).add(hop);
      } else if (byDst.containsKey(dst)) {
        byDst.get(dst).remove(hop);
      }
    }
    List<Map<String, Object>> result = new ArrayList<>();
    byDst.forEach((dst, hops) -> hops.forEach(hop -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("destination", dst);
      m.put("nexthop", hop);
      result.add(m);
    }));
    return result;
  }

  // ------------------------------------------------------------------ interfaces

  @Override
  public Map<String, Object> action(RequestContext ctx, String id, String action, Map<String, Object> body) {
    return switch (action) {
      case "add_router_interface" -> new RouterInterfaces(p, this).add(ctx, id, body);
      case "remove_router_interface" -> new RouterInterfaces(p, this).remove(ctx, id, body);
      case "add_extraroutes" -> editRoutes(ctx, id, body, true);
      case "remove_extraroutes" -> editRoutes(ctx, id, body, false);
      default -> throw Faults.notFoundWith("HTTPNotFound", "The resource could not be found.");
    };
  }

  void checkDuplicates(Handle h, String routerId, List<Map<String, Object>> newSubnets) {
    checkDupRouterSubnets(h, routerId, newSubnets);
  }
}
