package io.neutrino.server.policy;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An immutable snapshot of the effective rules (defaults, then the policy file, then policy_dirs),
 * as oslo's Rules dict: a name that is not defined resolves to the "default" rule when there is
 * one, else it fails closed.
 */
final class RuleSet {
  static final String DEFAULT_RULE = "default";

  private final Map<String, Check> rules;
  private final Check defaultRule;
  /** Per resource member ("port"): attribute name to its get_port:ATTR rule, built on demand. */
  private final Map<String, Map<String, Check>> readRules = new ConcurrentHashMap<>();

  RuleSet(Map<String, Check> rules) {
    this.rules = Collections.unmodifiableMap(new HashMap<>(rules));
    this.defaultRule = rules.get(DEFAULT_RULE);
  }

  /** The rule a {@code rule:NAME} reference reaches, or null (deny). */
  Check resolve(String name) {
    Check c = rules.get(name);
    if (c != null || name.equals(DEFAULT_RULE)) {
      return c;
    }
    return defaultRule;
  }

  /** The rule defined under exactly this name, without the "default" fallback. */
  Check get(String name) {
    return rules.get(name);
  }

  Set<String> names() {
    return rules.keySet();
  }

  Map<String, Check> readRules(String member) {
    return readRules.computeIfAbsent(member, m -> {
      String prefix = "get_" + m + ":";
      Map<String, Check> out = new HashMap<>();
      rules.forEach((name, check) -> {
        if (name.startsWith(prefix) && name.length() > prefix.length()) {
          out.put(name.substring(prefix.length()), check);
        }
      });
      return out;
    });
  }
}
