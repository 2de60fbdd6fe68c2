package io.neutrino.server.l3;

import io.neutrino.lib.ids.Uuids;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.events.Event;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.ListQuery;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.server.core.CoreTables;
import io.neutrino.server.core.Tags;
import io.neutrino.server.db.Database;
import io.neutrino.server.db.Resources;
import io.neutrino.server.db.Where;
import io.neutrino.server.ipam.IpAddresses;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * floatingips (neutron/db/l3_db.py): an address from an external network held by a hidden core
 * port, associated with an internal port's fixed IP through the router that connects them.
 */
final class FloatingIpResource implements ResourceHandler {
  private final L3RouterPlugin p;
  private final Database db;

  FloatingIpResource(L3RouterPlugin plugin) {
    this.p = plugin;
    this.db = plugin.db;
  }

  private Map<String, Object> row(Handle h, RequestContext ctx, String id, boolean lock) {
    var found = lock ? L3Tables.FLOATINGIPS.findForUpdate(h, id) : L3Tables.FLOATINGIPS.find(h, id);
    Map<String, Object> row = found.orElseThrow(() -> L3Faults.fipNotFound(id));
    if (!RouterResource.visible(ctx, row)) {
      throw L3Faults.fipNotFound(id);
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
        w.add("floatingips.project_id = ?", List.of(String.valueOf(ctx.projectId())));
      }
      p.tags.filter(w, "floatingips", q.filters());
      return Resources.list(h, L3Tables.FLOATINGIPS, q, w, new HashSet<>(Tags.FILTERS),
          rows -> decorate(h, rows));
    });
  }

  private List<Map<String, Object>> decorate(Handle h, List<Map<String, Object>> rows) {
    Map<Object, List<String>> tagsById = p.tags.load(h, rows);
    List<Object> portIds = new ArrayList<>();
    rows.forEach(r -> portIds.add(r.get("port_id")));
    Map<Object, Map<String, Object>> ports = CoreTables.PORTS.findAll(h, portIds);
    for (Map<String, Object> row : rows) {
      Resources.standardAttributes(row);
      row.remove("floating_port_id");
      row.remove("last_known_router_id");
      Map<String, Object> details = null;
      if (row.get("port_id") != null) {
        Map<String, Object> port = ports.get(row.get("port_id"));
        if (port != null) {
          details = new LinkedHashMap<>();
          for (String k : List.of("name", "network_id", "mac_address", "admin_state_up", "status",
              "device_id", "device_owner")) {
            details.put(k, port.get(k));
          }
        }
      }
      row.put("port_details", details);
      row.put("tags", tagsById.getOrDefault(row.get("id"), List.of()));
    }
    p.callbacks.extend("floatingip", rows, h);
    return rows;
  }

  /**
   * What an association resolves to: the port, its fixed IP, the router; and where the fixed IP
   * is (network, subnet), to find the router again when it is written.
   */
  private record Assoc(String portId, String fixedIp, String routerId, String networkId,
      String subnetId) {}

  private static final Assoc NONE = new Assoc(null, null, null, null, null);

  private static NeutronException unreachable(String externalNetworkId, String subnetId, String portId) {
    return Faults.notFoundWith("ExternalGatewayForFloatingIPNotFound", "External network "
        + externalNetworkId + " is not reachable from subnet " + subnetId + ".  Therefore, cannot "
        + "associate Port " + portId + " with a Floating IP.");
  }

  /**
   * In the transaction that writes an association: locks the port (a concurrent delete of it
   * either finished, and it is gone, or waits and then finds the association to undo) and the
   * router found earlier (interface removal and gateway changes hold it too), then finds the
   * router again, since either may have changed since {@link #assocData} looked.
   */
  private static Assoc confirmed(Handle h, Assoc a, String externalNetworkId) {
    if (a.portId() == null) {
      return a;
    }
    CoreTables.PORTS.findForUpdate(h, a.portId()).orElseThrow(() -> Faults.notFound("Port", a.portId()));
    L3Tables.ROUTERS.findForUpdate(h, a.routerId());
    String router = FloatingIpRouters.routerFor(h, a.networkId(), a.subnetId(), externalNetworkId);
    if (router == null) {
      throw unreachable(externalNetworkId, a.subnetId(), a.portId());
    }
    return new Assoc(a.portId(), a.fixedIp(), router, a.networkId(), a.subnetId());
  }

  /** _internal_fip_assoc_data + get_router_for_floatingip. */
  @SuppressWarnings("unchecked")
  private Assoc assocData(RequestContext ctx, String portId, String fixedIp, String projectId,
      String networkId) {
    Map<String, Object> port = p.ports.get(L3RouterPlugin.elevated(ctx), portId);
    if (!Objects.equals(port.get("project_id"), projectId) && !ctx.isAdmin()) {
      throw L3Faults.badFip("Cannot process floating IP association with Port " + portId
          + ", since that port is owned by a different tenant");
    }
    String owner = (String) port.get("device_owner");
    if (owner != null && owner.startsWith("network:")) {
      throw L3Faults.badFip("Port %(id)s is unable to be assigned a floating IP");
    }
    List<Map<String, Object>> ips = (List<Map<String, Object>>) port.get("fixed_ips");
    String subnetId = null;
    String address;
    if (fixedIp != null) {
      if (IpAddresses.version(fixedIp) != 4) {
        throw L3Faults.badFip("Cannot process floating IP association with " + fixedIp
            + ", since that is not an IPv4 address");
      }
      address = IpAddresses.canonical(fixedIp);
      for (Map<String, Object> f : ips) {
        if (IpAddresses.canonical((String) f.get("ip_address")).equals(address)) {
          subnetId = (String) f.get("subnet_id");
          address = (String) f.get("ip_address");
        }
      }
      if (subnetId == null) {
        throw L3Faults.badFip("Port " + portId + " does not have fixed ip " + fixedIp);
      }
    } else {
      List<Map<String, Object>> v4 = ips.stream()
          .filter(f -> IpAddresses.version((String) f.get("ip_address")) == 4).toList();
      if (v4.isEmpty()) {
        throw L3Faults.badFip("Cannot add floating IP to port " + portId
            + " that has no fixed IPv4 addresses");
      }
      if (v4.size() > 1) {
        throw L3Faults.badFip("Port " + portId + " has multiple fixed IPv4 addresses.  Must "
            + "provide a specific IPv4 address when assigning a floating IP");
      }
      address = (String) v4.get(0).get("ip_address");
      subnetId = (String) v4.get(0).get("subnet_id");
    }
    String subnet = subnetId;
    String portNetwork = (String) port.get("network_id");
    String routerId = db.read(h -> FloatingIpRouters.routerFor(h, portNetwork, subnet, networkId));
    if (routerId == null) {
      throw unreachable(networkId, subnet, portId);
    }
    return new Assoc(portId, address, routerId, portNetwork, subnet);
  }

  private static NeutronException alreadyAssociated(String portId, Map<String, Object> fip,
      String fixedIp) {
    return Faults.conflict("FloatingIPPortAlreadyAssociated", "Cannot associate floating IP "
        + fip.get("floating_ip_address") + " (" + fip.get("id") + ") with port " + portId
        + " using fixed IP " + fixedIp + ", as that fixed IP already has a floating IP on external "
        + "network " + fip.get("floating_network_id") + ".");
  }

  private void checkFree(Handle h, Assoc a, Map<String, Object> fip) {
    if (a.portId() == null) {
      return;
    }
    int n = h.createQuery("SELECT COUNT(*) FROM floatingips WHERE fixed_port_id = ? AND "
            + "floating_network_id = ? AND fixed_ip_address = ? AND id <> ?")
        .bind(0, a.portId()).bind(1, fip.get("floating_network_id")).bind(2, a.fixedIp())
        .bind(3, fip.get("id")).mapTo(Integer.class).one();
    if (n > 0) {
      throw alreadyAssociated(a.portId(), fip, a.fixedIp());
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<String, Object> create(RequestContext ctx, Map<String, Object> res) {
    p.publish("floatingip", Event.BEFORE_CREATE, null, ctx, null, null, res, res);
    String id = Uuids.randomString();
    String netId = (String) res.get("floating_network_id");
    String projectId = (String) res.get("project_id");
    Map<String, Object> net = db.read(h -> CoreTables.NETWORKS.find(h, netId)
        .orElseThrow(() -> Faults.notFound("Network", netId)));
    if (!Boolean.TRUE.equals(net.get("router:external"))) {
      throw L3Faults.badFip("Network " + netId + " is not a valid external network");
    }
    boolean hasV4 = db.read(h -> CoreTables.SUBNETS.findWhere(h, "network_id", netId).stream()
        .anyMatch(s -> Integer.valueOf(4).equals(s.get("ip_version"))));
    if (!hasV4) {
      throw L3Faults.badFip("Network " + netId + " does not contain any IPv4 subnet");
    }
    String portId = (String) res.get("port_id");
    String fixedIp = (String) res.get("fixed_ip_address");
    if (fixedIp != null && portId == null) {
      throw L3Faults.badFip("fixed_ip_address cannot be specified without a port_id");
    }
    Assoc resolved = portId == null ? NONE : assocData(ctx, portId, fixedIp, projectId, netId);
    Map<String, Object> port = new LinkedHashMap<>();
    port.put("project_id", "");
    port.put("tenant_id", "");
    port.put("network_id", netId);
    port.put("admin_state_up", true);
    port.put("device_id", id);
    port.put("device_owner", L3RouterPlugin.OWNER_FLOATINGIP);
    port.put("name", "");
    port.put("description", "");
    Map<String, Object> fixed = new LinkedHashMap<>();
    if (res.get("subnet_id") != null) {
      fixed.put("subnet_id", res.get("subnet_id"));
    }
    if (res.get("floating_ip_address") != null) {
      fixed.put("ip_address", res.get("floating_ip_address"));
    }
    if (!fixed.isEmpty()) {
      port.put("fixed_ips", List.of(fixed));
    }
    Map<String, Object> external = p.ports.create(L3RouterPlugin.elevated(ctx), port);
    String externalId = (String) external.get("id");
    try {
      db.txVoid(h -> {
        Assoc assoc = confirmed(h, resolved, netId);
        List<Map<String, Object>> v4 = ((List<Map<String, Object>>) external.get("fixed_ips")).stream()
            .filter(f -> IpAddresses.version((String) f.get("ip_address")) == 4).toList();
        if (v4.isEmpty()) {
          throw new NeutronException("ExternalIpAddressExhausted", 400,
              "Unable to find any IP address on external network " + netId + ".");
        }
        var now = Resources.now();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("project_id", projectId);
        row.put("description", Objects.requireNonNullElse(res.get("description"), ""));
        row.put("floating_ip_address", v4.get(0).get("ip_address"));
        row.put("floating_network_id", netId);
        row.put("floating_port_id", externalId);
        row.put("port_id", assoc.portId());
        row.put("fixed_ip_address", assoc.fixedIp());
        row.put("router_id", assoc.routerId());
        row.put("status", "DOWN");
        row.put("created_at", now);
        row.put("updated_at", now);
        row.put("revision_number", 1L);
        checkFree(h, assoc, row);
        try {
          L3Tables.FLOATINGIPS.insert(h, row);
        } catch (RuntimeException e) {
          if (Database.isDuplicateKey(e)) {
            throw alreadyAssociated(assoc.portId(), row, assoc.fixedIp());
          }
          throw e;
        }
        p.publish("floatingip", Event.PRECOMMIT_CREATE, h, ctx, id, null, row, res);
      });
    } catch (RuntimeException e) {
      p.deleteOwnPort(ctx, externalId);
      throw e;
    }
    Map<String, Object> created = get(ctx, id);
    p.publish("floatingip", Event.AFTER_CREATE, null, ctx, id, null, created, res);
    return created;
  }

  @Override
  public Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes) {
    p.publish("floatingip", Event.BEFORE_UPDATE, null, ctx, id, null, changes, changes);
    Map<String, Object> original = get(ctx, id);
    Map<String, Object> current = db.read(h -> row(h, ctx, id, false));
    String portId = (String) changes.get("port_id");
    String fixedIp = (String) changes.get("fixed_ip_address");
    if (fixedIp != null && portId == null) {
      throw L3Faults.badFip("fixed_ip_address cannot be specified without a port_id");
    }
    String netId = (String) current.get("floating_network_id");
    String projectId = (String) current.get("project_id");
    Assoc resolved;
    if (portId != null) {
      resolved = assocData(ctx, portId, fixedIp, projectId, netId);
    } else if (!changes.containsKey("port_id") && current.get("port_id") != null) {
      resolved = assocData(ctx, (String) current.get("port_id"), fixedIp, projectId, netId);
    } else {
      resolved = NONE;
    }
    db.txVoid(h -> {
      Assoc assoc = confirmed(h, resolved, netId);
      Map<String, Object> row = row(h, ctx, id, true);
      if (!Objects.equals(assoc.portId(), row.get("port_id"))
          || !Objects.equals(assoc.fixedIp(), row.get("fixed_ip_address"))) {
        checkFree(h, assoc, row);
      }
      Map<String, Object> set = new LinkedHashMap<>();
      set.put("port_id", assoc.portId());
      set.put("fixed_ip_address", assoc.fixedIp());
      set.put("router_id", assoc.routerId());
      set.put("last_known_router_id", row.get("router_id"));
      if (changes.containsKey("description")) {
        set.put("description", changes.get("description"));
      }
      try {
        L3Tables.FLOATINGIPS.update(h, id, set, Resources.now());
      } catch (RuntimeException e) {
        if (Database.isDuplicateKey(e)) {
          throw alreadyAssociated(assoc.portId(), row, assoc.fixedIp());
        }
        throw e;
      }
      p.publish("floatingip", Event.PRECOMMIT_UPDATE, h, ctx, id, row, set, changes);
    });
    Map<String, Object> updated = get(ctx, id);
    p.publish("floatingip", Event.AFTER_UPDATE, null, ctx, id, original, updated, changes);
    return updated;
  }

  @Override
  public void delete(RequestContext ctx, String id) {
    p.publish("floatingip", Event.BEFORE_DELETE, null, ctx, id, null, null, null);
    Map<String, Object> fip = db.read(h -> row(h, ctx, id, false));
    // The floating port's delete transaction takes the floating IP with it (PRECOMMIT_DELETE);
    // only when it did not (no port, or it was gone) is there anything left to delete here.
    p.deleteOwnPort(ctx, (String) fip.get("floating_port_id"));
    if (db.read(h -> L3Tables.FLOATINGIPS.find(h, id).isPresent())) {
      db.txVoid(h -> {
        if (L3Tables.FLOATINGIPS.findForUpdate(h, id).isPresent()) {
          p.publish("floatingip", Event.PRECOMMIT_DELETE, h, ctx, id, fip, null, null);
          p.tags.deleteAll(h, id);
          L3Tables.FLOATINGIPS.delete(h, id);
        }
      });
    }
    p.publish("floatingip", Event.AFTER_DELETE, null, ctx, id, fip, null, null);
  }
}
