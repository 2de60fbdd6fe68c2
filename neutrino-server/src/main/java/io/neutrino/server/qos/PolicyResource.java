package io.neutrino.server.qos;

import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.spi.ListQuery;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.server.core.Tags;
import io.neutrino.server.db.Database;
import io.neutrino.server.db.Resources;
import io.neutrino.server.db.Where;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * qos/policies (QoSPlugin create/get/update/delete_policy, objects/qos/policy.py): rules and
 * is_default are computed when shown; setting is_default takes the project's one default slot
 * (QoSPolicyDefaultAlreadyExists when another policy has it); a policy bound to a port or network
 * cannot be deleted (QosPolicyInUse); a shared policy another project uses cannot be unshared.
 */
final class PolicyResource implements ResourceHandler {
  private static final Set<String> COLUMNS = Set.of("name", "description", "shared");

  private final QosPlugin plugin;

  PolicyResource(QosPlugin plugin) {
    this.plugin = plugin;
  }

  @Override
  public Map<String, Object> create(RequestContext ctx, Map<String, Object> res) {
    String id = UUID.randomUUID().toString();
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
    return plugin.db.read(h -> decorate(h, List.of(plugin.policies.policy(h, ctx, id, false))).get(0));
  }

  private List<Map<String, Object>> decorate(Handle h, List<Map<String, Object>> rows) {
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
    for (Map<String, Object> row : rows) {
      Resources.standardAttributes(row);
      row.put("rules", rules.getOrDefault(row.get("id"), List.of()));
      row.put("is_default", defaults.contains(row.get("id")));
      row.put("tags", tags.getOrDefault(row.get("id"), List.of()));
    }
    return rows;
  }

  @Override
  public List<Map<String, Object>> list(RequestContext ctx, ListQuery q) {
    return plugin.db.read(h -> {
      Where w = new Where();
      if (!ctx.isAdmin()) {
        w.add("(qos_policies.project_id = ? OR qos_policies.shared = ?)", List.of(ctx.projectId(), true));
      }
      plugin.tags.filter(w, "qos_policies", q.filters());
      return Resources.list(h, QosTables.POLICIES, q, w, Tags.FILTERS, rows -> decorate(h, rows));
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
      if (Boolean.TRUE.equals(row.get("shared")) && Boolean.FALSE.equals(changes.get("shared"))
          && usedByOthers(h, id, row.get("project_id"))) {
        throw Faults.conflict("RbacPolicyInUse", "RBAC policy on object " + id
            + " cannot be removed because other objects depend on it.");
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

  /** Networks or ports of projects other than the owner use the policy (its '*' share is needed). */
  private static boolean usedByOthers(Handle h, String id, Object owner) {
    int n = h.createQuery("SELECT COUNT(*) FROM networks WHERE project_id <> ? AND id IN "
        + "(SELECT network_id FROM qos_network_policy_bindings WHERE policy_id = ?)")
        .bind(0, owner).bind(1, id).mapTo(Integer.class).one();
    n += h.createQuery("SELECT COUNT(*) FROM ports WHERE project_id <> ? AND id IN "
        + "(SELECT port_id FROM qos_port_policy_bindings WHERE policy_id = ?)")
        .bind(0, owner).bind(1, id).mapTo(Integer.class).one();
    return n > 0;
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
