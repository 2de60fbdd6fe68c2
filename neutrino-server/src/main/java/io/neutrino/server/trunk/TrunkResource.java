package io.neutrino.server.trunk;

import io.neutrino.lib.ids.Uuids;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.ListQuery;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.lib.validate.Validators;
import io.neutrino.server.core.Tags;
import io.neutrino.server.db.Database;
import io.neutrino.server.db.Resources;
import io.neutrino.server.db.Where;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * trunks and their subport actions (TrunkPlugin, rules.TrunkPortValidator and
 * SubPortsValidator). The parent must be a visible port that is neither a subport
 * (TrunkPortInUse) nor another trunk's parent, and if bound, bound where a driver can trunk it
 * (ParentPortInUse). Each subport must not be the parent (ParentPortInUse), must fit the parent's
 * MTU, needs a known segmentation type ('inherit' takes the network's) with an ID in range, and
 * must be a free port: no trunk's, no device's (TrunkPortInUse, ParentPortInUse, PortInUse). A
 * disabled trunk cannot be deleted or changed in its subports (TrunkDisabled).
 */
final class TrunkResource implements ResourceHandler {
  private static final String INHERIT = "inherit";

  private final Database db;
  private final TrunkDrivers drivers;
  private final ResourceHandler ports;
  private final ResourceHandler networks;
  private final Tags tags = new Tags();

  TrunkResource(Database db, TrunkDrivers drivers, ResourceHandler ports, ResourceHandler networks) {
    this.db = db;
    this.drivers = drivers;
    this.ports = ports;
    this.networks = networks;
  }

  private static RequestContext elevated(RequestContext ctx) {
    return ctx.isAdmin() ? ctx : new RequestContext(ctx.userId(), ctx.projectId(), ctx.roles(), true,
        ctx.requestId());
  }

  private static NeutronException invalid(String msg) {
    return Faults.invalidInput(msg);
  }

  /** The subports of the given trunks, ordered by port, optionally with their ports' MACs. */
  static Map<String, List<Map<String, Object>>> subportsOf(Handle h, List<Object> trunkIds,
      boolean withMac) {
    Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
    for (int from = 0; from < trunkIds.size(); from += 500) {
      List<Object> chunk = trunkIds.subList(from, Math.min(trunkIds.size(), from + 500));
      var q = h.createQuery("SELECT subports.trunk_id, subports.port_id, subports.segmentation_type, "
          + "subports.segmentation_id, ports.mac_address FROM subports JOIN ports ON ports.id = "
          + "subports.port_id WHERE subports.trunk_id IN ("
          + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ") ORDER BY subports.port_id");
      for (int i = 0; i < chunk.size(); i++) {
        q.bind(i, chunk.get(i));
      }
      q.mapToMap().forEach(r -> {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("segmentation_id", ((Number) r.get("segmentation_id")).intValue());
        s.put("segmentation_type", r.get("segmentation_type"));
        s.put("port_id", r.get("port_id"));
        if (withMac) {
          s.put("mac_address", r.get("mac_address"));
        }
        out.computeIfAbsent((String) r.get("trunk_id"), k -> new ArrayList<>()).add(s);
      });
    }
    return out;
  }

  private List<Map<String, Object>> decorate(Handle h, List<Map<String, Object>> rows) {
    if (rows.isEmpty()) {
      return rows;
    }
    Map<String, List<Map<String, Object>>> subports = subportsOf(h, Resources.ids(rows), false);
    Map<Object, List<String>> tagsById = tags.load(h, rows);
    for (Map<String, Object> row : rows) {
      Resources.standardAttributes(row);
      row.put("sub_ports", subports.getOrDefault((String) row.get("id"), List.of()));
      row.put("tags", tagsById.getOrDefault(row.get("id"), List.of()));
    }
    return rows;
  }

  /** _get_trunk: the caller's trunk (any for an admin), else TrunkNotFound. */
  private static Map<String, Object> trunk(Handle h, RequestContext ctx, String id, boolean lock) {
    var row = lock ? TrunkTables.TRUNKS.findForUpdate(h, id) : TrunkTables.TRUNKS.find(h, id);
    Map<String, Object> t = row.orElseThrow(() -> TrunkFaults.trunkNotFound(id));
    if (!ctx.isAdmin() && !Objects.equals(ctx.projectId(), t.get("project_id"))) {
      throw TrunkFaults.trunkNotFound(id);
    }
    return t;
  }

  // ------------------------------------------------------------------ validation

  /** TrunkPortValidator.validate(parent_port=True). */
  private void validateParent(RequestContext ctx, String portId) {
    checkNotTrunked(portId);
    Map<String, Object> port = ports.get(ctx, portId);
    if (!canBeTrunkedOrUntrunked(port)) {
      throw TrunkFaults.parentPortInUse(portId);
    }
  }

  /** A port that is already a subport or a parent cannot join another trunk. */
  private void checkNotTrunked(Object portId) {
    db.read(h -> {
      if (trunkOfSubport(h, portId) != null) {
        throw TrunkFaults.trunkPortInUse(portId);
      }
      if (!TrunkTables.TRUNKS.findWhere(h, "port_id", portId).isEmpty()) {
        throw TrunkFaults.parentPortInUse(portId);
      }
      return null;
    });
  }

  /** can_be_trunked_or_untrunked: unbound, or bound where the serving driver allows it. */
  private boolean canBeTrunkedOrUntrunked(Map<String, Object> port) {
    Object host = port.get("binding:host_id");
    if (host == null || host.toString().isEmpty()) {
      return true;
    }
    return drivers.canTrunkBound(port.get("binding:vif_type"));
  }

  private Integer networkMtu(RequestContext ctx, String portId) {
    try {
      Map<String, Object> port = ports.get(ctx, portId);
      return (Integer) networks.get(ctx, (String) port.get("network_id")).get("mtu");
    } catch (NeutronException notFound) {
      if (notFound.status() == 404) {
        return null;
      }
      throw notFound;
    }
  }

  /** SubPortsValidator.validate with trunk validation: the subports as they will be stored. */
  private List<Map<String, Object>> validateSubports(RequestContext ctx, List<Map<String, Object>> subports,
      String parentPortId) {
    Integer trunkMtu = networkMtu(ctx, parentPortId);
    List<Map<String, Object>> prepared = new ArrayList<>();
    Map<Object, Integer> mtus = new LinkedHashMap<>();
    for (Map<String, Object> s : subports) {
      Map<String, Object> sub = new LinkedHashMap<>(s);
      Map<String, Object> port;
      try {
        port = ports.get(ctx, (String) s.get("port_id"));
      } catch (NeutronException notFound) {
        prepared.add(sub);
        continue;
      }
      Map<String, Object> net = networks.get(elevated(ctx), (String) port.get("network_id"));
      if (INHERIT.equals(s.get("segmentation_type"))) {
        sub = new LinkedHashMap<>();
        sub.put("port_id", s.get("port_id"));
        sub.put("segmentation_id", net.get("provider:segmentation_id"));
        sub.put("segmentation_type", net.get("provider:network_type"));
      }
      mtus.put(s.get("port_id"), (Integer) net.get("mtu"));
      prepared.add(sub);
    }
    for (Map<String, Object> sub : prepared) {
      Object portId = sub.get("port_id");
      if (portId.equals(parentPortId)) {
        throw TrunkFaults.parentPortInUse(portId);
      }
      Integer mtu = mtus.get(portId);
      if (trunkMtu != null && mtu != null && mtu > trunkMtu) {
        throw TrunkFaults.mtuTooBig(portId, mtu, parentPortId, trunkMtu);
      }
      Object type = sub.get("segmentation_type");
      Object segId = sub.get("segmentation_id");
      if (!sub.containsKey("segmentation_type") || !sub.containsKey("segmentation_id")) {
        throw invalid("Invalid subport details '" + io.neutrino.lib.validate.Py.repr(sub)
            + "': missing segmentation information. Must specify both segmentation_id and "
            + "segmentation_type");
      }
      int id;
      try {
        id = io.neutrino.lib.validate.Converters.toInt(segId).intValue();
      } catch (RuntimeException e) {
        throw invalid("Invalid subport details: segmentation_id '" + segId + "' is not an integer");
      }
      if (!drivers.segmentationTypes().contains(type)) {
        throw invalid("Unknown segmentation_type '" + type + "'");
      }
      if (id < 1 || id > 4094) {
        throw invalid("Segmentation ID '" + id + "' is not in range");
      }
      sub.put("segmentation_id", id);
      checkNotTrunked(portId);
      Map<String, Object> port = ports.get(ctx, (String) portId);
      Object device = port.get("device_id");
      if (device != null && !device.toString().isEmpty()) {
        throw TrunkFaults.portInUse(portId, port.get("network_id"), device);
      }
    }
    return prepared;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> asSubports(Object v) {
    String msg = Validators.subports().validate(v);
    if (msg != null) {
      throw invalid(msg);
    }
    return (List<Map<String, Object>>) v;
  }

  /** The trunk a port is a subport of, or null. */
  static String trunkOfSubport(Handle h, Object portId) {
    return h.createQuery("SELECT trunk_id FROM subports WHERE port_id = ?").bind(0, portId)
        .mapTo(String.class).findOne().orElse(null);
  }

  /**
   * Writes the subports inside the trunk's transaction, checking again what may have changed
   * since validation: the port joined a trunk (TrunkPortInUse), the segmentation is taken on this
   * trunk (DuplicateSubPort). A unique key that still fires means a concurrent writer: run again.
   */
  private static void insertSubports(Handle h, String trunkId, List<Map<String, Object>> subports) {
    for (Map<String, Object> s : subports) {
      if (trunkOfSubport(h, s.get("port_id")) != null
          || !TrunkTables.TRUNKS.findWhere(h, "port_id", s.get("port_id")).isEmpty()) {
        throw TrunkFaults.trunkPortInUse(s.get("port_id"));
      }
      int taken = h.createQuery("SELECT COUNT(*) FROM subports WHERE trunk_id = ? AND "
          + "segmentation_type = ? AND segmentation_id = ?").bind(0, trunkId)
          .bind(1, s.get("segmentation_type")).bind(2, s.get("segmentation_id"))
          .mapTo(Integer.class).one();
      if (taken > 0) {
        throw TrunkFaults.duplicateSubPort(s.get("segmentation_type"), s.get("segmentation_id"), trunkId);
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("port_id", s.get("port_id"));
      row.put("trunk_id", trunkId);
      row.put("segmentation_type", s.get("segmentation_type"));
      row.put("segmentation_id", s.get("segmentation_id"));
      try {
        TrunkTables.SUBPORTS.insert(h, row);
      } catch (RuntimeException e) {
        if (Database.isDuplicateKey(e)) {
          throw new Database.RetryRequest("subport " + s.get("port_id") + " added concurrently");
        }
        throw e;
      }
    }
  }

  // ------------------------------------------------------------------ CRUD

  @Override
  @SuppressWarnings("unchecked")
  public Map<String, Object> create(RequestContext ctx, Map<String, Object> res) {
    String portId = (String) res.get("port_id");
    validateParent(ctx, portId);
    List<Map<String, Object>> subports = validateSubports(ctx,
        (List<Map<String, Object>>) res.getOrDefault("sub_ports", List.of()), portId);
    String id = Uuids.randomString();
    Instant now = Resources.now();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("project_id", res.get("project_id"));
    row.put("name", res.getOrDefault("name", ""));
    row.put("description", res.getOrDefault("description", ""));
    row.put("admin_state_up", !Boolean.FALSE.equals(res.get("admin_state_up")));
    row.put("status", "DOWN");
    row.put("port_id", portId);
    row.put("created_at", now);
    row.put("updated_at", now);
    row.put("revision_number", 1L);
    db.txVoid(h -> {
      if (!TrunkTables.TRUNKS.findWhere(h, "port_id", portId).isEmpty()
          || trunkOfSubport(h, portId) != null) {
        throw TrunkFaults.parentPortInUse(portId);
      }
      try {
        TrunkTables.TRUNKS.insert(h, row);
      } catch (RuntimeException e) {
        if (Database.isDuplicateKey(e)) {
          throw new Database.RetryRequest("trunk on port " + portId + " created concurrently");
        }
        throw e;
      }
      insertSubports(h, id, subports);
    });
    return get(ctx, id);
  }

  @Override
  public Map<String, Object> get(RequestContext ctx, String id) {
    return db.read(h -> decorate(h, List.of(trunk(h, ctx, id, false))).get(0));
  }

  @Override
  public List<Map<String, Object>> list(RequestContext ctx, ListQuery q) {
    return db.read(h -> {
      Where w = new Where();
      if (!ctx.isAdmin()) {
        w.add("trunks.project_id = ?", List.of(ctx.projectId()));
      }
      tags.filter(w, "trunks", q.filters());
      return Resources.list(h, TrunkTables.TRUNKS, q, w, Tags.FILTERS, rows -> decorate(h, rows));
    });
  }

  @Override
  public Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes) {
    db.txVoid(h -> {
      trunk(h, ctx, id, true);
      TrunkTables.TRUNKS.update(h, id, changes, Resources.now());
    });
    return get(ctx, id);
  }

  @Override
  public void delete(RequestContext ctx, String id) {
    Map<String, Object> t = db.read(h -> trunk(h, ctx, id, false));
    if (!Boolean.TRUE.equals(t.get("admin_state_up"))) {
      throw TrunkFaults.disabled(id);
    }
    if (!canBeTrunkedOrUntrunked(ports.get(elevated(ctx), (String) t.get("port_id")))) {
      throw TrunkFaults.trunkInUse(id);
    }
    db.txVoid(h -> {
      trunk(h, ctx, id, true);
      tags.deleteAll(h, id);
      TrunkTables.TRUNKS.delete(h, id);
    });
  }

  @Override
  public Map<String, Object> action(RequestContext ctx, String id, String action,
      Map<String, Object> body) {
    return switch (action) {
      case "add_subports" -> addSubports(ctx, id, body);
      case "remove_subports" -> removeSubports(ctx, id, body);
      case "get_subports" -> Map.of("sub_ports", get(ctx, id).get("sub_ports"));
      default -> throw new UnsupportedOperationException(action);
    };
  }

  private static void manageable(Map<String, Object> t) {
    if (!Boolean.TRUE.equals(t.get("admin_state_up"))) {
      throw TrunkFaults.disabled((String) t.get("id"));
    }
  }

  private Map<String, Object> addSubports(RequestContext ctx, String id, Map<String, Object> body) {
    Map<String, Object> t = db.read(h -> trunk(h, ctx, id, false));
    List<Map<String, Object>> subports =
        validateSubports(ctx, asSubports(body.get("sub_ports")), (String) t.get("port_id"));
    db.txVoid(h -> {
      Map<String, Object> locked = trunk(h, ctx, id, true);
      manageable(locked);
      if ("ERROR".equals(locked.get("status"))) {
        throw TrunkFaults.inErrorState(id);
      }
      insertSubports(h, id, subports);
      TrunkTables.TRUNKS.update(h, id, Map.of("status", "DOWN"), Resources.now());
    });
    return get(ctx, id);
  }

  private Map<String, Object> removeSubports(RequestContext ctx, String id, Map<String, Object> body) {
    db.txVoid(h -> {
      Map<String, Object> t = trunk(h, ctx, id, true);
      manageable(t);
      List<Map<String, Object>> subports = asSubports(body.get("sub_ports"));
      List<String> current = new ArrayList<>();
      current.addAll(h.createQuery("SELECT port_id FROM subports WHERE trunk_id = ?").bind(0, id)
          .mapTo(String.class).list());
      for (Map<String, Object> s : subports) {
        if (!current.remove(s.get("port_id"))) {
          throw TrunkFaults.subPortNotFound(id, s.get("port_id"));
        }
        h.execute("DELETE FROM subports WHERE port_id = ?", s.get("port_id"));
      }
      TrunkTables.TRUNKS.update(h, id, Map.of("status", "DOWN"), Resources.now());
    });
    return get(ctx, id);
  }
}
