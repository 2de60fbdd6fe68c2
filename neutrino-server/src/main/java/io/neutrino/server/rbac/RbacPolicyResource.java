package io.neutrino.server.rbac;

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
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * rbac-policies over every registered {@link RbacType} (neutron/db/rbac_db_mixin.py with the
 * per-object validations of neutron/objects/rbac_db.py): an entry shares an object with one
 * project or all ({@code access_as_shared}), or makes a network external for them
 * ({@code access_as_external}).
 *
 * <p>As in Neutron, a create that fails validation (an object the caller cannot see or does not
 * own, an action the type does not take, a type's own check) is a 400 InvalidInput; a delete or
 * retarget that would take access away from a project whose resources use the object is a 409
 * RbacPolicyInUse. Entries are visible to their owner (and an admin) only.
 */
public final class RbacPolicyResource implements ResourceHandler {
  /** Every type's entries with their object_type (db/migration/V90, view rbac_entries). */
  static final Table ENTRIES = new Table("rbac_entries", List.of(
      Column.of("id", STRING),
      Column.of("project_id", STRING),
      Column.of("object_id", STRING),
      Column.of("action", STRING),
      Column.of("target_tenant", STRING),
      Column.of("object_type", STRING)));

  private final Database db;
  private final RbacTypes types;
  private final Callbacks callbacks;

  public RbacPolicyResource(Database db, RbacTypes types, Callbacks callbacks) {
    this.db = Objects.requireNonNull(db);
    this.types = Objects.requireNonNull(types);
    this.callbacks = Objects.requireNonNull(callbacks);
  }

  static NeutronException notFound(String id) {
    return Faults.notFound("RBAC policy", id);
  }

  private void publish(Event event, Handle h, RequestContext ctx, String id,
      Map<String, Object> original, Map<String, Object> latest, Map<String, Object> request) {
    callbacks.publish(new ResourceEvent("rbac_policy", event, ctx, id, original, latest, request, h));
  }

  /** One entry and the type it belongs to. */
  private record Located(RbacType type, Map<String, Object> entry) {}

  /**
   * The entry if the caller may see it (its owner or an admin), locked with {@code lock}. Each
   * type's table is asked by primary key (as _get_object_type scans them): the view would be
   * materialised whole by MariaDB for every lookup.
   */
  private Located locate(Handle h, RequestContext ctx, String id, boolean lock) {
    for (RbacType type : types.all()) {
      Map<String, Object> entry = type.entry(h, id, lock).orElse(null);
      if (entry != null) {
        if (!ctx.isAdmin() && !Objects.equals(ctx.projectId(), entry.get("project_id"))) {
          break;
        }
        return new Located(type, entry);
      }
    }
    throw notFound(id);
  }

  /** An entry as the API shows it (_make_rbac_policy_dict). */
  private static Map<String, Object> show(String objectType, Map<String, Object> entry) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", entry.get("id"));
    out.put("project_id", entry.get("project_id"));
    out.put("tenant_id", entry.get("project_id"));
    out.put("object_type", objectType);
    out.put("object_id", entry.get("object_id"));
    out.put("action", entry.get("action"));
    out.put("target_tenant", entry.get("target_tenant"));
    return out;
  }

  @Override
  public Map<String, Object> create(RequestContext ctx, Map<String, Object> res) {
    String objectType = (String) res.get("object_type");
    RbacType type = types.find(objectType).orElseThrow(() ->
        Faults.invalidInput("'" + objectType + "' is not a valid RBAC object type"));
    String objectId = (String) res.get("object_id");
    return db.tx(h -> {
      Map<String, Object> object = type.object(h, objectId, true)
          .filter(o -> type.visible(h, ctx, o))
          .orElseThrow(() -> Faults.invalidInput(sentence(type.notFound(objectId))));
      if (!ctx.isAdmin() && !Objects.equals(ctx.projectId(), object.get("project_id"))) {
        throw Faults.invalidInput("Only admins can manipulate policies on objects they do not own");
      }
      String id = type.insert(h, (String) res.get("project_id"), object, (String) res.get("action"),
          (String) res.get("target_tenant"));
      Map<String, Object> shown = show(type.objectType(), type.entry(h, id, false).orElseThrow());
      publish(Event.PRECOMMIT_CREATE, h, ctx, id, null, shown, res);
      return shown;
    });
  }

  /** A fault's message without its final period, to be quoted inside another one. */
  private static String sentence(NeutronException e) {
    String m = e.getMessage();
    return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
  }

  @Override
  public Map<String, Object> get(RequestContext ctx, String id) {
    return db.read(h -> {
      Located l = locate(h, ctx, id, false);
      return show(l.type().objectType(), l.entry());
    });
  }

  @Override
  public List<Map<String, Object>> list(RequestContext ctx, ListQuery q) {
    return db.read(h -> {
      Where w = new Where();
      if (!ctx.isAdmin()) {
        w.add("rbac_entries.project_id = ?", List.of(ctx.projectId()));
      }
      // Entries of types no loaded plugin serves stay out of sight.
      w.in("rbac_entries.object_type", types.all().stream().map(t -> (Object) t.objectType()).toList());
      return Resources.list(h, ENTRIES, q, w, Set.of(), rows -> rows.stream()
          .map(r -> show((String) r.get("object_type"), r)).toList());
    });
  }

  @Override
  public Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes) {
    return db.tx(h -> {
      Located l = locate(h, ctx, id, true);
      Map<String, Object> entry = l.entry();
      String target = (String) changes.get("target_tenant");
      if (target != null && !target.equals(entry.get("target_tenant"))) {
        RbacType type = l.type();
        Map<String, Object> object = type.object(h, (String) entry.get("object_id"), true).orElseThrow();
        String previous = (String) entry.get("target_tenant");
        if (!ctx.isAdmin() && !Objects.equals(ctx.projectId(), object.get("project_id"))) {
          // Neutron's BEFORE_UPDATE callbacks fail this way, and the mixin reports any failure so.
          throw Faults.conflict("RbacPolicyInUse", "RBAC policy on object " + object.get("id")
              + " cannot be removed because other objects depend on it.\nDetails: Only admins can "
              + "manipulate policies on objects they do not own");
        }
        // Moving to '*' takes access from nobody; any other move is the removal of the old target.
        if (!RbacType.WILDCARD.equals(target)
            && !type.removable(h, object, (String) entry.get("action"), previous)) {
          throw RbacType.inUse(object.get("id"), previous);
        }
        Map<String, Object> original = show(type.objectType(), entry);
        type.retarget(h, entry, target);
        Map<String, Object> updated = show(type.objectType(), type.entry(h, id, false).orElseThrow());
        publish(Event.PRECOMMIT_UPDATE, h, ctx, id, original, updated, changes);
        return updated;
      }
      return show(l.type().objectType(), entry);
    });
  }

  @Override
  public void delete(RequestContext ctx, String id) {
    db.txVoid(h -> {
      Located l = locate(h, ctx, id, true);
      RbacType type = l.type();
      Map<String, Object> entry = l.entry();
      Map<String, Object> object = type.object(h, (String) entry.get("object_id"), true).orElseThrow();
      String target = (String) entry.get("target_tenant");
      if (!type.removable(h, object, (String) entry.get("action"), target)) {
        throw RbacType.inUse(object.get("id"), target);
      }
      publish(Event.PRECOMMIT_DELETE, h, ctx, id, show(type.objectType(), entry), null, null);
      type.delete(h, entry);
    });
  }
}
