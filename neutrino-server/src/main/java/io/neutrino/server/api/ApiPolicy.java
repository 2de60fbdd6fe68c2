package io.neutrino.server.api;

import io.neutrino.lib.apidef.AttributeSpec;
import io.neutrino.lib.apidef.ResourceDef;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.server.policy.Enforcer;
import io.neutrino.server.policy.MatchRule;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The controller's use of the policy engine, as Neutron's pecan policy hook uses it: a create is
 * checked with the rules of every attribute explicitly set; items the caller may not {@code get}
 * are dropped from lists (404 on show); attributes whose {@code get_<member>:<attr>} rule fails
 * are stripped; an update or delete the caller may not do is a 403 when it may see the resource
 * and a 404 when it may not, so existence never leaks.
 */
final class ApiPolicy {
  private final Enforcer enforcer;

  ApiPolicy(Enforcer enforcer) {
    this.enforcer = enforcer;
  }

  void authorizeCreate(RequestContext ctx, ResourceDef def, Map<String, Object> resource) {
    MatchRule rule = Enforcer.matchRule("create_" + def.member(), def, resource, null);
    enforcer.enforce(rule, resource, ctx);
  }

  boolean mayGet(RequestContext ctx, ResourceDef def, Map<String, Object> item) {
    return enforcer.check("get_" + def.member(), item, ctx);
  }

  void authorizeUpdate(RequestContext ctx, ResourceDef def, Map<String, Object> original,
      Map<String, Object> changes, NeutronException notFound) {
    Map<String, Object> target = new LinkedHashMap<>(original);
    target.putAll(changes);
    MatchRule rule = Enforcer.matchRule("update_" + def.member(), def, target, changes.keySet());
    if (!enforcer.check(rule, target, ctx)) {
      throw mayGet(ctx, def, original) ? Enforcer.notAuthorized(rule.toString()) : notFound;
    }
  }

  void authorizeMember(RequestContext ctx, ResourceDef def, String action,
      Map<String, Object> original, NeutronException notFound) {
    if (!enforcer.check(action, original, ctx)) {
      throw mayGet(ctx, def, original) ? Enforcer.notAuthorized("rule:" + action) : notFound;
    }
  }

  /** A rule checked against an empty target, as Neutron's legacy controllers call policy.enforce. */
  void authorize(RequestContext ctx, String action) {
    if (!enforcer.check(action, Map.of(), ctx)) {
      throw Enforcer.notAuthorized("rule:" + action);
    }
  }

  /** Visible attributes the caller may read, narrowed to {@code fields=} when given. */
  Map<String, Object> present(RequestContext ctx, ResourceDef def, Map<String, Object> item,
      Set<String> fields) {
    List<String> hidden = ctx.isAdmin() && !enforcer.enforceNewDefaults()
        ? List.of() : enforcer.hiddenAttributes(def.member(), item, ctx);
    Set<String> hide = hidden.isEmpty() ? Set.of() : new HashSet<>(hidden);
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : item.entrySet()) {
      String name = e.getKey();
      AttributeSpec spec = def.attribute(name);
      if (spec == null || !spec.visible() || hide.contains(name)) {
        continue;
      }
      if (!fields.isEmpty() && !fields.contains(name)) {
        continue;
      }
      out.put(name, e.getValue());
    }
    return out;
  }

  boolean isAdmin(String userId, String projectId, List<String> roles) {
    return enforcer.isAdmin(userId, projectId, roles);
  }
}
