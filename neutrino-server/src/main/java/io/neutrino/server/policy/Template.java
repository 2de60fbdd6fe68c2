package io.neutrino.server.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The right side of a check, compiled once: Python's {@code match % target} with
 * {@code %(key)s} placeholders (and {@code %%}). A placeholder whose key the target lacks makes
 * the whole check false, as oslo's KeyError does.
 */
final class Template {
  private final String text;
  private final String constant; // non-null when there is no placeholder
  private final List<Object> parts; // String literal or Key
  private final boolean broken; // a format Python would reject: the check is always false

  private record Key(String name, boolean repr) {}

  private Template(String text, String constant, List<Object> parts, boolean broken) {
    this.text = text;
    this.constant = constant;
    this.parts = parts;
    this.broken = broken;
  }

  static Template compile(String text) {
    if (text.indexOf('%') < 0) {
      return new Template(text, text, List.of(), false);
    }
    List<Object> parts = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c != '%') {
        lit.append(c);
        i++;
        continue;
      }
      if (i + 1 < n && text.charAt(i + 1) == '%') {
        lit.append('%');
        i += 2;
        continue;
      }
      if (i + 1 >= n || text.charAt(i + 1) != '(') {
        return new Template(text, null, List.of(), true);
      }
      // Python counts nested parentheses inside the key.
      int depth = 1;
      int j = i + 2;
      while (j < n && depth > 0) {
        char d = text.charAt(j);
        if (d == '(') {
          depth++;
        } else if (d == ')') {
          depth--;
        }
        j++;
      }
      if (depth != 0 || j >= n) {
        return new Template(text, null, List.of(), true);
      }
      String key = text.substring(i + 2, j - 1);
      char conv = text.charAt(j);
      if (conv != 's' && conv != 'r') {
        return new Template(text, null, List.of(), true);
      }
      if (lit.length() > 0) {
        parts.add(lit.toString());
        lit.setLength(0);
      }
      parts.add(new Key(key, conv == 'r'));
      i = j + 1;
    }
    if (parts.isEmpty()) {
      return new Template(text, lit.toString(), List.of(), false);
    }
    if (lit.length() > 0) {
      parts.add(lit.toString());
    }
    return new Template(text, null, List.copyOf(parts), false);
  }

  /** The formatted string, or {@code null} when a key is missing or the format is invalid. */
  String format(Eval e) {
    if (constant != null) {
      return constant;
    }
    if (broken) {
      return null;
    }
    if (parts.size() == 1 && parts.get(0) instanceof Key k) {
      Object v = e.targetValue(k.name);
      if (v == Eval.MISSING) {
        return null;
      }
      return k.repr ? Py.repr(v) : Py.str(v);
    }
    StringBuilder sb = new StringBuilder();
    for (Object p : parts) {
      if (p instanceof Key k) {
        Object v = e.targetValue(k.name);
        if (v == Eval.MISSING) {
          return null;
        }
        sb.append(k.repr ? Py.repr(v) : Py.str(v));
      } else {
        sb.append((String) p);
      }
    }
    return sb.toString();
  }

  /** The single key of a template that is exactly {@code %(key)s}, else null. */
  String soleKey() {
    if (parts.size() == 1 && parts.get(0) instanceof Key k && !k.repr) {
      return k.name;
    }
    return null;
  }

  static Object nested(Map<?, ?> target, String dotted) {
    Object cur = target;
    for (String seg : dotted.split("\\.", -1)) {
      if (!(cur instanceof Map<?, ?> m) || !m.containsKey(seg)) {
        return Eval.MISSING;
      }
      cur = m.get(seg);
    }
    return cur;
  }

  @Override
  public String toString() {
    return text;
  }
}
