package io.neutrino.server.core;

import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.events.Event;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.ListQuery;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.server.db.Database;
import io.neutrino.server.db.Resources;
import io.neutrino.server.db.Where;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * rbac_policies on networks: share a network with one project or all ({@code access_as_shared}),
 * or make it external for them ({@code access_as_external}). An entry other projects' ports depend
 * on cannot be removed or retargeted (409 RbacPolicyInUse); '*' entries keep the network's
 * {@code shared} / {@code router:external} flags in step.
 */
public final class RbacPolicyResource implements ResourceHandler {
  private final Database db;
  private final Lifecycle events;

  public RbacPolicyResource(Database db, Callbacks callbacks) {
    this.db = db;
    this.events = new Lifecycle(callbacks, "rbac_policy");
  }

  static NeutronException notFound(String id) {
    return Faults.notFound("RBAC policy", id);
  }

  @Override
  public Map<String, Object> create(RequestContext ctx, Map<String, Object> res) {
    String id = db.tx(h -> {
      String networkId = (String) res.get("object_id");
      Map<String, Object> network = CoreTables.NETWORKS.findForUpdate(h, networkId)
          .orElseThrow(() -> NetworkResource.notFound(networkId));
      if (!ctx.isAdmin() && !Objects.equals(ctx.projectId(), network.get("project_id"))) {
        throw NetworkResource.notFound(networkId);
      }
      String action = (String) res.get("action");
      String target = (String) res.get("target_tenant");
      String newId = NetworkRbac.insert(h, (String) res.get("project_id"), networkId, action, target);
      if (target.equals("*")) {
        setFlag(h, networkId, action, true);
      }
      Map<String, Object> row = CoreTables.NETWORK_RBACS.find(h, newId).orElseThrow();
      events.publish(Event.PRECOMMIT_CREATE, h, ctx, newId, null, row, res);
      return newId;
    });
    return get(ctx, id);
  }

  private static void setFlag(Handle h, String networkId, String action, boolean on) {
    String column = action.equals("access_as_shared") ? "shared" : "router:external";
    CoreTables.NETWORKS.update(h, networkId, Map.of(column, on), Resources.now());
  }

  @Override
  public Map<String, Object> get(RequestContext ctx, String id) {
    return db.read(h -> {
      Map<String, Object> row = CoreTables.NETWORK_RBACS.find(h, id).orElseThrow(() -> notFound(id));
      if (!ctx.isAdmin() && !Objects.equals(ctx.projectId(), row.get("project_id"))) {
        throw notFound(id);
      }
      return show(row);
    });
  }

  private static Map<String, Object> show(Map<String, Object> row) {
    Map<String, Object> out = new LinkedHashMap<>(row);
    out.put("object_type", "network");
    Resources.standardAttributes(out);
    out.remove("created_at");
    out.remove("updated_at");
    out.remove("revision_number");
    return out;
  }

  @Override
  public List<Map<String, Object>> list(RequestContext ctx, ListQuery q) {
    return db.read(h -> {
      Where w = new Where();
      if (!ctx.isAdmin()) {
        w.add("networkrbacs.project_id = ?", List.of(ctx.projectId()));
      }
      Set<String> handled = new HashSet<>();
      if (q.filters().containsKey("object_type")) {
        handled.add("object_type");
        if (!q.filters().get("object_type").contains("network")) {
          w.add("1 = 0", List.of());
        }
      }
      return Resources.list(h, CoreTables.NETWORK_RBACS, q, w, handled,
          rows -> rows.stream().map(RbacPolicyResource::show).toList());
    });
  }

  @Override
  public Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes) {
    db.txVoid(h -> {
      Map<String, Object> row = CoreTables.NETWORK_RBACS.findForUpdate(h, id).orElseThrow(() -> notFound(id));
      String target = (String) changes.get("target_tenant");
      if (target == null || target.equals(row.get("target_tenant"))) {
        return;
      }
      Map<String, Object> network = CoreTables.NETWORKS.findForUpdate(h, (String) row.get("object_id")).orElseThrow();
      if (row.get("action").equals("access_as_shared")
          && NetworkRbac.othersDependOn(h, network, (String) row.get("target_tenant"))) {
        throw inUse(row);
      }
      try {
        CoreTables.NETWORK_RBACS.update(h, id, Map.of("target_tenant", target), Resources.now());
      } catch (RuntimeException e) {
        if (Database.isDuplicateKey(e)) {
          throw Faults.conflict("DuplicateRbacPolicy", "An RBAC policy already exists with those values.");
        }
        throw e;
      }
      String action = (String) row.get("action");
      if (row.get("target_tenant").equals("*") || target.equals("*")) {
        setFlag(h, (String) row.get("object_id"), action, target.equals("*"));
      }
    });
    return get(ctx, id);
  }

  @Override
  public void delete(RequestContext ctx, String id) {
    db.txVoid(h -> {
      Map<String, Object> row = CoreTables.NETWORK_RBACS.findForUpdate(h, id).orElseThrow(() -> notFound(id));
      Map<String, Object> network = CoreTables.NETWORKS.findForUpdate(h, (String) row.get("object_id")).orElseThrow();
      String action = (String) row.get("action");
      if (action.equals("access_as_shared")
          && NetworkRbac.othersDependOn(h, network, (String) row.get("target_tenant"))) {
        throw inUse(row);
      }
      events.publish(Event.PRECOMMIT_DELETE, h, ctx, id, row, null, null);
      CoreTables.NETWORK_RBACS.delete(h, id);
      if (row.get("target_tenant").equals("*")) {
        setFlag(h, (String) row.get("object_id"), action, false);
      }
    });
  }

  private static NeutronException inUse(Map<String, Object> row) {
    return Faults.conflict("RbacPolicyInUse", "RBAC policy on object " + row.get("object_id")
        + " cannot be removed because other objects depend on it.");
  }
}
