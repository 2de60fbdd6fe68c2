package io.neutrino.server.policy;

import io.neutrino.lib.context.RequestContext;
import java.util.HashMap;
import java.util.Map;

/** One evaluation of a check tree: the target, the caller, the rule set and scratch state. */
final class Eval {
  static final Object MISSING = new Object();
  /** Rule references deeper than this are a cycle (oslo would hit RecursionError). */
  static final int MAX_DEPTH = 64;

  final Map<String, Object> target;
  final RequestContext ctx;
  final RuleSet rules;
  final ParentLookup lookup;
  int depth;
  /** Parent-resource values found by owner checks (Neutron writes them into the target). */
  private Map<String, Object> memo;

  interface ParentLookup {
    /** The parent resource (e.g. "network", id) seen with admin rights, or null if unknown. */
    Map<String, Object> parent(String resourceType, String id);
  }

  Eval(Map<String, Object> target, RequestContext ctx, RuleSet rules, ParentLookup lookup) {
    this.target = target == null ? Map.of() : target;
    this.ctx = ctx;
    this.rules = rules;
    this.lookup = lookup;
  }

  Object targetValue(String key) {
    Object v = target.get(key);
    if (v != null || target.containsKey(key)) {
      return v;
    }
    if (memo != null && memo.containsKey(key)) {
      return memo.get(key);
    }
    if (key.indexOf('.') > 0) {
      return Template.nested(target, key);
    }
    return MISSING;
  }

  void remember(String key, Object value) {
    if (memo == null) {
      memo = new HashMap<>();
    }
    memo.put(key, value);
  }

  Map<String, Object> parent(String resourceType, Object id) {
    if (lookup == null || id == null) {
      return null;
    }
    return lookup.parent(resourceType, String.valueOf(id));
  }
}
