package io.neutrino.server.qos;

import io.neutrino.lib.ids.Uuids;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.spi.ListQuery;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.server.core.Tags;
import io.neutrino.server.db.Database;
import io.neutrino.server.db.Resources;
import io.neutrino.server.db.Where;
import io.neutrino.server.rbac.RbacType;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * qos/policies (QoSPlugin create/get/update/delete_policy, objects/qos/policy.py): rules and
 * is_default are computed when shown; setting is_default takes the project's one default slot
 * (QoSPolicyDefaultAlreadyExists when another policy has it); a policy bound to a port or network
 * cannot be deleted (QosPolicyInUse). {@code shared} is the policy's '*' RBAC entry: setting it
 * adds the entry, clearing it removes the entry unless a project using the policy depends on it
 * (RbacPolicyInUse); shown, it says whether the policy is shared with the caller's project.
 */
final class PolicyResource implements ResourceHandler {
  private static final Set<String> COLUMNS = Set.of("name", "description");

  private final QosPlugin plugin;

  PolicyResource(QosPlugin plugin) {
    this.plugin = plugin;
  }

  @Override
  public Map<String, Object> create(RequestContext ctx, Map<String, Object> res) {
    String id = Uuids.randomString();
    Instant now = Resources.now();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("project_id", res.get("project_id"));
    row.put("name", res.getOrDefault("name", ""));
    row.put("description", res.getOrDefault("description", ""));
    row.put("shared", Boolean.TRUE.equals(res.get("shared")));
    row.put("created_at", now);
    row.put("updated_at", now);
    row.put("revision_number", 1L);
    plugin.db.txVoid(h -> {
      QosTables.POLICIES.insert(h, row);
      if (Boolean.TRUE.equals(row.get("shared"))) {
        QosTables.RBAC.insertWithObject(h, row, RbacType.SHARED);
      }
      if (Boolean.TRUE.equals(res.get("is_default"))) {
        setDefault(h, id, res.get("project_id"));
      }
    });
    return get(ctx, id);
  }

  /** QosPolicy.set_default: the project's default slot, unless another policy holds it. */
  private void setDefault(Handle h, String id, Object project) {
    String current = plugin.policies.defaultPolicyOf(h, project);
    if (current == null) {
      try {
        h.execute("INSERT INTO qos_policies_default (project_id, qos_policy_id) VALUES (?, ?)", project, id);
      } catch (RuntimeException e) {
        if (Database.isDuplicateKey(e)) {
          throw QosFaults.defaultAlreadyExists(project);
        }
        throw e;
      }
    } else if (!current.equals(id)) {
      throw QosFaults.defaultAlreadyExists(project);
    }
  }

  @Override
  public Map<String, Object> get(RequestContext ctx, String id) {
    return plugin.db.read(h -> decorate(h, ctx, List.of(plugin.policies.policy(h, ctx, id, false))).get(0));
  }

  private List<Map<String, Object>> decorate(Handle h, RequestContext ctx, List<Map<String, Object>> rows) {
    if (rows.isEmpty()) {
      return rows;
    }
    List<Object> ids = Resources.ids(rows);
    Map<Object, List<Map<String, Object>>> rules = plugin.policies.rulesOf(h, ids);
    Map<Object, List<String>> tags = plugin.tags.load(h, rows);
    Set<String> defaults = new HashSet<>();
    var q = h.createQuery("SELECT qos_policy_id FROM qos_policies_default WHERE qos_policy_id IN ("
        + String.join(", ", java.util.Collections.nCopies(ids.size(), "?")) + ")");
    for (int i = 0; i < ids.size(); i++) {
      q.bind(i, ids.get(i));
    }
    defaults.addAll(q.mapTo(String.class).list());
    Set<String> shared = QosTables.RBAC.sharedWith(h, ctx.projectId(), ids);
    for (Map<String, Object> row : rows) {
      Resources.standardAttributes(row);
      row.put("shared", shared.contains(row.get("id")));
      row.put("rules", rules.getOrDefault(row.get("id"), List.of()));
      row.put("is_default", defaults.contains(row.get("id")));
      row.put("tags", tags.getOrDefault(row.get("id"), List.of()));
    }
    return rows;
  }

  @Override
  public List<Map<String, Object>> list(RequestContext ctx, ListQuery q) {
    return plugin.db.read(h -> {
      Where w = QosTables.RBAC.visibility(ctx, "qos_policies");
      plugin.tags.filter(w, "qos_policies", q.filters());
      Set<String> handled = new HashSet<>(Tags.FILTERS);
      if (q.filters().containsKey("shared")) {
        QosTables.RBAC.filterShared(w, ctx, "qos_policies.id", q.filters().get("shared"));
        handled.add("shared");
      }
      return Resources.list(h, QosTables.POLICIES, q, w, handled, rows -> decorate(h, ctx, rows));
    });
  }

  @Override
  public Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes) {
    plugin.db.txVoid(h -> {
      Map<String, Object> row = plugin.policies.policy(h, ctx, id, true);
      Map<String, Object> set = new LinkedHashMap<>();
      changes.forEach((k, v) -> {
        if (COLUMNS.contains(k)) {
          set.put(k, v);
        }
      });
      if (changes.containsKey("shared")
          && !QosTables.RBAC.setWildcard(h, row, RbacType.SHARED, Boolean.TRUE.equals(changes.get("shared")))) {
        throw RbacType.inUse(id, RbacType.WILDCARD);
      }
      if (changes.containsKey("is_default")) {
        if (Boolean.TRUE.equals(changes.get("is_default"))) {
          setDefault(h, id, row.get("project_id"));
        } else {
          h.execute("DELETE FROM qos_policies_default WHERE qos_policy_id = ?", id);
        }
      }
      QosTables.POLICIES.update(h, id, set, Resources.now());
    });
    return get(ctx, id);
  }

  @Override
  public void delete(RequestContext ctx, String id) {
    plugin.db.txVoid(h -> {
      plugin.policies.policy(h, ctx, id, true);
      String port = h.createQuery("SELECT port_id FROM qos_port_policy_bindings WHERE policy_id = ? "
          + "ORDER BY port_id").bind(0, id).mapTo(String.class).findFirst().orElse(null);
      if (port != null) {
        throw QosFaults.policyInUse(id, "port", port);
      }
      String network = h.createQuery("SELECT network_id FROM qos_network_policy_bindings WHERE "
          + "policy_id = ? ORDER BY network_id").bind(0, id).mapTo(String.class).findFirst().orElse(null);
      if (network != null) {
        throw QosFaults.policyInUse(id, "network", network);
      }
      plugin.tags.deleteAll(h, id);
      QosTables.POLICIES.delete(h, id);
    });
  }
}
