package io.neutrino.server.qos;

import io.neutrino.lib.apidef.Qos;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.ListQuery;
import io.neutrino.lib.spi.ResourceHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * qos/rule-types (QoSPlugin get_rule_types / get_rule_type, objects/qos/rule_type.py): the rule
 * types the loaded drivers support ({@code all_supported}, {@code all_rules} widen it); one type's
 * details (the drivers and their parameters) are for admins only (NotAuthorized), and a name that
 * is no rule type is the object field's ValueError (400).
 */
final class RuleTypeResource implements ResourceHandler {
  private final QosDrivers drivers;

  RuleTypeResource(QosDrivers drivers) {
    this.drivers = drivers;
  }

  private static boolean flag(ListQuery q, String name) {
    List<Object> v = q.filters().get(name);
    return v != null && v.stream().anyMatch(Boolean.TRUE::equals);
  }

  @Override
  public List<Map<String, Object>> list(RequestContext ctx, ListQuery q) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String t : drivers.supportedRuleTypes(flag(q, "all_supported"), flag(q, "all_rules"))) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", t);
      out.add(m);
    }
    return out;
  }

  @Override
  public Map<String, Object> get(RequestContext ctx, String type) {
    if (!ctx.isAdmin()) {
      throw new NeutronException("NotAuthorized", 403, "Not authorized.");
    }
    if (Qos.RULE_TYPE_LIST.stream().noneMatch(t -> t.type().equals(type))) {
      throw new NeutronException("ValueError", 400, "Field value " + type + " is invalid");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    m.put("drivers", drivers.ruleTypeDetails(type));
    return m;
  }

  private static NeutronException readOnly() {
    return new NeutronException("HTTPMethodNotAllowed", 405,
        "The server could not comply with the request since it is either malformed or otherwise incorrect.");
  }

  @Override
  public Map<String, Object> create(RequestContext ctx, Map<String, Object> resource) {
    throw readOnly();
  }

  @Override
  public Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes) {
    throw readOnly();
  }

  @Override
  public void delete(RequestContext ctx, String id) {
    throw readOnly();
  }
}
