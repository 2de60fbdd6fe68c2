package io.neutrino.server.securitygroup;

import io.neutrino.lib.ids.Uuids;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.events.Event;
import io.neutrino.lib.spi.ListQuery;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.server.core.Tags;
import io.neutrino.server.db.Resources;
import io.neutrino.server.db.Where;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * security-groups (SecurityGroupDbMixin): every new group gets egress rules to anywhere; listing
 * or creating groups first makes sure the project has its default group; no group may be named
 * "default"; the default group keeps its name and only an admin may delete it; a group bound to a
 * port can be neither deleted nor switched between stateful and stateless.
 */
final class SecurityGroupResource implements ResourceHandler {
  private final SgStore store;

  SecurityGroupResource(SgStore store) {
    this.store = store;
  }

  /** The name_not_default validator: raises rather than returning a message, hence a 409. */
  static void checkNameNotDefault(Object name) {
    if (name instanceof String s && s.toLowerCase(Locale.ROOT).equals(SgStore.DEFAULT_NAME)) {
      throw SgFaults.defaultExists();
    }
  }

  @Override
  public Map<String, Object> create(RequestContext ctx, Map<String, Object> res) {
    return createBulk(ctx, List.of(res)).get(0);
  }

  @Override
  public List<Map<String, Object>> createBulk(RequestContext ctx, List<Map<String, Object>> all) {
    for (Map<String, Object> res : all) {
      checkNameNotDefault(res.get("name"));
    }
    for (Map<String, Object> res : all) {
      store.ensureDefault(ctx, (String) res.get("project_id"));
    }
    return store.db.tx(h -> {
      List<Map<String, Object>> out = new ArrayList<>();
      for (Map<String, Object> res : all) {
        out.add(store.insertGroup(h, ctx, Uuids.randomString(), res, false, res));
      }
      return out;
    });
  }

  @Override
  public Map<String, Object> get(RequestContext ctx, String id) {
    return store.db.tx(h -> {
      Map<String, Object> row = store.visibleGroup(h, ctx, id)
          .orElseThrow(() -> SgFaults.groupNotFound(id));
      return store.decorateGroups(h, ctx, new ArrayList<>(List.of(row))).get(0);
    });
  }

  @Override
  public List<Map<String, Object>> list(RequestContext ctx, ListQuery q) {
    if (ctx.projectId() != null) {
      List<Object> wanted = q.filters().getOrDefault("project_id", q.filters().get("tenant_id"));
      String project = wanted != null && !wanted.isEmpty() ? String.valueOf(wanted.get(0)) : ctx.projectId();
      store.ensureDefault(ctx, project);
    }
    return store.db.tx(h -> {
      Where w = SecurityGroupTables.GROUP_RBAC.visibility(ctx, "securitygroups");
      store.tags.filter(w, "securitygroups", q.filters());
      Set<String> handled = new HashSet<>(Tags.FILTERS);
      if (q.filters().containsKey("shared")) {
        SecurityGroupTables.GROUP_RBAC.filterShared(w, ctx, "securitygroups.id", q.filters().get("shared"));
        handled.add("shared");
      }
      return Resources.list(h, SecurityGroupTables.GROUPS, q, w, handled,
          rows -> store.decorateGroups(h, ctx, rows));
    });
  }

  @Override
  public Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes) {
    if (changes.containsKey("name")) {
      checkNameNotDefault(changes.get("name"));
    }
    return store.db.tx(h -> {
      Map<String, Object> row = store.ownedGroup(h, ctx, id)
          .orElseThrow(() -> SgFaults.groupNotFound(id));
      if (changes.containsKey("stateful")
          && !Objects.equals(changes.get("stateful"), row.get("stateful"))
          && SgStore.groupInUse(h, id)) {
        throw SgFaults.inUse(id);
      }
      if (SgStore.DEFAULT_NAME.equals(row.get("name")) && changes.containsKey("name")) {
        throw SgFaults.conflict("SecurityGroupCannotUpdateDefault",
            "Updating default security group not allowed.");
      }
      Map<String, Object> original = store.decorateGroups(h, ctx, new ArrayList<>(List.of(
          new LinkedHashMap<>(row)))).get(0);
      SecurityGroupTables.GROUPS.update(h, id, changes, Resources.now());
      Map<String, Object> updated = store.decorateGroups(h, ctx, new ArrayList<>(List.of(
          SecurityGroupTables.GROUPS.find(h, id).orElseThrow()))).get(0);
      store.publish("security_group", Event.PRECOMMIT_UPDATE, h, ctx, id, original, updated, changes);
      return updated;
    });
  }

  @Override
  public void delete(RequestContext ctx, String id) {
    store.db.txVoid(h -> {
      Map<String, Object> row = store.ownedGroup(h, ctx, id)
          .orElseThrow(() -> SgFaults.groupNotFound(id));
      if (SgStore.groupInUse(h, id)) {
        throw SgFaults.inUse(id);
      }
      if (SgStore.DEFAULT_NAME.equals(row.get("name")) && !ctx.isAdmin()) {
        throw SgFaults.conflict("SecurityGroupCannotRemoveDefault",
            "Insufficient rights for removing default security group.");
      }
      Map<String, Object> shown = store.decorateGroups(h, ctx, new ArrayList<>(List.of(row))).get(0);
      store.publish("security_group", Event.PRECOMMIT_DELETE, h, ctx, id, shown, null, null);
      // Rules of the group and rules elsewhere naming it as remote group go by cascade, as does
      // the project's default_security_group row.
      h.execute("DELETE FROM securitygrouprules WHERE security_group_id = ? OR remote_group_id = ?", id, id);
      h.execute("DELETE FROM default_security_group WHERE security_group_id = ?", id);
      store.forgetDefault(row.get("project_id"));
      store.tags.deleteAll(h, id);
      SecurityGroupTables.GROUPS.delete(h, id);
    });
  }
}
