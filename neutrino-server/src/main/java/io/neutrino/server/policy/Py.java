package io.neutrino.server.policy;

import java.math.BigInteger;
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

  /** Python's {@code ==} between JSON values (one implementation, in neutrino-lib). */
  static boolean eq(Object a, Object b) {
    return io.neutrino.lib.validate.Py.eq(a, b);
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
