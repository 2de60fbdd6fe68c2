package io.neutrino.server.qos;

import io.neutrino.lib.apidef.ExtensionDef;
import io.neutrino.lib.apidef.Qos;
import io.neutrino.lib.spi.Plugin;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.server.core.Tags;
import io.neutrino.server.db.Database;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Neutron's QoSPlugin ({@code qos}), API side (neutron/services/qos/qos_plugin.py,
 * neutron/objects/qos): policies with their rules (sub-resources of a policy, {@code
 * policies/bandwidth_limit_rules} …, and their id-only aliases), the per-project default policy
 * and rule types from the loaded {@link QosDrivers}. {@code qos_policy_id} on networks and ports
 * is ML2's {@code qos} extension driver's ({@link QosExtensionDriver}), as in Neutron.
 *
 * <p>Policies are rbac-policies objects of type {@code qos_policy} ({@link QosTables#RBAC}):
 * {@code shared} is their '*' entry, and a project may see and bind a policy shared with it.
 *
 * <p>Not offered: QoS on floating IPs and router gateways (qos-fip, qos-gateway-ip), and
 * Placement allocations for minimum bandwidth and packet rate rules (their changes under VM
 * ports are refused, as Neutron refuses those it cannot make in Placement).
 */
public final class QosPlugin implements Plugin {
  final Database db;
  final QosPolicies policies;
  final Tags tags = new Tags();
  private final Map<String, ResourceHandler> handlers;

  public QosPlugin(Database db, QosDrivers drivers) {
    this.db = db;
    this.policies = new QosPolicies(drivers);
    Map<String, ResourceHandler> h = new LinkedHashMap<>();
    h.put(Qos.POLICIES, new PolicyResource(this));
    h.put(Qos.RULE_TYPES, new RuleTypeResource(drivers));
    for (Qos.RuleType t : Qos.RULE_TYPE_LIST) {
      RuleResource rules = new RuleResource(this, t);
      // The rules are a sub-resource of policies: served under their schema key.
      h.put(t.key(), rules);
      h.put(t.aliasCollection(), new AliasRuleResource(rules));
    }
    this.handlers = Map.copyOf(h);
  }

  @Override
  public Map<String, ResourceHandler> handlers() {
    return handlers;
  }

  @Override
  public List<ExtensionDef> supportedExtensions() {
    return Qos.pluginExtensions();
  }
}
