package io.neutrino.lib.validate;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * neutron-lib's attribute converters ({@code neutron_lib/api/converters.py}). Each returns the
 * converted value or throws {@link Converter.InvalidValue} with Neutron's message.
 */
public final class Converters {
  private Converters() {}

  private static final Set<String> TRUE_STRINGS = Set.of("1", "t", "true", "on", "y", "yes");
  private static final Set<String> FALSE_STRINGS = Set.of("0", "f", "false", "off", "n", "no");

  /**
   * oslo's strict bool_from_string: a Boolean, or a value whose text (trimmed, case-insensitive) is
   * one of 1/t/true/on/y/yes or 0/f/false/off/n/no. Null when it is neither.
   */
  static Boolean parseBoolean(Object data) {
    if (data instanceof Boolean b) {
      return b;
    }
    String s = Py.strip(Py.str(data)).toLowerCase(Locale.ROOT);
    if (TRUE_STRINGS.contains(s)) {
      return Boolean.TRUE;
    }
    if (FALSE_STRINGS.contains(s)) {
      return Boolean.FALSE;
    }
    return null;
  }

  /** convert_to_boolean. */
  public static Boolean toBoolean(Object data) {
    Boolean b = parseBoolean(data);
    if (b == null) {
      throw new Converter.InvalidValue("'" + Py.str(data) + "' cannot be converted to boolean");
    }
    return b;
  }

  /** convert_to_boolean_if_not_none. */
  public static Boolean toBooleanIfNotNone(Object data) {
    return data == null ? null : toBoolean(data);
  }

  /**
   * convert_to_int: Python's {@code int()}: integers, integral strings (surrounding whitespace,
   * sign and digit underscores allowed), floats truncated, booleans as 0/1. Returns the narrowest of
   * Integer, Long or BigInteger.
   */
  public static Number toInt(Object data) {
    BigInteger i = Py.toInt(data);
    if (i == null) {
      throw new Converter.InvalidValue("'" + Py.str(data) + "' is not an integer");
    }
    return Py.narrow(i);
  }

  /** convert_to_int_if_not_none. */
  public static Number toIntIfNotNone(Object data) {
    return data == null ? null : toInt(data);
  }

  /** convert_to_positive_float_or_none: null, or {@code float(val)} when it is not negative. */
  public static Double toPositiveFloatOrNone(Object val) {
    if (val == null) {
      return null;
    }
    Double d = toFloat(val);
    if (d == null) {
      throw new Converter.InvalidValue("'" + Py.str(val) + "' must be a non negative decimal");
    }
    if (d < 0) {
      throw new Converter.InvalidValue("'" + Py.reprFloat(d) + "' must be a non negative decimal");
    }
    return d;
  }

  /** Python's {@code float(val)} for a JSON value; null when it would raise. */
  private static Double toFloat(Object val) {
    if (val instanceof Boolean b) {
      return b ? 1.0 : 0.0;
    }
    if (val instanceof BigInteger bi) {
      double d = bi.doubleValue();
      return Double.isInfinite(d) ? null : d;
    }
    if (val instanceof Number n) {
      return n.doubleValue();
    }
    if (val instanceof String s) {
      String t = Py.strip(s).toLowerCase(Locale.ROOT);
      String unsigned = t.startsWith("+") || t.startsWith("-") ? t.substring(1) : t;
      boolean neg = t.startsWith("-");
      if (unsigned.equals("inf") || unsigned.equals("infinity")) {
        return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      }
      if (unsigned.equals("nan")) {
        return Double.NaN;
      }
      if (!unsigned.matches("(\\d(_?\\d)*)?(\\.(\\d(_?\\d)*)?)?(e[+-]?\\d(_?\\d)*)?")
          || !unsigned.matches(".*\\d.*") || unsigned.startsWith("e")
          || unsigned.startsWith(".e")) {
        return null;
      }
      return Double.parseDouble(t.replace("_", ""));
    }
    return null;
  }

  /** convert_kvp_str_to_list: "key=value" as [key, value], both trimmed; the key non-empty. */
  public static List<String> kvpStrToList(Object data) {
    if (data instanceof String s) {
      int eq = s.indexOf('=');
      if (eq >= 0) {
        String key = Py.strip(s.substring(0, eq));
        if (!key.isEmpty()) {
          return List.of(key, Py.strip(s.substring(eq + 1)));
        }
      }
    }
    throw new Converter.InvalidValue("'" + Py.str(data) + "' is not of the form <key>=[value]");
  }

  /**
   * convert_kvp_list_to_dict: ["k=v", ...] as {k: [distinct values]}; ["True"] (a bare flag) as {}.
   */
  public static Map<String, List<String>> kvpListToDict(Object kvpList) {
    List<?> items;
    if (kvpList instanceof List<?> l) {
      items = l;
    } else {
      items = toList(kvpList);
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (items.size() == 1 && "True".equals(items.get(0))) {
      return out;
    }
    Map<String, Set<String>> sets = new LinkedHashMap<>();
    for (Object kvp : items) {
      List<String> kv = kvpStrToList(kvp);
      sets.computeIfAbsent(kv.get(0), k -> new LinkedHashSet<>()).add(kv.get(1));
    }
    sets.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
    return out;
  }

  /** convert_none_to_empty_list. */
  public static Object noneToEmptyList(Object value) {
    return value == null ? new ArrayList<>() : value;
  }

  /** convert_none_to_empty_dict. */
  public static Object noneToEmptyDict(Object value) {
    return value == null ? new LinkedHashMap<>() : value;
  }

  /** convert_none_to_empty_string. */
  public static Object noneToEmptyString(Object value) {
    return value == null ? "" : value;
  }

  /**
   * convert_to_list: null as [], a list copied, a dict as its keys, anything else (strings
   * included) wrapped in a one-element list.
   */
  public static List<Object> toList(Object data) {
    if (data == null) {
      return new ArrayList<>();
    }
    if (data instanceof java.util.Collection<?> c) {
      return new ArrayList<>(c);
    }
    if (data instanceof Map<?, ?> m) {
      return new ArrayList<>(m.keySet());
    }
    List<Object> one = new ArrayList<>(1);
    one.add(data);
    return one;
  }

  /** convert_to_string: {@code str(data)} unless null. */
  public static String toStringIfNotNone(Object data) {
    return data == null ? null : Py.str(data);
  }

  /**
   * convert_ip_to_canonical_format: an IPv6 address in compact lower-case form; anything else
   * (IPv4 addresses, non-addresses, null) unchanged.
   */
  public static Object toCanonicalIp(Object value) {
    Net.Ip ip = null;
    if (value instanceof String s) {
      ip = Net.parseAny(s);
    } else if (value instanceof Number && !(value instanceof Double || value instanceof Float)) {
      BigInteger v = Py.toInt(value);
      if (v != null && v.compareTo(Net.V4_MAX) > 0 && v.compareTo(Net.V6_MAX) <= 0) {
        ip = new Net.Ip(6, v);
      }
    }
    return ip != null && ip.version() == 6 ? ip.toString() : value;
  }

  /**
   * convert_cidr_to_canonical_format: "address/prefixlen" with an IPv6 address in compact form
   * (host bits are kept, a netmask becomes a prefix length, no prefix means a host route).
   */
  public static String toCanonicalCidr(Object value) {
    Net.Network net = value instanceof String s ? Net.parseNetwork(s) : null;
    if (net == null) {
      throw new Converter.InvalidValue(Py.str(value) + " is not in a CIDR format");
    }
    return net.toString();
  }

  /**
   * convert_to_sanitized_mac_address: an EUI-48 as "aa:bb:cc:dd:ee:ff"; a value that is not a MAC
   * is returned unchanged.
   */
  public static Object toSanitizedMac(Object macAddress) {
    Long v = null;
    if (macAddress instanceof String s) {
      v = Net.parseMac(s);
    } else if (macAddress instanceof Number && !(macAddress instanceof Double
        || macAddress instanceof Float)) {
      BigInteger i = Py.toInt(macAddress);
      if (i != null && i.signum() >= 0 && i.bitLength() <= 48) {
        v = i.longValue();
      }
    }
    return v == null ? macAddress : Net.formatMac(v);
  }

  /** convert_string_to_case_insensitive: the string lower-cased. */
  public static String toLowerCase(Object data) {
    if (data instanceof String s) {
      return s.toLowerCase(Locale.ROOT);
    }
    throw new Converter.InvalidValue("Input value " + Py.str(data) + " must be string type");
  }

  /** convert_prefix_forced_case: a string starting with prefix (any case) gets prefix's case. */
  public static Object prefixForcedCase(Object data, String prefix) {
    if (data instanceof String s && s.length() >= prefix.length()
        && s.substring(0, prefix.length()).equalsIgnoreCase(prefix)) {
      return prefix + s.substring(prefix.length());
    }
    return data;
  }

  /** convert_uppercase_ip: "ipv4"/"Ipv6" as "IPv4"/"IPv6". */
  public static Object uppercaseIp(Object data) {
    return prefixForcedCase(data, "IP");
  }

  /** The converters by neutron-lib function name, for porting attribute maps. */
  public static Converter named(String name) {
    return switch (name) {
      case "convert_to_boolean" -> Converters::toBoolean;
      case "convert_to_boolean_if_not_none" -> Converters::toBooleanIfNotNone;
      case "convert_to_int" -> Converters::toInt;
      case "convert_to_int_if_not_none" -> Converters::toIntIfNotNone;
      case "convert_to_positive_float_or_none" -> Converters::toPositiveFloatOrNone;
      case "convert_kvp_str_to_list" -> Converters::kvpStrToList;
      case "convert_kvp_list_to_dict" -> Converters::kvpListToDict;
      case "convert_none_to_empty_list" -> Converters::noneToEmptyList;
      case "convert_none_to_empty_dict" -> Converters::noneToEmptyDict;
      case "convert_none_to_empty_string" -> Converters::noneToEmptyString;
      case "convert_to_list" -> Converters::toList;
      case "convert_to_string" -> Converters::toStringIfNotNone;
      case "convert_ip_to_canonical_format" -> Converters::toCanonicalIp;
      case "convert_cidr_to_canonical_format" -> Converters::toCanonicalCidr;
      case "convert_to_sanitized_mac_address" -> Converters::toSanitizedMac;
      case "convert_string_to_case_insensitive" -> Converters::toLowerCase;
      case "convert_uppercase_ip" -> Converters::uppercaseIp;
      default -> throw new IllegalArgumentException("Converter '" + name + "' does not exist");
    };
  }
}
