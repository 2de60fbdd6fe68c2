package io.neutrino.server.policy;

import java.util.List;

/**
 * What Neutron enforces for one API call: {@code rule:ACTION}, and-ed with one rule per
 * attribute the request explicitly sets that the resource marks enforce_policy
 * ({@code rule:create_network:shared}) and per sub-attribute key
 * ({@code rule:create_port:fixed_ips:ip_address}). Built by {@link AttributeRules#build}.
 * {@link #toString()} is oslo's rendering, e.g.
 * {@code (rule:create_network and rule:create_network:shared)}.
 */
public final class MatchRule {
  private final String action;
  private final Check check;
  private final List<String> ruleNames;

  MatchRule(String action, Check check, List<String> ruleNames) {
    this.action = action;
    this.check = check;
    this.ruleNames = List.copyOf(ruleNames);
  }

  /** Just {@code rule:ACTION}, as for get and delete. */
  public static MatchRule of(String action) {
    return new MatchRule(action, new Checks.Rule(action), List.of(action));
  }

  public String action() {
    return action;
  }

  public Check check() {
    return check;
  }

  /** The rule names the match consults, in order: the action first, then attribute rules. */
  public List<String> ruleNames() {
    return ruleNames;
  }

  /** The attribute rules only (everything after the action). */
  public List<String> attributeRules() {
    return ruleNames.subList(1, ruleNames.size());
  }

  @Override
  public String toString() {
    return check.toString();
  }
}
