package io.neutrino.server.addressscope;

import io.neutrino.lib.ids.Uuids;
import static io.neutrino.server.db.Column.Kind.BOOL;
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
import io.neutrino.server.db.Column;
import io.neutrino.server.db.Database;
import io.neutrino.server.db.Resources;
import io.neutrino.server.db.Table;
import io.neutrino.server.db.Where;
import io.neutrino.server.rbac.RbacType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * address-scopes (neutron/db/address_scope_db.py): a caller sees its own scopes and those shared
 * with its project or all (rbac-address-scope; an admin sees all), and {@code shared} says whether
 * a scope is shared with it; a scope shared with the caller cannot be unshared; a scope that
 * subnet pools use cannot be deleted.
 */
final class AddressScopeResource implements ResourceHandler {
  /**
   * Address scopes as rbac-policies objects (AddressScopeRBAC, addressscoperbacs): the projects
   * with subnet pools in a scope depend on its sharing entries (AddressScope.get_bound_project_ids).
   */
  static final RbacType RBAC = RbacType.builder("address_scope", "addressscoperbacs", "address_scopes")
      .mirror(RbacType.SHARED, "shared")
      .notFound(AddressScopeResource::notFound)
      .boundProjects((h, scope) -> new java.util.HashSet<>(h.createQuery(
              "SELECT DISTINCT project_id FROM subnetpools WHERE address_scope_id = ?")
          .bind(0, scope.get("id")).mapTo(String.class).list()))
      .build();

  static final Table TABLE = new Table("address_scopes", List.of(
      Column.of("id", STRING),
      Column.of("project_id", STRING),
      Column.of("name", STRING),
      Column.of("shared", BOOL),
      Column.of("ip_version", INT)));

  private final Database db;
  private final Callbacks callbacks;

  AddressScopeResource(Database db, Callbacks callbacks) {
    this.db = db;
    this.callbacks = callbacks;
  }

  static NeutronException notFound(String id) {
    return Faults.notFound("Address scope", id);
  }

  /** The scope as the caller may see it (Neutron's RBAC-scoped get_object), or empty. */
  static Optional<Map<String, Object>> find(Handle h, RequestContext ctx, String id) {
    return TABLE.find(h, id).filter(r -> RBAC.visible(h, ctx, r));
  }

  /** The scope as the API shows it to the caller: {@code shared} as it is for the caller. */
  private static Map<String, Object> show(Handle h, RequestContext ctx, Map<String, Object> row) {
    return show(row, RBAC.grants(h, ctx.projectId(), (String) row.get("id"), RbacType.SHARED));
  }

  private static Map<String, Object> show(Map<String, Object> row, boolean shared) {
    row.put("shared", shared);
    row.put("tenant_id", row.get("project_id"));
    return row;
  }

  private void publish(Event event, Handle h, RequestContext ctx, String id,
      Map<String, Object> original, Map<String, Object> latest, Map<String, Object> request) {
    callbacks.publish(new ResourceEvent("address_scope", event, ctx, id, original, latest, request, h));
  }

  @Override
  public Map<String, Object> create(RequestContext ctx, Map<String, Object> res) {
    String id = Uuids.randomString();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("project_id", res.get("project_id"));
    row.put("name", Objects.requireNonNullElse(res.get("name"), ""));
    row.put("shared", Boolean.TRUE.equals(res.get("shared")));
    row.put("ip_version", ((Number) res.get("ip_version")).intValue());
    return db.tx(h -> {
      TABLE.insert(h, row);
      if (Boolean.TRUE.equals(row.get("shared"))) {
        RBAC.insertWithObject(h, row, RbacType.SHARED);
      }
      publish(Event.PRECOMMIT_CREATE, h, ctx, id, null, row, res);
      return show(h, ctx, new LinkedHashMap<>(row));
    });
  }

  @Override
  public Map<String, Object> get(RequestContext ctx, String id) {
    return db.read(h -> show(h, ctx, find(h, ctx, id).orElseThrow(() -> notFound(id))));
  }

  @Override
  public List<Map<String, Object>> list(RequestContext ctx, ListQuery q) {
    return db.read(h -> {
      Where w = RBAC.visibility(ctx, "address_scopes");
      Set<String> handled = new java.util.HashSet<>();
      if (q.filters().containsKey("shared")) {
        RBAC.filterShared(w, ctx, "address_scopes.id", q.filters().get("shared"));
        handled.add("shared");
      }
      return Resources.list(h, TABLE, q, w, handled, rows -> {
        Set<String> shared = RBAC.sharedWith(h, ctx.projectId(), Resources.ids(rows));
        rows.forEach(r -> show(r, shared.contains(r.get("id"))));
        return rows;
      });
    });
  }

  @Override
  public Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes) {
    return db.tx(h -> {
      Map<String, Object> row = TABLE.findForUpdate(h, id).filter(r -> RBAC.visible(h, ctx, r))
          .orElseThrow(() -> notFound(id));
      boolean shared = RBAC.grants(h, ctx.projectId(), id, RbacType.SHARED);
      if (shared && Boolean.FALSE.equals(changes.get("shared"))) {
        throw new NeutronException("AddressScopeUpdateError", 400, "Unable to update address scope "
            + id + " : Shared address scope can't be unshared.");
      }
      Map<String, Object> latest = new LinkedHashMap<>(row);
      for (String k : List.of("name", "shared")) {
        if (changes.containsKey(k)) {
          latest.put(k, changes.get(k));
        }
      }
      if (!latest.equals(row)) {
        publish(Event.PRECOMMIT_UPDATE, h, ctx, id, row, latest, changes);
      }
      if (changes.containsKey("name")) {
        updateRow(h, id, Map.of("name", changes.get("name")));
      }
      // shared goes through the '*' entry, which keeps the column in step (update_shared); an
      // unshare that gets here finds no '*' entry (it would be shared with the caller) and is moot.
      if (changes.containsKey("shared")) {
        RBAC.setWildcard(h, row, RbacType.SHARED, Boolean.TRUE.equals(changes.get("shared")));
      }
      return show(h, ctx, TABLE.find(h, id).orElseThrow());
    });
  }

  /** Address scopes have no revision or timestamps, so Table.update (which bumps them) is not used. */
  private static void updateRow(Handle h, String id, Map<String, Object> set) {
    for (Map.Entry<String, Object> e : set.entrySet()) {
      Column c = TABLE.column(e.getKey()).orElseThrow();
      h.execute("UPDATE address_scopes SET " + c.name() + " = ? WHERE id = ?",
          TABLE.toDb(c, e.getValue()), id);
    }
  }

  @Override
  public void delete(RequestContext ctx, String id) {
    db.txVoid(h -> {
      Map<String, Object> row = TABLE.findForUpdate(h, id).filter(r -> RBAC.visible(h, ctx, r))
          .orElseThrow(() -> notFound(id));
      int pools = h.createQuery("SELECT COUNT(*) FROM subnetpools WHERE address_scope_id = ?")
          .bind(0, id).mapTo(Integer.class).one();
      if (pools > 0) {
        throw Faults.conflict("AddressScopeInUse", "Unable to complete operation on address scope "
            + id + ". There are one or more subnet pools in use on the address scope.");
      }
      publish(Event.PRECOMMIT_DELETE, h, ctx, id, row, null, null);
      TABLE.delete(h, id);
    });
  }
}
