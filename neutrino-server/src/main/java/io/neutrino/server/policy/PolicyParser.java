package io.neutrino.server.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy language of oslo.policy's _parser.py, with Neutron's registered check kinds.
 *
 * <p>Tokens are split on whitespace; leading "(" and trailing ")" of a token are parentheses;
 * {@code and}, {@code or}, {@code not} are operators in any case; anything else is a check
 * {@code kind:match} ({@code rule:}, {@code role:}, {@code field:}, {@code tenant_id:} and the
 * generic check for any other kind), or {@code @} / {@code !}. Precedence is not &gt; and &gt; or.
 * The empty string means always; a rule of only whitespace, like any rule that does not parse,
 * is "!" in the lenient {@link #parse} (logged), an exception in {@link #parseStrict}.
 * oslo's greedy shift-reduce parser accepts exactly this grammar; this is a recursive descent
 * over the same tokens.
 */
public final class PolicyParser {
  private PolicyParser() {}

  private static final Logger LOG = LoggerFactory.getLogger(PolicyParser.class);

  private enum T { LP, RP, AND, OR, NOT, CHECK, STRING }

  private record Tok(T type, Check check) {}

  /** Parses a rule; a rule that does not parse is logged and becomes "!" (never allowed). */
  public static Check parse(String rule) {
    try {
      return parse(rule, false);
    } catch (PolicyParseException e) {
      LOG.error("Failed to understand rule {}: {}", rule, e.getMessage());
      return Checks.FALSE;
    }
  }

  /** Parses a rule, throwing {@link PolicyParseException} where oslo would log and deny. */
  public static Check parseStrict(String rule) {
    return parse(rule, true);
  }

  private static Check parse(String rule, boolean strict) {
    if (rule == null || rule.isEmpty()) {
      return Checks.TRUE;
    }
    List<Tok> toks = tokenize(rule, strict);
    if (toks.isEmpty()) {
      throw new PolicyParseException("Could not parse rule");
    }
    Parser p = new Parser(toks);
    Check c = p.or();
    if (p.pos != toks.size()) {
      throw new PolicyParseException("Could not parse rule");
    }
    return c;
  }

  /**
   * A value read from a policy file: a string in the policy language, null (an empty YAML value,
   * always allowed) or the legacy list-of-lists form ([[a, b], [c]] = (a and b) or c).
   */
  static Check parseValue(String name, Object value) {
    if (value == null) {
      return Checks.TRUE;
    }
    if (value instanceof String s) {
      return parse(s);
    }
    if (value instanceof List<?> list) {
      return parseList(name, list);
    }
    LOG.error("Failed to understand rule {}: {} is neither a string nor a list", name, value);
    return Checks.FALSE;
  }

  private static Check parseList(String name, List<?> rule) {
    if (rule.isEmpty()) {
      return Checks.TRUE;
    }
    List<Check> ors = new ArrayList<>();
    for (Object inner : rule) {
      if (inner == null || (inner instanceof String s && s.isEmpty())
          || (inner instanceof List<?> l && l.isEmpty())) {
        continue;
      }
      List<?> ands = inner instanceof List<?> l ? l : List.of(inner);
      List<Check> checks = new ArrayList<>();
      for (Object a : ands) {
        if (!(a instanceof String s)) {
          LOG.error("Failed to understand rule {}: {} is not a string", name, a);
          return Checks.FALSE;
        }
        checks.add(single(s));
      }
      ors.add(checks.size() == 1 ? checks.get(0) : new Checks.And(checks));
    }
    if (ors.isEmpty()) {
      return Checks.FALSE;
    }
    return ors.size() == 1 ? ors.get(0) : new Checks.Or(ors);
  }

  /** One check token, as oslo's _parse_check (errors there are logged and mean "!"). */
  private static Check single(String rule) {
    try {
      return check(rule);
    } catch (PolicyParseException e) {
      LOG.error("Failed to understand rule {}: {}", rule, e.getMessage());
      return Checks.FALSE;
    }
  }

  private static Check check(String rule) {
    if (rule.equals("!")) {
      return Checks.FALSE;
    }
    if (rule.equals("@")) {
      return Checks.TRUE;
    }
    int colon = rule.indexOf(':');
    if (colon < 0) {
      throw new PolicyParseException("not a check of the form kind:match: " + rule);
    }
    String kind = rule.substring(0, colon);
    String match = rule.substring(colon + 1);
    switch (kind) {
      case "rule":
        return new Checks.Rule(match);
      case "role":
        return new Checks.Role(match);
      case "field":
        return Checks.Field.of(match);
      case "tenant_id":
        return new Checks.Owner(kind, match);
      case "http":
      case "https":
        throw new PolicyParseException("remote " + kind + " checks are not supported: " + rule);
      default:
        return new Checks.Generic(kind, match);
    }
  }

  private static List<Tok> tokenize(String rule, boolean strict) {
    List<Tok> out = new ArrayList<>();
    for (String tok : rule.split("\\s+")) {
      if (tok.isEmpty()) {
        continue;
      }
      int lead = 0;
      while (lead < tok.length() && tok.charAt(lead) == '(') {
        out.add(new Tok(T.LP, null));
        lead++;
      }
      String rest = tok.substring(lead);
      if (rest.isEmpty()) {
        continue;
      }
      int end = rest.length();
      while (end > 0 && rest.charAt(end - 1) == ')') {
        end--;
      }
      String clean = rest.substring(0, end);
      int trail = rest.length() - end;
      String lowered = clean.toLowerCase(java.util.Locale.ROOT);
      switch (lowered) {
        case "and" -> out.add(new Tok(T.AND, null));
        case "or" -> out.add(new Tok(T.OR, null));
        case "not" -> out.add(new Tok(T.NOT, null));
        default -> {
          if (!clean.isEmpty()) {
            char first = rest.charAt(0);
            char last = rest.charAt(rest.length() - 1);
            if (rest.length() >= 2 && (first == '"' || first == '\'') && first == last) {
              out.add(new Tok(T.STRING, null));
            } else {
              // oslo: a token that is not kind:match is logged and becomes "!" on its own
              out.add(new Tok(T.CHECK, strict || clean.indexOf(':') >= 0 || clean.equals("!")
                  || clean.equals("@") ? check(clean) : single(clean)));
            }
          }
        }
      }
      for (int i = 0; i < trail; i++) {
        out.add(new Tok(T.RP, null));
      }
    }
    return out;
  }

  private static final class Parser {
    final List<Tok> toks;
    int pos;

    Parser(List<Tok> toks) {
      this.toks = toks;
    }

    T peek() {
      return pos < toks.size() ? toks.get(pos).type() : null;
    }

    Check or() {
      Check first = and();
      if (peek() != T.OR) {
        return first;
      }
      List<Check> list = new ArrayList<>();
      list.add(first);
      while (peek() == T.OR) {
        pos++;
        list.add(and());
      }
      return new Checks.Or(list);
    }

    Check and() {
      Check first = unary();
      if (peek() != T.AND) {
        return first;
      }
      List<Check> list = new ArrayList<>();
      list.add(first);
      while (peek() == T.AND) {
        pos++;
        list.add(unary());
      }
      return new Checks.And(list);
    }

    Check unary() {
      T t = peek();
      if (t == null) {
        throw new PolicyParseException("Could not parse rule: unexpected end");
      }
      switch (t) {
        case NOT:
          pos++;
          return new Checks.Not(unary());
        case LP: {
          pos++;
          Check inner = or();
          if (peek() != T.RP) {
            throw new PolicyParseException("Could not parse rule: missing )");
          }
          pos++;
          return inner;
        }
        case CHECK:
          return toks.get(pos++).check();
        default:
          throw new PolicyParseException("Could not parse rule: unexpected " + t);
      }
    }
  }

  /** Compiles a map of rule strings, each on its own (a bad rule only affects itself). */
  static Map<String, Check> compileAll(Map<String, ?> rules) {
    Map<String, Check> out = new java.util.HashMap<>(rules.size() * 2);
    rules.forEach((k, v) -> out.put(k, parseValue(k, v)));
    return out;
  }
}
