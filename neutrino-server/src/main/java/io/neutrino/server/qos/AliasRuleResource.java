package io.neutrino.server.qos;

import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.ListQuery;
import io.neutrino.lib.spi.ResourceHandler;
import java.util.List;
import java.util.Map;

/**
 * qos/alias-{type}-rules/{id} (qos-rules-alias, qos-pps-minimum-rule-alias): GET, PUT and DELETE
 * of a rule by its id alone (QoSPlugin get_rule / update_rule / delete_rule): the rule's policy is
 * looked up, then the call is the policy rule one. An unknown rule is QosRuleNotFound naming an
 * empty policy, as Neutron words it. Neutron's plugin has no list or create for these
 * collections; they answer 501.
 */
final class AliasRuleResource implements ResourceHandler {
  private final RuleResource rules;

  AliasRuleResource(RuleResource rules) {
    this.rules = rules;
  }

  private static NeutronException notImplemented() {
    return new NeutronException("HTTPNotImplemented", 501,
        "The server has either erred or is incapable of performing the requested operation.");
  }

  @Override
  public Map<String, Object> create(RequestContext ctx, Map<String, Object> resource) {
    throw notImplemented();
  }

  @Override
  public Map<String, Object> get(RequestContext ctx, String id) {
    return rules.get(ctx, rules.policyOf(id), id);
  }

  @Override
  public List<Map<String, Object>> list(RequestContext ctx, ListQuery query) {
    throw notImplemented();
  }

  @Override
  public Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes) {
    return rules.update(ctx, rules.policyOf(id), id, changes);
  }

  @Override
  public void delete(RequestContext ctx, String id) {
    rules.delete(ctx, rules.policyOf(id), id);
  }
}
