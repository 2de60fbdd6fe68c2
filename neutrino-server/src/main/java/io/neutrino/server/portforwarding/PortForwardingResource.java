package io.neutrino.server.portforwarding;

import io.neutrino.lib.ids.Uuids;
import static io.neutrino.server.db.Column.Kind.INT;
import static io.neutrino.server.db.Column.Kind.STRING;

import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.events.Event;
import io.neutrino.lib.events.ResourceEvent;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.ListQuery;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.lib.spi.SubResourceHandler;
import io.neutrino.server.db.Column;
import io.neutrino.server.db.Database;
import io.neutrino.server.db.Resources;
import io.neutrino.server.db.StandardColumns;
import io.neutrino.server.db.Table;
import io.neutrino.server.db.Where;
import io.neutrino.server.ipam.IpAddresses;
import io.neutrino.server.l3.FloatingIpRouters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * /floatingips/{id}/port_forwardings (neutron/services/portforwarding/pf_plugin.py): a floating
 * IP that is not associated with a port forwards one external port and protocol to a port and
 * fixed IPv4 address inside, through the router connecting them (which the floating IP then
 * records; it forgets it when its last forwarding goes). Collisions on either side are refused
 * with Neutron's BadRequest messages; the database's unique keys settle races the same way.
 */
final class PortForwardingResource implements SubResourceHandler {
  static final Table TABLE = new Table("port_forwardings", StandardColumns.unnamed(
      Column.of("floatingip_id", STRING),
      Column.of("internal_port_id", "internal_neutron_port_id", STRING),
      Column.of("protocol", STRING),
      Column.of("internal_ip_address", STRING),
      Column.of("internal_port", INT),
      Column.of("internal_port_end", INT),
      Column.of("external_port", INT),
      Column.of("external_port_end", INT)));

  /**
   * One side of a forwarding (floating-ip-port-forwarding-port-ranges): its first and last port,
   * stored as {@code <side>} and {@code <side>_end}; a single port is a range of one.
   */
  record Ports(int first, int last) {
    static final String INSIDE = "internal_port";
    static final String OUTSIDE = "external_port";

    static Ports of(Map<String, Object> row, String side) {
      int first = ((Number) row.get(side)).intValue();
      Object last = row.get(side + "_end");
      return new Ports(first, last == null ? first : ((Number) last).intValue());
    }

    boolean single() {
      return first == last;
    }

    int span() {
      return last - first;
    }

    String range() {
      return first + ":" + last;
    }

    boolean overlaps(Ports other) {
      return Math.max(first, other.first) <= Math.min(last, other.last);
    }

    void into(Map<String, Object> row, String side) {
      row.put(side, first);
      row.put(side + "_end", last);
    }
  }

  /**
   * A side as a request gives it: a port ({@code internal_port}), a range ({@code
   * internal_port_range}, "low:high" or one port, already validated), or null for neither. Zed
   * accepts both at once and lets the port silently win; here that is refused.
   */
  static Ports requested(Map<String, Object> request, String side) {
    Object port = request.get(side);
    Object range = request.get(side + "_range");
    if (port != null && range != null) {
      throw bad("Specify either " + side + " or " + side + "_range, not both");
    }
    if (port != null) {
      int p = ((Number) port).intValue();
      return new Ports(p, p);
    }
    if (range == null) {
      return null;
    }
    String[] bounds = String.valueOf(range).trim().split(":");
    int first = Integer.parseInt(bounds[0].trim());
    return new Ports(first, bounds.length > 1 ? Integer.parseInt(bounds[1].trim()) : first);
  }

  /** _validate_ranges: N external ports go to N internal ports or to one. */
  static void checkRelation(Ports inside, Ports outside) {
    if (inside.span() > 0 && inside.span() != outside.span()) {
      throw bad("Invalid ranges of internal and/or external ports. The relation between internal "
          + "and external ports must be N-N or 1-N");
    }
  }

  private final Database db;
  private final Callbacks callbacks;
  private final ResourceHandler floatingips;
  private final ResourceHandler ports;

  PortForwardingResource(Database db, Callbacks callbacks, ResourceHandler floatingips,
      ResourceHandler ports) {
    this.db = db;
    this.callbacks = callbacks;
    this.floatingips = floatingips;
    this.ports = ports;
  }

  static NeutronException notFound(String id) {
    return Faults.notFound("Port Forwarding", id);
  }

  static NeutronException bad(String msg) {
    return Faults.badRequestFor("port_forwarding", msg);
  }

  /** The floating IP as the caller may see it (FloatingIPNotFound otherwise). */
  private Map<String, Object> fip(RequestContext ctx, String fipId) {
    return floatingips.get(ctx, fipId);
  }

  private static Map<String, Object> lockFip(Handle h, String fipId) {
    return h.createQuery("SELECT id, project_id, floating_ip_address, floating_network_id, "
            + "fixed_port_id, router_id FROM floatingips WHERE id = ? FOR UPDATE")
        .bind(0, fipId).mapToMap().findFirst()
        .orElseThrow(() -> new NeutronException("FloatingIPNotFound", 404,
            "Floating IP " + fipId + " could not be found"));
  }

  /** As Zed shows one: the ranges always, a side's single port only when it is one port. */
  private static Map<String, Object> show(Map<String, Object> row, Object projectId) {
    Ports inside = Ports.of(row, Ports.INSIDE);
    Ports outside = Ports.of(row, Ports.OUTSIDE);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", row.get("id"));
    out.put("external_port", outside.single() ? outside.first() : null);
    out.put("internal_port", inside.single() ? inside.first() : null);
    out.put("external_port_range", outside.range());
    out.put("internal_port_range", inside.range());
    for (String k : List.of("internal_ip_address", "protocol", "internal_port_id", "description")) {
      out.put(k, row.get(k));
    }
    out.put("project_id", projectId);
    return out;
  }

  private void publish(Event event, Handle h, RequestContext ctx, String id,
      Map<String, Object> original, Map<String, Object> latest, Map<String, Object> request) {
    callbacks.publish(new ResourceEvent("port_forwarding", event, ctx, id, original, latest,
        request, h));
  }

  // ------------------------------------------------------------------ checks

  /**
   * _check_port_collisions: no two forwardings of one inside socket (port, address, protocol)
   * share an internal port, and no two of one floating IP and protocol an external port.
   */
  private static void checkCollisions(Handle h, String fipId, Map<String, Object> pf, String selfId) {
    List<Map<String, Object>> sameInside = TABLE.select(h, new Where()
            .add("internal_neutron_port_id = ?", List.of(pf.get("internal_port_id")))
            .add("protocol = ?", List.of(pf.get("protocol")))
            .add("internal_ip_address = ?", List.of(pf.get("internal_ip_address"))),
        List.of(), null, false, null);
    collide(sameInside, Ports.INSIDE, Ports.of(pf, Ports.INSIDE), selfId);
    List<Map<String, Object>> sameFip = TABLE.select(h, new Where()
            .add("floatingip_id = ?", List.of(fipId)).add("protocol = ?", List.of(pf.get("protocol"))),
        List.of(), null, false, null);
    collide(sameFip, Ports.OUTSIDE, Ports.of(pf, Ports.OUTSIDE), selfId);
  }

  private static void collide(List<Map<String, Object>> others, String side, Ports wanted, String selfId) {
    for (Map<String, Object> o : others) {
      Ports existing = Ports.of(o, side);
      if (!o.get("id").equals(selfId) && existing.overlaps(wanted)) {
        throw bad("There is a port collision with the " + side + "_range. The following ranges "
            + "collides: " + existing.range() + " and " + wanted.range());
      }
    }
  }

  /** _check_port_has_binding_floating_ip. */
  private static void checkNoFloatingIpOnPort(Handle h, Map<String, Object> pf) {
    h.createQuery("SELECT id, floating_ip_address FROM floatingips WHERE fixed_port_id = ? ORDER BY id")
        .bind(0, pf.get("internal_port_id")).mapToMap().findFirst().ifPresent(f -> {
          throw Faults.conflict("PortHasBindingFloatingIP", "Cannot create port forwarding to "
              + "floating IP " + f.get("floating_ip_address") + " (" + f.get("id") + ") with port "
              + pf.get("internal_port_id") + " using fixed IP " + pf.get("internal_ip_address")
              + ", as that port already has a binding floating IP.");
        });
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> fixedIps(Map<String, Object> port) {
    return (List<Map<String, Object>>) port.get("fixed_ips");
  }

  private static String pyFixedIps(List<Map<String, Object>> ips) {
    List<String> out = new ArrayList<>();
    for (Map<String, Object> f : ips) {
      out.add("{'subnet_id': '" + f.get("subnet_id") + "', 'ip_address': '" + f.get("ip_address") + "'}");
    }
    return "[" + String.join(", ", out) + "]";
  }

  /**
   * _find_a_router_for_fip_port_forwarding: the port needs an IPv4 address (the first one is
   * taken when none is named); its subnet must reach the floating IP's network through a router.
   */
  private static String findRouter(Handle h, Map<String, Object> port, Map<String, Object> pf,
      Map<String, Object> fip) {
    String portId = (String) pf.get("internal_port_id");
    List<Map<String, Object>> v4 = fixedIps(port).stream()
        .filter(f -> IpAddresses.version((String) f.get("ip_address")) == 4).toList();
    if (v4.isEmpty()) {
      throw bad("Requested internal port " + portId + " must allocate an IPv4 address at least");
    }
    String subnetId = null;
    String wanted = (String) pf.get("internal_ip_address");
    if (wanted == null) {
      pf.put("internal_ip_address", v4.get(0).get("ip_address"));
      subnetId = (String) v4.get(0).get("subnet_id");
    } else {
      for (Map<String, Object> f : v4) {
        if (IpAddresses.canonical((String) f.get("ip_address")).equals(IpAddresses.canonical(wanted))) {
          subnetId = (String) f.get("subnet_id");
        }
      }
      if (subnetId == null) {
        throw bad("Requested internal IP address " + wanted + " is not suitable for internal "
            + "neutron port " + portId + ", as its fixed_ips are " + pyFixedIps(v4));
      }
    }
    String router = FloatingIpRouters.routerFor(h, (String) port.get("network_id"), subnetId,
        (String) fip.get("floating_network_id"));
    if (router == null) {
      throw bad("External network " + fip.get("floating_network_id") + " is not reachable from "
          + "subnet " + subnetId + ". Cannot set Port forwarding for port " + portId
          + " with Floating IP " + fip.get("id"));
    }
    return router;
  }

  /** _check_router_match. */
  private static void checkRouterMatch(Handle h, Map<String, Object> fip, String router,
      Map<String, Object> pf) {
    Object current = fip.get("router_id");
    if (current == null || current.equals(router)) {
      return;
    }
    int same = h.createQuery("SELECT COUNT(*) FROM port_forwardings WHERE floatingip_id = ? AND "
            + "internal_ip_address = ? AND internal_port = ?")
        .bind(0, fip.get("id")).bind(1, pf.get("internal_ip_address"))
        .bind(2, pf.get("internal_port")).mapTo(Integer.class).one();
    if (same > 0) {
      throw bad("Floating IP " + fip.get("id") + " with params: internal_ip_address: "
          + pf.get("internal_ip_address") + ", internal_port: " + pf.get("internal_port")
          + " already exists");
    }
    throw bad("The Floating IP " + fip.get("id") + " had been set on router " + current
        + ", the internal Neutron port " + pf.get("internal_port_id") + " can not reach it");
  }

  private static NeutronException duplicate(Map<String, Object> pf, String fipId) {
    return bad("A duplicate port forwarding entry with same attributes already exists, "
        + "conflicting values are {'floatingip_id': '" + fipId + "', 'external_port': "
        + pf.get("external_port") + ", 'protocol': '" + pf.get("protocol") + "'}");
  }

  // ------------------------------------------------------------------ handler

  @Override
  public Map<String, Object> create(RequestContext ctx, String fipId, Map<String, Object> res) {
    Map<String, Object> fipShown = fip(ctx, fipId);
    Map<String, Object> pf = new LinkedHashMap<>(res);
    pf.put("internal_ip_address", res.get("internal_ip_address") == null ? null
        : IpAddresses.canonical((String) res.get("internal_ip_address")));
    Ports inside = requested(res, Ports.INSIDE);
    Ports outside = requested(res, Ports.OUTSIDE);
    if (inside == null || outside == null) {
      throw bad("A port forwarding needs an internal and an external port or port range");
    }
    checkRelation(inside, outside);
    inside.into(pf, Ports.INSIDE);
    outside.into(pf, Ports.OUTSIDE);
    String id = Uuids.randomString();
    // Read before the transaction: the port handler takes a connection of its own.
    Map<String, Object> port = ports.get(ctx, (String) pf.get("internal_port_id"));
    try {
      return db.tx(h -> {
        checkCollisions(h, fipId, pf, id);
        checkNoFloatingIpOnPort(h, pf);
        Map<String, Object> fip = lockFip(h, fipId);
        if (fip.get("fixed_port_id") != null) {
          throw Faults.conflict("FloatingIPPortAlreadyAssociated", "Cannot associate floating IP "
              + fip.get("floating_ip_address") + " (" + fipId + ") with port "
              + pf.get("internal_port_id") + " using fixed IP " + pf.get("internal_ip_address")
              + ", as that fixed IP already has a floating IP on external network "
              + fip.get("floating_network_id") + ".");
        }
        String router = findRouter(h, port, pf, fip);
        checkRouterMatch(h, fip, router, pf);
        if (fip.get("router_id") == null) {
          h.execute("UPDATE floatingips SET router_id = ? WHERE id = ?", router, fipId);
        }
        Instant now = Resources.now();
        Map<String, Object> row = new LinkedHashMap<>(pf);
        row.put("id", id);
        row.put("floatingip_id", fipId);
        row.put("description", Objects.requireNonNullElse(res.get("description"), ""));
        row.put("created_at", now);
        row.put("updated_at", now);
        row.put("revision_number", 1L);
        TABLE.insert(h, row);
        Map<String, Object> out = show(TABLE.find(h, id).orElseThrow(), fipShown.get("project_id"));
        publish(Event.PRECOMMIT_CREATE, h, ctx, id, null, out, res);
        return out;
      });
    } catch (RuntimeException e) {
      if (Database.isDuplicateKey(e)) {
        throw duplicate(pf, fipId);
      }
      throw e;
    }
  }

  private static Map<String, Object> pfOf(Handle h, String fipId, String id, boolean lock) {
    var row = lock ? TABLE.findForUpdate(h, id) : TABLE.find(h, id);
    return row.filter(r -> fipId.equals(r.get("floatingip_id"))).orElseThrow(() -> notFound(id));
  }

  @Override
  public Map<String, Object> get(RequestContext ctx, String fipId, String id) {
    Map<String, Object> fip = fip(ctx, fipId);
    return db.read(h -> show(pfOf(h, fipId, id, false), fip.get("project_id")));
  }

  /**
   * Filters as Zed's object filters them: {@code external_port=p} is the single port p (a range
   * starting at p is not it), {@code external_port_range=a:b} that exact range.
   */
  @Override
  public List<Map<String, Object>> list(RequestContext ctx, String fipId, ListQuery q) {
    Map<String, Object> fip = fip(ctx, fipId);
    Where where = new Where().add("port_forwardings.floatingip_id = ?", List.of(fipId));
    if (q.filters().containsKey(Ports.OUTSIDE)) {
      where.add("port_forwardings.external_port_end = port_forwardings.external_port", List.of());
    }
    List<Object> ranges = q.filters().get("external_port_range");
    if (ranges != null) {
      List<String> any = new ArrayList<>();
      List<Object> bounds = new ArrayList<>();
      for (Object r : ranges) {
        Ports p = requested(Map.of("external_port_range", r), Ports.OUTSIDE);
        any.add("(port_forwardings.external_port = ? AND port_forwardings.external_port_end = ?)");
        bounds.add(p.first());
        bounds.add(p.last());
      }
      where.add("(" + String.join(" OR ", any) + ")", bounds);
    }
    return db.read(h -> Resources.list(h, TABLE, q, where, Set.of("external_port_range"), rows -> {
          List<Map<String, Object>> out = new ArrayList<>();
          rows.forEach(r -> out.add(show(r, fip.get("project_id"))));
          return out;
        }));
  }

  @Override
  public Map<String, Object> update(RequestContext ctx, String fipId, String id,
      Map<String, Object> changes) {
    Map<String, Object> fipShown = fip(ctx, fipId);
    Map<String, Object> wanted = new LinkedHashMap<>(changes);
    Ports inside = requested(changes, Ports.INSIDE);
    Ports outside = requested(changes, Ports.OUTSIDE);
    for (String side : List.of(Ports.INSIDE, Ports.OUTSIDE)) {
      wanted.remove(side);
      wanted.remove(side + "_range");
    }
    if (wanted.get("internal_ip_address") != null) {
      wanted.put("internal_ip_address", IpAddresses.canonical((String) wanted.get("internal_ip_address")));
    }
    Map<String, Object> probe = new LinkedHashMap<>();
    // The ports are read before the transaction: the port handler takes a connection of its own.
    Object newPort = wanted.get("internal_port_id");
    String portId = newPort != null ? (String) newPort
        : (String) db.read(h -> pfOf(h, fipId, id, false)).get("internal_port_id");
    Map<String, Object> port = ports.get(ctx, portId);
    try {
      return db.tx(h -> {
        if (newPort != null) {
          checkNoFloatingIpOnPort(h, wanted);
        }
        Map<String, Object> fip = lockFip(h, fipId);
        Map<String, Object> current = pfOf(h, fipId, id, true);
        if (newPort == null && !portId.equals(current.get("internal_port_id"))) {
          throw new Database.RetryRequest("port forwarding " + id + " changed port meanwhile");
        }
        if (newPort != null && !newPort.equals(current.get("internal_port_id"))) {
          Map<String, Object> target = new LinkedHashMap<>(wanted);
          target.put("internal_port", inside != null ? inside.first() : current.get("internal_port"));
          String router = findRouter(h, port, target, fip);
          wanted.put("internal_ip_address", target.get("internal_ip_address"));
          checkRouterMatch(h, fip, router, target);
        }
        // A new inside socket is the address and port together (_check_port_forwarding_update).
        if (wanted.get("internal_ip_address") != null || inside != null) {
          if (wanted.get("internal_ip_address") == null) {
            wanted.put("internal_ip_address", current.get("internal_ip_address"));
          }
          (inside != null ? inside : Ports.of(current, Ports.INSIDE)).into(wanted, Ports.INSIDE);
        }
        if (outside != null) {
          outside.into(wanted, Ports.OUTSIDE);
        }
        Map<String, Object> merged = new LinkedHashMap<>(current);
        merged.putAll(wanted);
        probe.putAll(merged);
        checkRelation(Ports.of(merged, Ports.INSIDE), Ports.of(merged, Ports.OUTSIDE));
        checkUpdate(h, port, merged, fip);
        if (inside != null || outside != null) {
          checkCollisions(h, fipId, merged, id);
        }
        publish(Event.PRECOMMIT_UPDATE, h, ctx, id, current, merged, changes);
        TABLE.update(h, id, wanted, Resources.now());
        return show(TABLE.find(h, id).orElseThrow(), fipShown.get("project_id"));
      });
    } catch (RuntimeException e) {
      if (Database.isDuplicateKey(e)) {
        throw duplicate(probe, fipId);
      }
      throw e;
    }
  }

  /** _check_port_forwarding_update: the address is the port's; no twin outside or inside. */
  private static void checkUpdate(Handle h, Map<String, Object> port, Map<String, Object> pf,
      Map<String, Object> fip) {
    boolean found = fixedIps(port).stream().anyMatch(f ->
        IpAddresses.canonical((String) f.get("ip_address")).equals(pf.get("internal_ip_address")));
    if (!found) {
      throw bad("The internal IP does not correspond to an address on the internal port, which "
          + "has fixed_ips " + pyFixedIps(fixedIps(port)));
    }
    for (Map<String, Object> o : TABLE.select(h, new Where()
            .add("floatingip_id = ?", List.of(fip.get("id"))).add("protocol = ?", List.of(pf.get("protocol"))),
        List.of(), null, false, null)) {
      if (o.get("id").equals(pf.get("id"))) {
        continue;
      }
      if (Objects.equals(o.get("external_port"), pf.get("external_port"))) {
        throw bad("Another port forwarding entry with the same attributes already exists, "
            + "conflicting values are {'floating_ip_address': '" + fip.get("floating_ip_address")
            + "', 'external_port': " + o.get("external_port") + "}");
      }
      if (Objects.equals(o.get("internal_port_id"), pf.get("internal_port_id"))
          && Objects.equals(o.get("internal_ip_address"), pf.get("internal_ip_address"))
          && Objects.equals(o.get("internal_port"), pf.get("internal_port"))) {
        throw bad("Another port forwarding entry with the same attributes already exists, "
            + "conflicting values are {'internal_port_id': '" + o.get("internal_port_id")
            + "', 'internal_ip_address': '" + o.get("internal_ip_address") + "', 'internal_port': "
            + o.get("internal_port") + "}");
      }
    }
  }

  @Override
  public void delete(RequestContext ctx, String fipId, String id) {
    fip(ctx, fipId);
    db.txVoid(h -> {
      lockFip(h, fipId);
      Map<String, Object> row = pfOf(h, fipId, id, true);
      publish(Event.PRECOMMIT_DELETE, h, ctx, id, row, null, null);
      remove(h, row);
    });
  }

  /** Deletes one forwarding; the floating IP forgets its router with its last forwarding. */
  static void remove(Handle h, Map<String, Object> pf) {
    TABLE.delete(h, (String) pf.get("id"));
    int left = h.createQuery("SELECT COUNT(*) FROM port_forwardings WHERE floatingip_id = ?")
        .bind(0, pf.get("floatingip_id")).mapTo(Integer.class).one();
    if (left == 0) {
      h.execute("UPDATE floatingips SET router_id = NULL WHERE id = ?", pf.get("floatingip_id"));
    }
  }
}
