package io.neutrino.server.api;

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
import java.util.function.Predicate;

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
    return presenter(ctx, def, fields).present(item);
  }

  /** {@link #present} for every item of one request: what does not depend on the item is done once. */
  Presenter presenter(RequestContext ctx, ResourceDef def, Set<String> fields) {
    Set<String> shown = new HashSet<>();
    def.attributes().forEach((name, spec) -> {
      if (spec.visible() && (fields.isEmpty() || fields.contains(name))) {
        shown.add(name);
      }
    });
    return new Presenter(ctx, def.member(), shown, ctx.isAdmin() && !enforcer.enforceNewDefaults());
  }

  /**
   * Shows items of one collection to one caller: the attributes the schema shows (and {@code
   * fields=} asks for) minus those whose {@code get_<member>:<attr>} rule fails for the item; the
   * legacy admin shortcut skips those rules.
   */
  final class Presenter {
    private final RequestContext ctx;
    private final String member;
    private final Set<String> shown;
    private final boolean noReadRules;

    private Presenter(RequestContext ctx, String member, Set<String> shown, boolean noReadRules) {
      this.ctx = ctx;
      this.member = member;
      this.shown = shown;
      this.noReadRules = noReadRules;
    }

    /** Which attributes of {@code item} the caller sees. */
    Predicate<String> shows(Map<String, Object> item) {
      List<String> hidden = noReadRules ? List.of() : enforcer.hiddenAttributes(member, item, ctx);
      if (hidden.isEmpty()) {
        return shown::contains;
      }
      Set<String> hide = new HashSet<>(hidden);
      return name -> shown.contains(name) && !hide.contains(name);
    }

    /** A copy of {@code item} with what the caller sees. */
    Map<String, Object> present(Map<String, Object> item) {
      Predicate<String> shows = shows(item);
      Map<String, Object> out = new LinkedHashMap<>(2 * item.size());
      item.forEach((name, value) -> {
        if (shows.test(name)) {
          out.put(name, value);
        }
      });
      return out;
    }
  }

  boolean isAdmin(String userId, String projectId, List<String> roles) {
    return enforcer.isAdmin(userId, projectId, roles);
  }
}
