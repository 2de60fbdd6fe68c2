package io.neutrino.server.qos;

import io.neutrino.lib.context.RequestContext;
import io.neutrino.server.core.CoreTables;
import io.neutrino.server.db.Resources;
import io.neutrino.server.db.Table;
import io.neutrino.server.db.Where;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * What the QoS plugin and ML2's qos extension driver both need to know about policies, inside the
 * caller's transaction (neutron/objects/qos/policy.py and the checks of qos_plugin.py): whether
 * the caller may use a policy, its rules, the project's default, the ports it applies to, and
 * whether the loaded {@link QosDrivers} can apply it to a port or network.
 */
final class QosPolicies {
  private final QosDrivers drivers;

  QosPolicies(QosDrivers drivers) {
    this.drivers = Objects.requireNonNull(drivers);
  }

  QosDrivers drivers() {
    return drivers;
  }

  /**
   * QosPolicy.is_accessible: an admin, the owner, or a project the policy is shared with (by an
   * entry for it or for all).
   */
  static boolean accessible(Handle h, RequestContext ctx, Map<String, Object> policy) {
    return QosTables.RBAC.visible(h, ctx, policy);
  }

  /** get_policy_obj: the policy if the caller may see it, else QosPolicyNotFound. */
  Map<String, Object> policy(Handle h, RequestContext ctx, String id, boolean forUpdate) {
    var row = forUpdate ? QosTables.POLICIES.findForUpdate(h, id) : QosTables.POLICIES.find(h, id);
    Map<String, Object> p = row.orElseThrow(() -> QosFaults.policyNotFound(id));
    if (!accessible(h, ctx, p)) {
      throw QosFaults.policyNotFound(id);
    }
    return p;
  }

  /** A rule row as the policy's {@code rules} list shows it: with its type. */
  static Map<String, Object> asRule(String type, Map<String, Object> row) {
    row.put("type", type);
    return row;
  }

  /** Every rule of the given policies, by policy, in rule-type order then by id. */
  Map<Object, List<Map<String, Object>>> rulesOf(Handle h, List<Object> policyIds) {
    Map<Object, List<Map<String, Object>>> out = new LinkedHashMap<>();
    if (policyIds.isEmpty()) {
      return out;
    }
    for (Map.Entry<String, Table> e : QosTables.RULES.entrySet()) {
      List<Map<String, Object>> rows = e.getValue().select(h,
          new Where().in(e.getValue().name() + ".qos_policy_id", policyIds), List.of(), null, false, null);
      for (Map<String, Object> r : rows) {
        out.computeIfAbsent(r.get("qos_policy_id"), k -> new ArrayList<>()).add(asRule(e.getKey(), r));
      }
    }
    return out;
  }

  List<Map<String, Object>> rulesOf(Handle h, String policyId) {
    return rulesOf(h, List.of(policyId)).getOrDefault(policyId, List.of());
  }

  String defaultPolicyOf(Handle h, Object projectId) {
    if (projectId == null) {
      return null;
    }
    return h.createQuery("SELECT qos_policy_id FROM qos_policies_default WHERE project_id = ?")
        .bind(0, projectId).mapTo(String.class).findOne().orElse(null);
  }

  /**
   * The ports a policy applies to: those bound to it and those of networks bound to it that have
   * no policy of their own (QoSPlugin._get_ports_with_policy).
   */
  List<Map<String, Object>> portsWithPolicy(Handle h, String policyId) {
    Where w = new Where().add("(ports.id IN (SELECT port_id FROM qos_port_policy_bindings WHERE "
        + "policy_id = ?) OR (ports.network_id IN (SELECT network_id FROM qos_network_policy_bindings "
        + "WHERE policy_id = ?) AND ports.id NOT IN (SELECT port_id FROM qos_port_policy_bindings)))",
        List.of(policyId, policyId));
    return withBinding(h, CoreTables.PORTS.select(h, w, List.of(), null, false, null));
  }

  /** The ports of a network that have no policy of their own (they follow the network's). */
  List<Map<String, Object>> portsFollowingNetwork(Handle h, String networkId) {
    Where w = new Where().add("ports.network_id = ? AND ports.id NOT IN "
        + "(SELECT port_id FROM qos_port_policy_bindings)", List.of(networkId));
    return withBinding(h, CoreTables.PORTS.select(h, w, List.of(), null, false, null));
  }

  /**
   * Adds the VIF and VNIC types of each port's active binding (kept by ML2 in
   * ml2_port_bindings), which decide the QoS driver serving the port.
   */
  static List<Map<String, Object>> withBinding(Handle h, List<Map<String, Object>> ports) {
    if (ports.isEmpty()) {
      return ports;
    }
    Map<Object, Map<String, Object>> byId = new LinkedHashMap<>();
    ports.forEach(p -> byId.put(p.get("id"), p));
    List<Object> ids = new ArrayList<>(byId.keySet());
    for (int from = 0; from < ids.size(); from += 500) {
      List<Object> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
      var q = h.createQuery("SELECT port_id, vif_type, vnic_type FROM ml2_port_bindings WHERE "
          + "status = ? AND port_id IN (" + String.join(", ", Collections.nCopies(chunk.size(), "?"))
          + ")").bind(0, "ACTIVE");
      for (int i = 0; i < chunk.size(); i++) {
        q.bind(i + 1, chunk.get(i));
      }
      q.mapToMap().forEach(r -> {
        Map<String, Object> p = byId.get(r.get("port_id"));
        p.put("binding:vif_type", r.get("vif_type"));
        p.put("binding:vnic_type", r.get("vnic_type"));
      });
    }
    return ports;
  }

  /** The physical network of a network's first segment (null for tunnels or none). */
  static String firstPhysnet(Handle h, String networkId) {
    return h.createQuery("SELECT physical_network FROM network_segments WHERE network_id = ? "
        + "ORDER BY segment_index").bind(0, networkId).mapTo(String.class).findFirst().orElse(null);
  }

  /** validate_policy_for_port: every rule of the policy must be supported for the port. */
  void validateForPort(Handle h, List<Map<String, Object>> rules, Map<String, Object> port) {
    for (Map<String, Object> rule : rules) {
      String type = (String) rule.get("type");
      if (!drivers.validForPort(type, rule, port, net -> firstPhysnet(h, net))) {
        throw QosFaults.ruleNotSupported(type, port.get("id"));
      }
    }
  }

  /** validate_policy_for_network: every rule of the policy must be supported on the network. */
  void validateForNetwork(Handle h, List<Map<String, Object>> rules, String networkId) {
    for (Map<String, Object> rule : rules) {
      String type = (String) rule.get("type");
      if (!drivers.validForNetwork(type, rule, networkId, net -> firstPhysnet(h, net))) {
        throw QosFaults.ruleNotSupportedByNetwork(type, networkId);
      }
    }
  }

  /** validate_policy: the policy's rules against every port it applies to. */
  void validatePolicy(Handle h, String policyId, List<Map<String, Object>> rules) {
    for (Map<String, Object> port : portsWithPolicy(h, policyId)) {
      validateForPort(h, rules, port);
    }
  }

  /**
   * reject_rule_update_for_bound_port: minimum bandwidth and packet rate rules are backed by
   * Placement allocations, which Neutron refuses to change under a VM's port.
   */
  void rejectForComputePorts(Handle h, String policyId) {
    for (Map<String, Object> port : portsWithPolicy(h, policyId)) {
      Object owner = port.get("device_owner");
      if (owner instanceof String s && s.startsWith("compute:")) {
        throw QosFaults.placementBacked();
      }
    }
  }

  void bumpPolicy(Handle h, String policyId) {
    QosTables.POLICIES.bumpRevision(h, policyId, Resources.now());
  }
}
