package io.neutrino.server.addressscope;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * address-scopes (neutron/db/address_scope_db.py): a caller sees its own scopes and shared ones
 * (an admin sees all); a shared scope cannot be unshared; a scope that subnet pools use cannot be
 * deleted.
 */
final class AddressScopeResource implements ResourceHandler {
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

  static boolean visible(RequestContext ctx, Map<String, Object> row) {
    return ctx.isAdmin() || Objects.equals(ctx.projectId(), row.get("project_id"))
        || Boolean.TRUE.equals(row.get("shared"));
  }

  /** The scope as the caller may see it (Neutron's RBAC-scoped get_object), or empty. */
  static Optional<Map<String, Object>> find(Handle h, RequestContext ctx, String id) {
    return TABLE.find(h, id).filter(r -> visible(ctx, r));
  }

  private static Map<String, Object> show(Map<String, Object> row) {
    row.put("tenant_id", row.get("project_id"));
    return row;
  }

  private void publish(Event event, Handle h, RequestContext ctx, String id,
      Map<String, Object> original, Map<String, Object> latest, Map<String, Object> request) {
    callbacks.publish(new ResourceEvent("address_scope", event, ctx, id, original, latest, request, h));
  }

  @Override
  public Map<String, Object> create(RequestContext ctx, Map<String, Object> res) {
    String id = UUID.randomUUID().toString();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("project_id", res.get("project_id"));
    row.put("name", Objects.requireNonNullElse(res.get("name"), ""));
    row.put("shared", Boolean.TRUE.equals(res.get("shared")));
    row.put("ip_version", ((Number) res.get("ip_version")).intValue());
    db.txVoid(h -> {
      TABLE.insert(h, row);
      publish(Event.PRECOMMIT_CREATE, h, ctx, id, null, row, res);
    });
    return show(new LinkedHashMap<>(row));
  }

  @Override
  public Map<String, Object> get(RequestContext ctx, String id) {
    return db.read(h -> show(find(h, ctx, id).orElseThrow(() -> notFound(id))));
  }

  @Override
  public List<Map<String, Object>> list(RequestContext ctx, ListQuery q) {
    return db.read(h -> {
      Where w = new Where();
      if (!ctx.isAdmin()) {
        w.add("(address_scopes.project_id = ? OR address_scopes.shared = ?)",
            List.of(ctx.projectId(), true));
      }
      return Resources.list(h, TABLE, q, w, Set.of(), rows -> {
        rows.forEach(AddressScopeResource::show);
        return rows;
      });
    });
  }

  @Override
  public Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes) {
    return db.tx(h -> {
      Map<String, Object> row = TABLE.findForUpdate(h, id).filter(r -> visible(ctx, r))
          .orElseThrow(() -> notFound(id));
      if (Boolean.TRUE.equals(row.get("shared")) && Boolean.FALSE.equals(changes.get("shared"))) {
        throw new NeutronException("AddressScopeUpdateError", 400, "Unable to update address scope "
            + id + " : Shared address scope can't be unshared.");
      }
      Map<String, Object> set = new LinkedHashMap<>();
      for (String k : List.of("name", "shared")) {
        if (changes.containsKey(k)) {
          set.put(k, changes.get(k));
        }
      }
      if (!set.isEmpty()) {
        Map<String, Object> latest = new LinkedHashMap<>(row);
        latest.putAll(set);
        publish(Event.PRECOMMIT_UPDATE, h, ctx, id, row, latest, changes);
        updateRow(h, id, set);
      }
      return show(TABLE.find(h, id).orElseThrow());
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
      Map<String, Object> row = TABLE.findForUpdate(h, id).filter(r -> visible(ctx, r))
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
