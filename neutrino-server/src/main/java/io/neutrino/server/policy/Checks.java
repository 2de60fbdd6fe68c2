package io.neutrino.server.policy;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check kinds: oslo.policy's _checks.py (true, false, not, and, or, rule, role, generic) and
 * the two Neutron registers in neutron/policy.py (field, and tenant_id as OwnerCheck).
 */
final class Checks {
  private Checks() {}

  private static final Logger LOG = LoggerFactory.getLogger(Checks.class);

  static final Check TRUE = new Check() {
    @Override
    boolean eval(Eval e) {
      return true;
    }

    @Override
    public String toString() {
      return "@";
    }
  };

  static final Check FALSE = new Check() {
    @Override
    boolean eval(Eval e) {
      return false;
    }

    @Override
    public String toString() {
      return "!";
    }
  };

  static final class Not extends Check {
    final Check rule;

    Not(Check rule) {
      this.rule = rule;
    }

    @Override
    boolean eval(Eval e) {
      return !rule.eval(e);
    }

    @Override
    public String toString() {
      return "not " + rule;
    }
  }

  static final class And extends Check {
    final Check[] rules;

    And(List<Check> rules) {
      this.rules = rules.toArray(new Check[0]);
    }

    @Override
    boolean eval(Eval e) {
      for (Check c : rules) {
        if (!c.eval(e)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String toString() {
      return join(rules, " and ");
    }
  }

  static final class Or extends Check {
    final Check[] rules;

    Or(List<Check> rules) {
      this.rules = rules.toArray(new Check[0]);
    }

    @Override
    boolean eval(Eval e) {
      for (Check c : rules) {
        if (c.eval(e)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toString() {
      return join(rules, " or ");
    }
  }

  private static String join(Check[] rules, String op) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < rules.length; i++) {
      if (i > 0) {
        sb.append(op);
      }
      sb.append(rules[i]);
    }
    return sb.append(')').toString();
  }

  /** {@code rule:NAME}: another rule of the set; unknown names fall back to "default". */
  static final class Rule extends Check {
    final String name;
    /**
     * What the name reached in the rule set it was last evaluated with: a list evaluates the same
     * references for every item, and looking each up again was a twentieth of a member's list.
     */
    private volatile Resolved resolved;

    private record Resolved(RuleSet rules, Check check) {}

    Rule(String name) {
      this.name = name;
    }

    @Override
    boolean eval(Eval e) {
      Resolved r = resolved;
      if (r == null || r.rules() != e.rules) {
        r = new Resolved(e.rules, e.rules.resolve(name));
        resolved = r;
      }
      Check c = r.check();
      if (c == null) {
        return false;
      }
      if (e.depth >= Eval.MAX_DEPTH) {
        LOG.warn("Policy rule {} is part of a cyclical reference; failing closed", name);
        return false;
      }
      e.depth++;
      try {
        return c.eval(e);
      } finally {
        e.depth--;
      }
    }

    @Override
    public String toString() {
      return "rule:" + name;
    }
  }

  /** {@code role:NAME}: a role of the caller, compared case-insensitively. */
  static final class Role extends Check {
    final Template match;

    Role(String match) {
      this.match = Template.compile(match);
    }

    @Override
    boolean eval(Eval e) {
      String m = match.format(e);
      if (m == null) {
        return false;
      }
      for (String r : e.ctx.roles()) {
        if (r != null && r.equalsIgnoreCase(m)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toString() {
      return "role:" + match;
    }
  }

  /**
   * {@code kind:match}: the left side is a Python literal or a dotted path into the credentials
   * (lists along the path match if any element matches); the right side is formatted with the
   * target.
   */
  static final class Generic extends Check {
    final String kind;
    final Template match;
    final String literal;
    final String[] path;

    Generic(String kind, String match) {
      this.kind = kind;
      this.match = Template.compile(match);
      this.literal = Py.literal(kind);
      this.path = kind.split("\\.", -1);
    }

    @Override
    boolean eval(Eval e) {
      String m = match.format(e);
      if (m == null) {
        return false;
      }
      if (literal != null) {
        return m.equals(literal);
      }
      Object v = Creds.get(e.ctx, path[0]);
      if (v == Creds.ABSENT) {
        return false;
      }
      return step(v, 1, m);
    }

    /** {@code v} was reached through path[next - 1]; a list there matches if any element does. */
    private boolean step(Object v, int next, String m) {
      if (v instanceof List<?> list) {
        for (Object el : list) {
          if (walk(el, next, m)) {
            return true;
          }
        }
        return false;
      }
      return walk(v, next, m);
    }

    private boolean walk(Object x, int i, String m) {
      if (i == path.length) {
        return m.equals(Py.str(x));
      }
      if (!(x instanceof Map<?, ?> map) || !map.containsKey(path[i])) {
        return false;
      }
      return step(map.get(path[i]), i + 1, m);
    }

    @Override
    public String toString() {
      return kind + ":" + match;
    }
  }

  /**
   * Neutron's FieldCheck, {@code field:RESOURCE:FIELD=VALUE}: the target's field equals the
   * value (converted like the attribute would be: True/False become booleans, numbers numbers),
   * or matches the regex when the value starts with {@code ~}. {@code networks:shared} on a
   * target without "shared" (a subnet, a port) reads the network named by its network_id.
   */
  static final class Field extends Check {
    final String resource;
    final String field;
    final String value;
    final Pattern regex;

    private Field(String resource, String field, String value, Pattern regex) {
      this.resource = resource;
      this.field = field;
      this.value = value;
      this.regex = regex;
    }

    static Check of(String match) {
      int colon = match.indexOf(':');
      int eq = colon < 0 ? -1 : match.indexOf('=', colon + 1);
      if (colon < 0 || eq < 0) {
        throw new PolicyParseException("field check needs resource:field=value: " + match);
      }
      String value = match.substring(eq + 1);
      Pattern regex = null;
      if (value.startsWith("~")) {
        try {
          regex = Pattern.compile(value.substring(1));
        } catch (PatternSyntaxException ex) {
          throw new PolicyParseException("bad regular expression in field check: " + match);
        }
      }
      return new Field(match.substring(0, colon), match.substring(colon + 1, eq), value, regex);
    }

    @Override
    boolean eval(Eval e) {
      Object t = targetValue(e);
      if (t == null) {
        return false;
      }
      if (regex != null) {
        if (!(t instanceof String s)) {
          return false;
        }
        Matcher mt = regex.matcher(s);
        return mt.lookingAt();
      }
      if (t instanceof String s) {
        return s.equals(value);
      }
      if (t instanceof Boolean b) {
        if (value.equalsIgnoreCase("true") || value.equals("1")) {
          return b;
        }
        if (value.equalsIgnoreCase("false") || value.equals("0")) {
          return !b;
        }
        return false;
      }
      if (t instanceof Number) {
        String lit = Py.literal(value);
        if (lit == null) {
          return false;
        }
        try {
          return Py.eq(t, new java.math.BigDecimal(lit));
        } catch (NumberFormatException ex) {
          return false;
        }
      }
      return false;
    }

    private Object targetValue(Eval e) {
      Object v = e.target.get(field);
      if (v != null || e.target.containsKey(field)) {
        return v;
      }
      if (resource.equals("networks") && field.equals("shared")) {
        Object netId = e.target.get("network_id");
        if (netId == null) {
          return null;
        }
        Map<String, Object> net = e.parent("network", netId);
        return net == null ? null : net.get(field);
      }
      return null;
    }

    @Override
    public String toString() {
      return "field:" + resource + ":" + field + ":" + value; // Neutron re-forms the match so
    }
  }

  /**
   * Neutron's OwnerCheck, registered for {@code tenant_id}: {@code tenant_id:%(tenant_id)s}
   * compares the caller's project with the target's; {@code tenant_id:%(network:tenant_id)s}
   * with the owner of the parent resource the target references (network_id,
   * security_group_id, ext_parent_*_id), fetched through the enforcer's lookup.
   */
  static final class Owner extends Check {
    private static final Pattern SOLE_KEY = Pattern.compile("^%\\((.*)\\)s$", Pattern.DOTALL);
    private static final Map<String, String> FOREIGN_KEYS =
        Map.of("networks", "network_id", "security_groups", "security_group_id");

    final String kind;
    final String match;
    final String targetField;

    Owner(String kind, String match) {
      Matcher m = SOLE_KEY.matcher(match);
      if (!m.matches()) {
        throw new PolicyParseException("Unable to identify a target field from:" + match
            + ". Match should be in the form %(<field_name>)s");
      }
      this.kind = kind;
      this.match = match;
      this.targetField = m.group(1);
    }

    @Override
    boolean eval(Eval e) {
      Object value = e.targetValue(targetField);
      if (value == Eval.MISSING && targetField.equals("tenant_id")) {
        value = e.targetValue("project_id");
      }
      if (value == Eval.MISSING) {
        value = parentValue(e);
        if (value == Eval.MISSING) {
          return false;
        }
        e.remember(targetField, value);
      }
      return Py.str(value).equals(Py.str(Creds.get(e.ctx, kind)));
    }

    private Object parentValue(Eval e) {
      int sep = targetField.indexOf(':');
      if (sep < 0) {
        sep = targetField.indexOf('_');
      }
      if (sep < 0) {
        LOG.error("Unable to find resource name in {}", targetField);
        return Eval.MISSING;
      }
      String parentRes = targetField.substring(0, sep);
      String parentField = targetField.substring(sep + 1);
      String foreignKey = FOREIGN_KEYS.get(parentRes + "s");
      if (parentRes.equals("ext_parent")) {
        for (String k : e.target.keySet()) {
          if (k.startsWith("ext_parent_") && k.endsWith("_id") && k.length() > 14) {
            foreignKey = k;
            parentRes = k.substring("ext_parent_".length(), k.length() - 3);
            break;
          }
        }
      }
      if (foreignKey == null) {
        LOG.error("Unable to verify match:{} as the parent resource: {} was not found", match,
            parentRes);
        return Eval.MISSING;
      }
      Object id = e.target.get(foreignKey);
      if (id == null) {
        LOG.debug("Target has no {} to find the {} owner", foreignKey, parentRes);
        return Eval.MISSING;
      }
      Map<String, Object> parent = e.parent(parentRes, id);
      if (parent == null) {
        LOG.debug("Parent {} {} not found for policy check {}", parentRes, id, this);
        return Eval.MISSING;
      }
      Object v = parent.get(parentField);
      if (v == null && !parent.containsKey(parentField) && parentField.equals("tenant_id")) {
        v = parent.get("project_id");
      }
      return v;
    }

    @Override
    public String toString() {
      return kind + ":" + match;
    }
  }
}
