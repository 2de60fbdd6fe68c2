package io.neutrino.server.qos;

import static io.neutrino.server.db.Column.Kind.BOOL;
import static io.neutrino.server.db.Column.Kind.INT;
import static io.neutrino.server.db.Column.Kind.STRING;

import io.neutrino.lib.apidef.Qos;
import io.neutrino.server.db.Column;
import io.neutrino.server.db.StandardColumns;
import io.neutrino.server.db.Table;
import io.neutrino.server.rbac.RbacType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where QoS attributes are stored (see db/migration/V80__qos.sql). */
final class QosTables {
  private QosTables() {}

  static final Table POLICIES = new Table("qos_policies", StandardColumns.named(
      Column.of("shared", BOOL)));

  /**
   * Policies as rbac-policies objects (QosPolicyRBAC, qospolicyrbacs; {@code shared} mirrors the
   * '*' entry). The projects whose networks or ports are bound to a policy depend on its sharing
   * entries, the owner's included (QosPolicy.get_bound_project_ids).
   */
  static final RbacType RBAC = RbacType.builder("qos_policy", "qospolicyrbacs", "qos_policies")
      .mirror(RbacType.SHARED, "shared")
      .notFound(QosFaults::policyNotFound)
      .boundProjects((h, policy) -> new HashSet<>(h.createQuery("SELECT project_id FROM networks "
              + "WHERE id IN (SELECT network_id FROM qos_network_policy_bindings WHERE policy_id = ?) "
              + "UNION SELECT project_id FROM ports WHERE id IN "
              + "(SELECT port_id FROM qos_port_policy_bindings WHERE policy_id = ?)")
          .bind(0, policy.get("id")).bind(1, policy.get("id")).mapTo(String.class).list()))
      .build();

  /** One table per rule type, keyed by type name (qos_consts.VALID_RULE_TYPES order). */
  static final Map<String, Table> RULES = rules();

  private static Map<String, Table> rules() {
    Map<String, Table> out = new LinkedHashMap<>();
    for (Qos.RuleType t : Qos.RULE_TYPE_LIST) {
      List<Column> cols = new ArrayList<>();
      cols.add(Column.of("id", STRING));
      cols.add(Column.of("qos_policy_id", STRING));
      for (String p : t.parameters()) {
        cols.add(Column.of(p, p.equals("direction") ? STRING : INT));
      }
      out.put(t.type(), new Table("qos_" + t.collection(), cols));
    }
    return out;
  }
}
