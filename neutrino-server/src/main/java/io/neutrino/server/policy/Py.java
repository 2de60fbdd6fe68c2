package io.neutrino.server.policy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The bits of Python value semantics the policy language depends on: {@code str()} of a JSON
 * value (what {@code '%(x)s' % target} and {@code str(creds[k])} produce), {@code ==} between
 * JSON values, and {@code ast.literal_eval} of the left side of a generic check.
 */
final class Py {
  private Py() {}

  private static final Pattern INT = Pattern.compile("[-+]?(0|[1-9][0-9_]*)");
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?([0-9]+\\.[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+");

  static String str(Object value) {
    return value instanceof String s ? s : repr(value);
  }

  /** Python's repr, as neutron-lib's messages print values (one implementation, in neutrino-lib). */
  static String repr(Object value) {
    return io.neutrino.lib.validate.Py.repr(value);
  }

  static boolean eq(Object a, Object b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    if (isNumeric(a) && isNumeric(b)) {
      return toBig(a).compareTo(toBig(b)) == 0;
    }
    if (a instanceof List<?> la && b instanceof List<?> lb) {
      if (la.size() != lb.size()) {
        return false;
      }
      for (int i = 0; i < la.size(); i++) {
        if (!eq(la.get(i), lb.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      if (ma.size() != mb.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : ma.entrySet()) {
        if (!mb.containsKey(e.getKey()) || !eq(e.getValue(), mb.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  private static boolean isNumeric(Object o) {
    return o instanceof Number || o instanceof Boolean;
  }

  private static BigDecimal toBig(Object o) {
    if (o instanceof Boolean b) {
      return b ? BigDecimal.ONE : BigDecimal.ZERO;
    }
    if (o instanceof BigDecimal d) {
      return d;
    }
    if (o instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (o instanceof Double || o instanceof Float) {
      return new BigDecimal(((Number) o).doubleValue());
    }
    return BigDecimal.valueOf(((Number) o).longValue());
  }

  /**
   * {@code str(ast.literal_eval(text))} for the literals a policy's left side can hold (True,
   * False, None, numbers, quoted strings), or {@code null} when the text is not such a literal
   * (then oslo treats it as a path into the credentials).
   */
  static String literal(String text) {
    switch (text) {
      case "True":
      case "False":
      case "None":
        return text;
      default:
        break;
    }
    if (text.length() >= 2) {
      char q = text.charAt(0);
      if ((q == '\'' || q == '"') && text.charAt(text.length() - 1) == q) {
        return text.substring(1, text.length() - 1);
      }
    }
    if (INT.matcher(text).matches()) {
      return new BigInteger(text.replace("_", "").replace("+", "")).toString();
    }
    if (FLOAT.matcher(text).matches()) {
      return io.neutrino.lib.validate.Py.reprFloat(Double.parseDouble(text));
    }
    return null;
  }
}
