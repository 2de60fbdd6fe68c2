package io.neutrino.server.qos;

import io.neutrino.lib.ids.Uuids;
import io.neutrino.lib.apidef.Qos;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.spi.ListQuery;
import io.neutrino.lib.spi.SubResourceHandler;
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
 * The rules of one type under qos/policies/{policy_id} (QoSPlugin create/update/delete/
 * get_policy_rule(s) and objects/qos/qos_policy_validator.py). Every change locks the policy row,
 * so the checks against the policy's other rules see a stable set: a minimum bandwidth above a
 * bandwidth limit and the reverse (QoSRuleParameterConflict), minimum packet rate rules mixing
 * 'any' with a direction (the same), a second rule of one type and direction (QoSRulesConflict);
 * then the policy, as changed, must suit every port it applies to (QosRuleNotSupported).
 */
final class RuleResource implements SubResourceHandler {
  private final QosPlugin plugin;
  final Qos.RuleType type;
  private final Table table;
  private final boolean placementBacked;

  RuleResource(QosPlugin plugin, Qos.RuleType type) {
    this.plugin = plugin;
    this.type = type;
    this.table = QosTables.RULES.get(type.type());
    this.placementBacked = type == Qos.MINIMUM_BANDWIDTH || type == Qos.MINIMUM_PACKET_RATE;
  }

  @Override
  public Map<String, Object> create(RequestContext ctx, String policyId, Map<String, Object> res) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", Uuids.randomString());
    row.put("qos_policy_id", policyId);
    for (String p : type.parameters()) {
      row.put(p, res.get(p));
    }
    plugin.db.txVoid(h -> {
      plugin.policies.policy(h, ctx, policyId, true);
      List<Map<String, Object>> existing = plugin.policies.rulesOf(h, policyId);
      checkBandwidthConflict(policyId, existing, res);
      checkRules(policyId, existing, row);
      try {
        table.insert(h, row);
      } catch (RuntimeException e) {
        if (Database.isDuplicateKey(e)) {
          // a concurrent create won the unique (policy, direction) key
          throw new Database.RetryRequest("QoS rule of " + policyId + " created concurrently");
        }
        throw e;
      }
      afterChange(h, policyId);
    });
    return QosPolicies.asRule(type.type(), row);
  }

  /** The policy as changed must still suit its ports; Placement-backed rules stay put under VMs. */
  private void afterChange(Handle h, String policyId) {
    plugin.policies.validatePolicy(h, policyId, plugin.policies.rulesOf(h, policyId));
    if (placementBacked) {
      plugin.policies.rejectForComputePorts(h, policyId);
    }
    plugin.policies.bumpPolicy(h, policyId);
  }

  /**
   * check_bandwidth_rule_conflict: a new or changed max_kbps below an existing minimum, or a
   * min_kbps above an existing limit (whatever the directions, as Neutron compares them).
   */
  private static void checkBandwidthConflict(String policyId, List<Map<String, Object>> existing,
      Map<String, Object> data) {
    for (Map<String, Object> rule : existing) {
      if (rule.get("type").equals(Qos.MINIMUM_BANDWIDTH.type()) && data.get("max_kbps") != null
          && rule.get("min_kbps") != null
          && ((Number) rule.get("min_kbps")).longValue() > ((Number) data.get("max_kbps")).longValue()) {
        throw QosFaults.parameterConflict(data.get("max_kbps"), policyId, "minimum_bandwidth",
            rule.get("min_kbps"));
      }
      if (rule.get("type").equals(Qos.BANDWIDTH_LIMIT.type()) && data.get("min_kbps") != null
          && rule.get("max_kbps") != null
          && ((Number) rule.get("max_kbps")).longValue() < ((Number) data.get("min_kbps")).longValue()) {
        throw QosFaults.parameterConflict(data.get("min_kbps"), policyId, "bandwidth_limit",
            rule.get("max_kbps"));
      }
    }
  }

  /** check_min_pps_rule_conflict and check_rules_conflict for the rule as it will be. */
  private void checkRules(String policyId, List<Map<String, Object>> existing,
      Map<String, Object> rule) {
    Object direction = rule.get("direction");
    for (Map<String, Object> other : existing) {
      if (other.get("id").equals(rule.get("id")) || !other.get("type").equals(type.type())) {
        continue;
      }
      if (type == Qos.MINIMUM_PACKET_RATE && direction != null) {
        boolean newAny = direction.equals("any");
        boolean otherAny = "any".equals(other.get("direction"));
        if (newAny != otherAny) {
          throw QosFaults.parameterConflict(direction, policyId, type.type(), other.get("direction"));
        }
      }
      // duplicates(): same type, and the same direction where rules have one
      if (!type.parameters().contains("direction")
          || Objects.equals(other.get("direction"), direction)) {
        throw QosFaults.rulesConflict(type.type(), other.get("id"), policyId);
      }
    }
  }

  /** get_policy_rule: the policy must be visible; the rule is looked up by id among its type. */
  @Override
  public Map<String, Object> get(RequestContext ctx, String policyId, String id) {
    return plugin.db.read(h -> {
      plugin.policies.policy(h, ctx, policyId, false);
      return QosPolicies.asRule(type.type(),
          table.find(h, id).orElseThrow(() -> QosFaults.ruleNotFound(policyId, id)));
    });
  }

  /** The policy a rule of this type belongs to (alias calls), or QosRuleNotFound for policy "". */
  String policyOf(String id) {
    return plugin.db.read(h -> table.find(h, id)
        .map(r -> (String) r.get("qos_policy_id"))
        .orElseThrow(() -> QosFaults.ruleNotFound("", id)));
  }

  @Override
  public List<Map<String, Object>> list(RequestContext ctx, String policyId, ListQuery q) {
    return plugin.db.read(h -> {
      plugin.policies.policy(h, ctx, policyId, false);
      Where w = new Where().add(table.name() + ".qos_policy_id = ?", List.of(policyId));
      return Resources.list(h, table, q, w, Set.of(), rows -> {
        rows.forEach(r -> QosPolicies.asRule(type.type(), r));
        return rows;
      });
    });
  }

  @Override
  public Map<String, Object> update(RequestContext ctx, String policyId, String id,
      Map<String, Object> changes) {
    return plugin.db.tx(h -> {
      plugin.policies.policy(h, ctx, policyId, true);
      List<Map<String, Object>> existing = plugin.policies.rulesOf(h, policyId);
      checkBandwidthConflict(policyId, existing, changes);
      Map<String, Object> rule = existing.stream()
          .filter(r -> r.get("id").equals(id) && r.get("type").equals(type.type())).findFirst()
          .orElseThrow(() -> QosFaults.ruleNotFound(policyId, id));
      Map<String, Object> updated = new LinkedHashMap<>(rule);
      Map<String, Object> set = new LinkedHashMap<>();
      for (String p : type.parameters()) {
        if (changes.containsKey(p)) {
          updated.put(p, changes.get(p));
          set.put(p, changes.get(p));
        }
      }
      checkRules(policyId, existing, updated);
      if (!set.isEmpty()) {
        StringBuilder sql = new StringBuilder("UPDATE " + table.name() + " SET ");
        sql.append(String.join(", ", set.keySet().stream().map(k -> k + " = ?").toList()));
        sql.append(" WHERE id = ?");
        var u = h.createUpdate(sql.toString());
        int i = 0;
        for (Object v : set.values()) {
          u.bind(i++, v);
        }
        u.bind(i, id);
        try {
          u.execute();
        } catch (RuntimeException e) {
          if (Database.isDuplicateKey(e)) {
            throw new Database.RetryRequest("QoS rule of " + policyId + " changed concurrently");
          }
          throw e;
        }
      }
      afterChange(h, policyId);
      return updated;
    });
  }

  @Override
  public void delete(RequestContext ctx, String policyId, String id) {
    plugin.db.txVoid(h -> {
      plugin.policies.policy(h, ctx, policyId, true);
      Map<String, Object> rule = table.find(h, id)
          .filter(r -> policyId.equals(r.get("qos_policy_id")))
          .orElseThrow(() -> QosFaults.ruleNotFound(policyId, id));
      table.delete(h, (String) rule.get("id"));
      if (placementBacked) {
        plugin.policies.rejectForComputePorts(h, policyId);
      }
      plugin.policies.bumpPolicy(h, policyId);
    });
  }
}
