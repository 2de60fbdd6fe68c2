package io.neutrino.lib.validate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Small helpers that reproduce the Python semantics neutron-lib's validators rely on: how a value
 * prints inside a message ({@code '%s' % value}), Python's notion of whitespace, {@code int()} on a
 * string and {@code ==} between JSON values.
 */
public final class Py {
  private Py() {}

  /** {@code str(value)} the way Python would print the JSON-decoded value. */
  static String str(Object value) {
    if (value instanceof String s) {
      return s;
    }
    return repr(value);
  }

  /** {@code repr(value)}: strings quoted, containers printed with the reprs of their elements. */
  public static String repr(Object value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (value instanceof String s) {
      return reprString(s);
    }
    if (value instanceof Double || value instanceof Float) {
      return reprFloat(((Number) value).doubleValue());
    }
    if (value instanceof BigDecimal d) {
      return reprFloat(d.doubleValue());
    }
    if (value instanceof Number) {
      return value.toString();
    }
    if (value instanceof Set<?> set) {
      if (set.isEmpty()) {
        return "set()";
      }
      return join("{", set.iterator(), "}");
    }
    if (value instanceof Collection<?> c) {
      return join("[", c.iterator(), "]");
    }
    if (value instanceof Map<?, ?> m) {
      StringBuilder sb = new StringBuilder("{");
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          sb.append(", ");
        }
        first = false;
        sb.append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
      }
      return sb.append('}').toString();
    }
    return String.valueOf(value);
  }

  private static String join(String open, Iterator<?> it, String close) {
    StringBuilder sb = new StringBuilder(open);
    boolean first = true;
    while (it.hasNext()) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      sb.append(repr(it.next()));
    }
    return sb.append(close).toString();
  }

  private static String reprString(String s) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder sb = new StringBuilder(s.length() + 2).append(quote);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == quote || c == '\\') {
        sb.append('\\').append(c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (c < 0x20 || c == 0x7f) {
        sb.append(String.format("\\x%02x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append(quote).toString();
  }

  /** Python's float repr: {@code 1.0}, {@code 1e+16}, {@code 1e-05}, {@code inf}, {@code nan}. */
  public static String reprFloat(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0.0" : "0.0";
    }
    BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    int exp = bd.precision() - bd.scale() - 1; // decimal exponent of the leading digit
    if (exp >= -4 && exp < 16) {
      String plain = bd.toPlainString();
      return plain.contains(".") ? plain : plain + ".0";
    }
    String digits = bd.unscaledValue().abs().toString();
    StringBuilder sb = new StringBuilder();
    if (bd.signum() < 0) {
      sb.append('-');
    }
    sb.append(digits.charAt(0));
    if (digits.length() > 1) {
      sb.append('.').append(digits, 1, digits.length());
    }
    sb.append('e').append(exp < 0 ? '-' : '+');
    int abs = Math.abs(exp);
    if (abs < 10) {
      sb.append('0');
    }
    return sb.append(abs).toString();
  }

  /** Python's {@code str.isspace()} for one code point. */
  static boolean isSpace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
  }

  /** {@code re.search(r'\s', s) is not None}. */
  static boolean hasSpace(String s) {
    return s.codePoints().anyMatch(Py::isSpace);
  }

  /** {@code s.strip()}. */
  static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.codePointAt(start))) {
      start += Character.charCount(s.codePointAt(start));
    }
    while (end > start && isSpace(s.codePointBefore(end))) {
      end -= Character.charCount(s.codePointBefore(end));
    }
    return s.substring(start, end);
  }

  /** {@code len(s)} counts code points, not UTF-16 units. */
  static int len(String s) {
    return s.codePointCount(0, s.length());
  }

  /** {@code len(s.splitlines())}. */
  static int lineCount(String s) {
    int lines = 0;
    int i = 0;
    int n = s.length();
    while (i < n) {
      int lineStart = i;
      while (i < n && !isLineBreak(s.charAt(i))) {
        i++;
      }
      if (i < n) {
        if (s.charAt(i) == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') {
          i++;
        }
        i++;
      }
      if (i > lineStart) {
        lines++;
      }
    }
    return lines;
  }

  private static boolean isLineBreak(char c) {
    return c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || (c >= 0x1c && c <= 0x1e)
        || c == 0x85 || c == 0x2028 || c == 0x2029;
  }

  /**
   * {@code int(s)} for a string: surrounding whitespace, an optional sign, decimal digits with
   * single underscores between them. Returns null when Python would raise ValueError.
   */
  static BigInteger parseInt(String s) {
    String t = strip(s);
    int i = 0;
    boolean negative = false;
    if (!t.isEmpty() && (t.charAt(0) == '+' || t.charAt(0) == '-')) {
      negative = t.charAt(0) == '-';
      i = 1;
    }
    if (i >= t.length()) {
      return null;
    }
    StringBuilder digits = new StringBuilder(t.length());
    boolean lastWasDigit = false;
    for (; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
        lastWasDigit = true;
      } else if (c == '_' && lastWasDigit) {
        lastWasDigit = false;
      } else {
        return null;
      }
    }
    if (!lastWasDigit) {
      return null;
    }
    BigInteger v = new BigInteger(digits.toString());
    return negative ? v.negate() : v;
  }

  /**
   * Python's {@code int(value)} for a JSON value, or null when Python would raise ValueError,
   * TypeError or OverflowError (infinite floats).
   */
  static BigInteger toInt(Object value) {
    if (value instanceof Boolean b) {
      return b ? BigInteger.ONE : BigInteger.ZERO;
    }
    if (value instanceof BigInteger bi) {
      return bi;
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte) {
      return BigInteger.valueOf(((Number) value).longValue());
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return null;
      }
      return new BigDecimal(d).toBigInteger();
    }
    if (value instanceof BigDecimal bd) {
      return bd.toBigInteger();
    }
    if (value instanceof String s) {
      return parseInt(s);
    }
    return null;
  }

  /** Narrowest Java integer type holding {@code v}: Integer, Long or BigInteger. */
  static Number narrow(BigInteger v) {
    if (v.bitLength() < 32) {
      return v.intValue();
    }
    if (v.bitLength() < 64) {
      return v.longValue();
    }
    return v;
  }

  /** Python {@code ==} between JSON values: 1 == 1.0 == True, lists and dicts compared deeply. */
  public static boolean eq(Object a, Object b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    if (isNumeric(a) && isNumeric(b)) {
      BigDecimal x = toDecimal(a);
      BigDecimal y = toDecimal(b);
      if (x == null || y == null) {
        double dx = ((a instanceof Boolean ba) ? (ba ? 1 : 0) : ((Number) a).doubleValue());
        double dy = ((b instanceof Boolean bb) ? (bb ? 1 : 0) : ((Number) b).doubleValue());
        return dx == dy;
      }
      return x.compareTo(y) == 0;
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

  /** {@code x in items} with Python equality. */
  static boolean contains(Iterable<?> items, Object x) {
    for (Object item : items) {
      if (eq(item, x)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isNumeric(Object o) {
    return o instanceof Number || o instanceof Boolean;
  }

  private static BigDecimal toDecimal(Object o) {
    if (o instanceof Boolean b) {
      return b ? BigDecimal.ONE : BigDecimal.ZERO;
    }
    if (o instanceof BigDecimal bd) {
      return bd;
    }
    if (o instanceof BigInteger bi) {
      return new BigDecimal(bi);
    }
    if (o instanceof Double || o instanceof Float) {
      double d = ((Number) o).doubleValue();
      return Double.isFinite(d) ? new BigDecimal(d) : null;
    }
    return BigDecimal.valueOf(((Number) o).longValue());
  }

  /** Python truthiness of a JSON value. */
  static boolean truthy(Object o) {
    if (o == null) {
      return false;
    }
    if (o instanceof Boolean b) {
      return b;
    }
    if (o instanceof String s) {
      return !s.isEmpty();
    }
    if (o instanceof Collection<?> c) {
      return !c.isEmpty();
    }
    if (o instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    if (o instanceof Number) {
      BigDecimal d = toDecimal(o);
      return d == null || d.signum() != 0;
    }
    return true;
  }
}
