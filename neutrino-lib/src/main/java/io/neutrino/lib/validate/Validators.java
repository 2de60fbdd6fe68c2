package io.neutrino.lib.validate;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * neutron-lib's attribute validators ({@code neutron_lib/api/validators}). Each factory returns a
 * {@link Validator} that reports what is wrong with a JSON value in the same words Neutron uses, or
 * null when the value is acceptable. {@link #named(String, Object)} resolves the {@code type:*}
 * names used in resource attribute maps, with the map's parameter (max length, range, key specs,
 * regular expression...) as {@code arg}.
 */
public final class Validators {
  private Validators() {}

  /** Default of neutron's {@code max_allowed_address_pair} option. */
  public static final int DEFAULT_MAX_ALLOWED_ADDRESS_PAIRS = 10;
  /** neutron_lib.db.constants.FQDN_FIELD_SIZE. */
  public static final int FQDN_MAX_LEN = 255;
  /** neutron_lib.db.constants.AZ_HINTS_DB_LEN. */
  public static final int AZ_HINTS_DB_LEN = 255;
  /** neutron_lib.constants.IPV6_PD_POOL_ID. */
  public static final String IPV6_PD_POOL_ID = "prefix_delegation";
  /** neutron_lib.constants.DNS_DOMAIN_DEFAULT. */
  public static final String DNS_DOMAIN_DEFAULT = "openstacklocal.";

  /**
   * How one key of a dict attribute is checked: whether it must be present, the validator of its
   * value and an optional converter applied (in place, when the map is mutable) before validating.
   */
  public record KeySpec(boolean required, Validator validator, Converter converter) {
    public KeySpec {
      validator = validator == null ? Validator.NONE : validator;
    }

    public static KeySpec required(Validator validator) {
      return new KeySpec(true, validator, null);
    }

    public static KeySpec optional(Validator validator) {
      return new KeySpec(false, validator, null);
    }

    /**
     * Reads a neutron-style key spec: a {@link KeySpec}, or a map such as
     * {@code {"required": true, "type:uuid": null, "convert_to": converter}}.
     */
    public static KeySpec of(Object spec) {
      if (spec instanceof KeySpec ks) {
        return ks;
      }
      if (spec instanceof Validator v) {
        return new KeySpec(false, v, null);
      }
      if (!(spec instanceof Map<?, ?> m)) {
        return new KeySpec(false, Validator.NONE, null);
      }
      boolean required = Py.truthy(m.get("required"));
      Converter conv = m.get("convert_to") instanceof Converter c ? c : null;
      Validator validator = Validator.NONE;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (e.getKey() instanceof String k && k.startsWith("type:")) {
          if (exists(k)) {
            validator = named(k, e.getValue());
          } else {
            String msg = "Validator '" + k + "' does not exist";
            validator = value -> msg;
          }
          break;
        }
      }
      return new KeySpec(required, validator, conv);
    }
  }

  // ------------------------------------------------------------------ strings

  /** validate_string: a string, optionally no longer than {@code maxLen} characters. */
  public static Validator string(Integer maxLen) {
    return data -> validateString(data, maxLen);
  }

  public static Validator stringOrNone(Integer maxLen) {
    return orNone(string(maxLen));
  }

  /** validate_not_empty_string: a string that is not blank. */
  public static Validator notEmptyString(Integer maxLen) {
    return data -> {
      String msg = validateString(data, maxLen);
      if (msg != null) {
        return msg;
      }
      if (Py.strip((String) data).isEmpty()) {
        return "'" + data + "' Blank strings are not permitted";
      }
      return null;
    };
  }

  public static Validator notEmptyStringOrNone(Integer maxLen) {
    return orNone(notEmptyString(maxLen));
  }

  /** validate_oneline_not_empty_string: a non-blank string without line breaks. */
  public static Validator onelineNotEmptyString(Integer maxLen) {
    Validator notEmpty = notEmptyString(maxLen);
    return data -> {
      String msg = notEmpty.validate(data);
      if (msg != null) {
        return msg;
      }
      if (Py.lineCount((String) data) > 1) {
        return "Multi-line string is not allowed: '" + data + "'";
      }
      return null;
    };
  }

  public static Validator onelineNotEmptyStringOrNone(Integer maxLen) {
    return orNone(onelineNotEmptyString(maxLen));
  }

  /** validate_list_of_unique_strings. */
  public static Validator listOfUniqueStrings(Integer maxLen) {
    return listOfItems(string(maxLen));
  }

  private static String validateString(Object data, Integer maxLen) {
    if (!(data instanceof String s)) {
      return "'" + Py.str(data) + "' is not a valid string";
    }
    if (maxLen != null && Py.len(s) > maxLen) {
      return "'" + s + "' exceeds maximum length of " + maxLen;
    }
    return null;
  }

  // ------------------------------------------------------------------ regex

  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

  /** validate_regex: {@code re.match(pattern, data)}, i.e. the pattern matches at the start. */
  public static Validator regex(String pattern) {
    return data -> {
      if (data instanceof String s && pattern != null) {
        Pattern p = compile(pattern);
        if (p != null && p.matcher(s).lookingAt()) {
          return null;
        }
      }
      return "'" + Py.str(data) + "' is not a valid input";
    };
  }

  public static Validator regexOrNone(String pattern) {
    return orNone(regex(pattern));
  }

  public static Validator listOfRegexOrNone(String pattern) {
    return orNone(listOfItems(regex(pattern)));
  }

  private static Pattern compile(String pythonRegex) {
    Pattern cached = PATTERNS.get(pythonRegex);
    if (cached != null) {
      return cached;
    }
    String java = pythonRegex.replace("(?P<", "(?<").replaceAll("\\(\\?P=(\\w+)\\)", "\\\\k<$1>");
    try {
      Pattern p = Pattern.compile(java, Pattern.UNIX_LINES);
      if (PATTERNS.size() < 1024) {
        PATTERNS.put(pythonRegex, p);
      }
      return p;
    } catch (PatternSyntaxException e) {
      return null;
    }
  }

  // ------------------------------------------------------------------ booleans and numbers

  /** validate_boolean: anything convert_to_boolean accepts. */
  public static Validator bool() {
    return data -> Converters.parseBoolean(data) == null
        ? "'" + Py.str(data) + "' is not a valid boolean value"
        : null;
  }

  /**
   * validate_integer: an int, or a string or float whose value is an integer; booleans are
   * rejected. With {@code validValues} the value must also be one of them.
   */
  public static Validator integer(Collection<?> validValues) {
    Validator values = validValues == null ? Validator.NONE : values(validValues);
    return data -> {
      String msg = values.validate(data);
      if (msg != null) {
        return msg;
      }
      String notInt = "'" + Py.str(data) + "' is not an integer";
      BigInteger i = Py.toInt(data);
      if (i == null) {
        return notInt;
      }
      // Python compares float(data) with int(data); a float that cannot hold the value exactly
      // (or overflows) makes them differ.
      if (data instanceof Double || data instanceof Float) {
        double d = ((Number) data).doubleValue();
        if (d != Math.rint(d)) {
          return notInt;
        }
      } else if (!(data instanceof Boolean)) {
        double d = new java.math.BigDecimal(i).doubleValue();
        if (Double.isInfinite(d)) {
          return notInt;
        }
        if (new java.math.BigDecimal(d).toBigInteger().compareTo(i) != 0) {
          return notInt;
        }
      }
      if (data instanceof Boolean) {
        return "'" + Py.str(data) + "' is not an integer:boolean";
      }
      return null;
    };
  }

  /** validate_non_negative: {@code int(data) >= 0}. */
  public static Validator nonNegative() {
    return data -> {
      BigInteger i = Py.toInt(data);
      if (i == null) {
        return "'" + Py.str(data) + "' is not an integer";
      }
      if (i.signum() < 0) {
        return "'" + i + "' should be non-negative";
      }
      return null;
    };
  }

  /** validate_range: {@code min <= int(data) <= max}, either bound null for unlimited. */
  public static Validator range(Number min, Number max) {
    BigInteger lo = min == null ? null : Py.toInt(min);
    BigInteger hi = max == null ? null : Py.toInt(max);
    return data -> {
      BigInteger i = Py.toInt(data);
      if (i == null) {
        return "'" + Py.str(data) + "' is not an integer";
      }
      if (lo != null && i.compareTo(lo) < 0) {
        return "'" + i + "' is too small - must be at least '" + lo + "'";
      }
      if (hi != null && i.compareTo(hi) > 0) {
        return "'" + i + "' is too large - must be no larger than '" + hi + "'";
      }
      return null;
    };
  }

  public static Validator rangeOrNone(Number min, Number max) {
    return orNone(range(min, max));
  }

  /** validate_values: {@code data in validValues} (Python equality); null means no constraint. */
  public static Validator values(Collection<?> validValues) {
    if (validValues == null) {
      return Validator.NONE;
    }
    List<Object> copy = new ArrayList<>(validValues);
    return data -> Py.contains(copy, data) ? null : Py.str(data) + " is not in valid_values";
  }

  /**
   * validate_port_range_or_none: null, a port, or two ports "low:high", each within
   * {@code [min, max]}.
   */
  public static Validator portRange(int min, int max) {
    String twoInts = "Port range must be two integers separated by a colon";
    return data -> {
      if (data == null) {
        return null;
      }
      String[] ports = Py.str(data).split(":", -1);
      if (ports.length > 2) {
        return twoInts;
      }
      BigInteger[] values = new BigInteger[ports.length];
      for (int k = 0; k < ports.length; k++) {
        String p = ports[k];
        if (p.isEmpty()) {
          return twoInts;
        }
        BigInteger v = Py.parseInt(p);
        if (v == null || v.signum() < 0 || v.compareTo(BigInteger.valueOf(65535)) > 0) {
          return "Invalid port: " + p;
        }
        if (v.compareTo(BigInteger.valueOf(max)) > 0 || v.compareTo(BigInteger.valueOf(min)) < 0) {
          return "Invalid port: " + p + ", the port must be in the range [" + min + ", " + max + "]";
        }
        values[k] = v;
      }
      if (values.length > 1 && values[0].compareTo(values[1]) > 0) {
        return "First port in a port range must be lower than the second port";
      }
      return null;
    };
  }

  // ------------------------------------------------------------------ UUIDs

  /** validate_uuid: UUID-like as oslo's is_uuid_like (hyphens, braces and urn:uuid: tolerated). */
  public static Validator uuid() {
    return data -> Net.isUuidLike(data) ? null : "'" + Py.str(data) + "' is not a valid UUID";
  }

  /**
   * validate_subports: a list of dicts, each with a unique valid port_id and, unless the type is
   * 'inherit', both segmentation_type and segmentation_id (when anything besides port_id is
   * given), no segmentation ID twice for one type. As in neutron-lib, an 'inherit' entry ends
   * the checks.
   */
  public static Validator subports() {
    return data -> {
      if (!(data instanceof List<?> list)) {
        return "Invalid data format for subports: '" + Py.str(data) + "' is not a list";
      }
      java.util.Set<Object> ids = new java.util.HashSet<>();
      Map<Object, java.util.Set<Object>> segmentations = new java.util.HashMap<>();
      for (Object item : list) {
        if (!(item instanceof Map<?, ?> sub)) {
          return "Invalid data format for subport: '" + Py.str(item) + "' is not a dict";
        }
        if (!sub.containsKey("port_id")) {
          return "A valid port UUID must be specified";
        }
        if (uuid().validate(sub.get("port_id")) != null) {
          return "Invalid UUID for subport: '" + Py.str(sub.get("port_id")) + "'";
        }
        if (!ids.add(sub.get("port_id"))) {
          return "Non unique UUID for subport: '" + Py.str(sub.get("port_id")) + "'";
        }
        Object type = sub.get("segmentation_type");
        if ("inherit".equals(type)) {
          return null;
        }
        Object segId = sub.get("segmentation_id");
        boolean typeGiven = type != null && !(type instanceof String t && t.isEmpty());
        if ((!typeGiven || segId == null) && sub.size() > 1) {
          return "Invalid subport details '" + Py.str(sub) + "': missing segmentation "
              + "information. Must specify both segmentation_id and segmentation_type";
        }
        java.util.Set<Object> seen = segmentations.computeIfAbsent(type, k -> new java.util.HashSet<>());
        if (segId != null && !seen.add(segId)) {
          return "Segmentation ID '" + Py.str(segId) + "' for '" + Py.str(sub.get("port_id"))
              + "' is not unique";
        }
      }
      return null;
    };
  }

  public static Validator uuidOrNone() {
    return orNone(uuid());
  }

  public static Validator uuidList() {
    return listOfItems(uuid());
  }

  public static Validator uuidListNonEmpty() {
    Validator list = uuidList();
    return data -> {
      String msg = list.validate(data);
      if (msg != null) {
        return msg;
      }
      return ((List<?>) data).isEmpty() ? "List should not be empty" : null;
    };
  }

  /** validate_subnetpool_id: a UUID, null or "prefix_delegation". */
  public static Validator subnetpoolId() {
    Validator u = uuidOrNone();
    return data -> IPV6_PD_POOL_ID.equals(data) ? null : u.validate(data);
  }

  public static Validator subnetpoolIdOrNone() {
    return orNone(subnetpoolId());
  }

  // ------------------------------------------------------------------ MAC addresses

  private static final long ZERO_MAC = 0L;
  private static final long BROADCAST_MAC = 0xffff_ffff_ffffL;

  /**
   * validate_mac_address: any EUI-48 text netaddr accepts (colon, dash, Cisco dotted, bare),
   * without whitespace, except all-zeros and broadcast. Multicast addresses are accepted.
   */
  public static Validator macAddress() {
    return data -> {
      if (data instanceof String s && !Py.hasSpace(s)) {
        Long v = Net.parseMac(s);
        if (v != null && v != ZERO_MAC && v != BROADCAST_MAC) {
          return null;
        }
      }
      return "'" + Py.str(data) + "' is not a valid MAC address";
    };
  }

  public static Validator macAddressOrNone() {
    return orNone(macAddress());
  }

  // ------------------------------------------------------------------ IP addresses and subnets

  /**
   * validate_ip_address: an IPv6 address as inet_pton reads it, or a dotted-quad IPv4 address
   * written canonically (no leading zeros, which would be ambiguous with octal); a dotted quad with
   * leading zeros is answered with the recommended form.
   */
  public static Validator ipAddress() {
    return Validators::validateIpAddress;
  }

  public static Validator ipAddressOrNone() {
    return orNone(ipAddress());
  }

  static String validateIpAddress(Object data) {
    String invalid = "'" + Py.str(data) + "' is not a valid IP address";
    if (!(data instanceof String s) || Py.hasSpace(s) || s.isEmpty()) {
      return invalid;
    }
    if (s.indexOf(':') >= 0) {
      return Net.ptonV6(s) == null ? invalid : null;
    }
    Long v4 = Net.zerofillV4(s);
    if (v4 == null) {
      return invalid;
    }
    String canonical = Net.formatV4(v4);
    if (!canonical.equals(s)) {
      return "'" + s + "' is not an accepted IP address, '" + canonical + "' is recommended";
    }
    return null;
  }

  /**
   * validate_subnet: a CIDR. An IPv4 CIDR must be written as netaddr prints it (no leading zeros,
   * no abbreviation, a prefix length rather than a netmask), otherwise the network CIDR is
   * recommended; host bits are accepted, as in neutron-lib. An IPv6 CIDR only needs a prefix.
   */
  public static Validator subnet() {
    return Validators::validateSubnet;
  }

  public static Validator subnetOrNone() {
    return orNone(subnet());
  }

  public static Validator subnetList() {
    return listOfItems(subnet());
  }

  public static Validator subnetListOrNone() {
    return orNone(subnetList());
  }

  static String validateSubnet(Object data) {
    if (data instanceof String s && !Py.hasSpace(s)) {
      Net.Network net = Net.parseNetwork(s);
      if (net != null) {
        if (s.indexOf('/') < 0 || (net.ip().version() == 4 && !net.toString().equals(s))) {
          return "'" + s + "' isn't a recognized IP subnet cidr, '" + net.cidr() + "' is recommended";
        }
        return null;
      }
    }
    return "'" + Py.str(data) + "' is not a valid IP subnet";
  }

  /** validate_ip_or_subnet_or_none. */
  public static Validator ipOrSubnetOrNone() {
    return data -> {
      if (data == null || validateIpAddress(data) == null || validateSubnet(data) == null) {
        return null;
      }
      return "'" + Py.str(data) + "' is neither a valid IP address, nor is it a valid IP subnet";
    };
  }

  /** validate_route_cidr: a CIDR with host bits clear that is not loopback. */
  public static Validator routeCidr() {
    return data -> {
      if (data instanceof String s && !Py.hasSpace(s)) {
        Net.Network net = Net.parseNetwork(s);
        if (net != null) {
          if (s.indexOf('/') < 0 || !net.network().equals(net.ip())) {
            return "'" + s + "' is not a recognized CIDR, '" + net.cidr() + "' is recommended";
          }
          if (net.isLoopback()) {
            return "'" + s + "' is not a routable CIDR";
          }
          return null;
        }
      }
      return "'" + Py.str(data) + "' is not a valid CIDR";
    };
  }

  /** validate_nameservers: unique IP addresses. */
  public static Validator nameservers() {
    return data -> {
      Iterable<?> items = iterate(data);
      if (items == null) {
        return "Invalid data format for nameserver: '" + Py.str(data) + "'";
      }
      List<Object> hosts = new ArrayList<>();
      for (Object host : items) {
        String msg = validateIpAddress(host);
        if (msg != null) {
          return "'" + Py.str(host) + "' is not a valid nameserver. " + msg;
        }
        if (Py.contains(hosts, host)) {
          return "Duplicate nameserver '" + Py.str(host) + "'";
        }
        hosts.add(host);
      }
      return null;
    };
  }

  /** validate_hostroutes: unique {destination, nexthop} dicts. */
  public static Validator hostroutes() {
    List<String> expected = List.of("destination", "nexthop");
    Validator cidr = routeCidr();
    return data -> {
      if (!(data instanceof List<?> list)) {
        return "Invalid data format for hostroute: '" + Py.str(data) + "'";
      }
      List<Object> seen = new ArrayList<>();
      for (Object route : list) {
        String msg = verifyDictKeys(expected, route, true);
        if (msg == null) {
          Map<?, ?> m = (Map<?, ?>) route;
          msg = cidr.validate(m.get("destination"));
          if (msg == null) {
            msg = validateIpAddress(m.get("nexthop"));
          }
          if (msg == null && Py.contains(seen, route)) {
            msg = "Duplicate hostroute '" + Py.str(route) + "'";
          }
        }
        if (msg != null) {
          return msg;
        }
        seen.add(route);
      }
      return null;
    };
  }

  /** validate_ip_pools: {start, end} dicts of IP addresses. */
  public static Validator ipPools() {
    List<String> expected = List.of("start", "end");
    return data -> {
      if (!(data instanceof List<?> list)) {
        return "Invalid data format for IP pool: '" + Py.str(data) + "'";
      }
      for (Object pool : list) {
        String msg = verifyDictKeys(expected, pool, true);
        if (msg != null) {
          return msg;
        }
        for (String k : expected) {
          msg = validateIpAddress(((Map<?, ?>) pool).get(k));
          if (msg != null) {
            return msg;
          }
        }
      }
      return null;
    };
  }

  /**
   * validate_fixed_ips: dicts whose optional ip_address is a valid, non-repeated IP and optional
   * subnet_id a UUID. Like neutron-lib, other keys are not checked here.
   */
  public static Validator fixedIps() {
    return data -> {
      if (!(data instanceof List<?> list)) {
        return "Invalid data format for fixed IP: '" + Py.str(data) + "'";
      }
      List<Object> ips = new ArrayList<>();
      for (Object fixed : list) {
        if (!(fixed instanceof Map<?, ?> m)) {
          return "Invalid data format for fixed IP: '" + Py.str(fixed) + "'";
        }
        if (m.containsKey("ip_address")) {
          Object ip = m.get("ip_address");
          String msg = Py.contains(ips, ip)
              ? "Duplicate IP address '" + Py.str(ip) + "'"
              : validateIpAddress(ip);
          if (msg != null) {
            return msg;
          }
          ips.add(ip);
        }
        if (m.containsKey("subnet_id")) {
          String msg = uuid().validate(m.get("subnet_id"));
          if (msg != null) {
            return msg;
          }
        }
      }
      return null;
    };
  }

  /**
   * The allowed-address-pairs extension's validator: at most {@code maxPairs} dicts, each with an
   * ip_address (IP or CIDR) and an optional mac_address, no other keys, no duplicate pair.
   */
  public static Validator allowedAddressPairs(int maxPairs) {
    Validator mac = macAddress();
    Set<String> known = Set.of("mac_address", "ip_address");
    return data -> {
      if (!(data instanceof List<?> pairs)) {
        return "Allowed address pairs must be a list.";
      }
      if (pairs.size() > maxPairs) {
        return "The number of allowed address pair exceeds the maximum " + maxPairs + ".";
      }
      List<List<Object>> unique = new ArrayList<>();
      for (Object pair : pairs) {
        if (!(pair instanceof Map<?, ?> m)) {
          return "'" + Py.str(pair) + "' is not a dictionary";
        }
        if (m.containsKey("mac_address")) {
          String msg = mac.validate(m.get("mac_address"));
          if (msg != null) {
            return msg;
          }
        }
        if (!m.containsKey("ip_address")) {
          return "AllowedAddressPair must contain ip_address";
        }
        Object macValue = m.get("mac_address");
        Object ip = m.get("ip_address");
        List<Object> key = Arrays.asList(macValue, ip);
        if (Py.contains(unique, key)) {
          return "Request contains duplicate address pair: mac_address " + Py.str(macValue)
              + " ip_address " + Py.str(ip) + ".";
        }
        unique.add(key);
        List<String> unknown = new ArrayList<>();
        for (Object k : m.keySet()) {
          if (!known.contains(k)) {
            unknown.add(Py.str(k));
          }
        }
        if (!unknown.isEmpty()) {
          return "Unrecognized attribute(s) '" + String.join(", ", unknown) + "'";
        }
        String msg = ip instanceof String s && s.indexOf('/') >= 0
            ? validateSubnet(ip)
            : validateIpAddress(ip);
        if (msg != null) {
          return msg;
        }
      }
      return null;
    };
  }

  // ------------------------------------------------------------------ dicts

  /** validate_dict: a dict; with key specs, required keys present, no others, values valid. */
  public static Validator dict(Map<String, ?> keySpecs) {
    Map<String, KeySpec> specs = keySpecs(keySpecs);
    return data -> validateDict(data, specs);
  }

  /** Shorthand for {@link #dict(Map)} where every key is optional and checked by a validator. */
  public static Validator dictOf(Map<String, Validator> validators) {
    Map<String, KeySpec> specs = new LinkedHashMap<>();
    validators.forEach((k, v) -> specs.put(k, KeySpec.optional(v)));
    return dict(specs);
  }

  public static Validator dictOrNone(Map<String, ?> keySpecs) {
    return orNone(dict(keySpecs));
  }

  /** validate_dict_or_empty: {} or a valid dict (null is not a dict). */
  public static Validator dictOrEmpty(Map<String, ?> keySpecs) {
    Validator d = dict(keySpecs);
    return data -> data instanceof Map<?, ?> m && m.isEmpty() ? null : d.validate(data);
  }

  /** validate_dict_or_nodata: any falsy value (null, {}, [], "", 0, false) or a valid dict. */
  public static Validator dictOrNodata(Map<String, ?> keySpecs) {
    Validator d = dict(keySpecs);
    return data -> Py.truthy(data) ? d.validate(data) : null;
  }

  /** validate_any_key_specs_or_none: null, or unique dicts each matching one of the key specs. */
  public static Validator listOfAnyKeySpecsOrNone(List<? extends Map<String, ?>> keySpecsList) {
    List<Map<String, KeySpec>> all = new ArrayList<>();
    for (Map<String, ?> specs : keySpecsList == null ? List.<Map<String, ?>>of() : keySpecsList) {
      all.add(keySpecs(specs));
    }
    Validator item = d -> {
      for (Map<String, KeySpec> specs : all) {
        if (validateDict(d, specs) == null) {
          return null;
        }
      }
      return "No valid key specs matched for: " + Py.str(d);
    };
    return orNone(listOfItems(item));
  }

  private static Map<String, KeySpec> keySpecs(Map<String, ?> raw) {
    if (raw == null) {
      return Map.of();
    }
    Map<String, KeySpec> specs = new LinkedHashMap<>();
    raw.forEach((k, v) -> specs.put(k, KeySpec.of(v)));
    return specs;
  }

  @SuppressWarnings("unchecked")
  private static String validateDict(Object data, Map<String, KeySpec> specs) {
    if (!(data instanceof Map<?, ?> m)) {
      return "'" + Py.str(data) + "' is not a dictionary";
    }
    if (specs.isEmpty()) {
      return null;
    }
    List<String> required = new ArrayList<>();
    specs.forEach((k, s) -> {
      if (s.required()) {
        required.add(k);
      }
    });
    if (!required.isEmpty()) {
      String msg = verifyDictKeys(required, m, false);
      if (msg != null) {
        return msg;
      }
    }
    List<String> unexpected = new ArrayList<>();
    for (Object k : m.keySet()) {
      if (!specs.containsKey(k)) {
        unexpected.add(Py.str(k));
      }
    }
    if (!unexpected.isEmpty()) {
      return "Unexpected keys supplied: " + String.join(", ", unexpected);
    }
    for (Map.Entry<String, KeySpec> e : specs.entrySet()) {
      String key = e.getKey();
      if (!m.containsKey(key)) {
        continue;
      }
      KeySpec spec = e.getValue();
      Object value = m.get(key);
      if (spec.converter() != null) {
        try {
          value = spec.converter().convert(value);
        } catch (Converter.InvalidValue iv) {
          return iv.getMessage();
        } catch (RuntimeException ex) {
          return "Invalid input for " + key + ". Reason: " + ex.getMessage() + ".";
        }
        try {
          ((Map<String, Object>) m).put(key, value);
        } catch (UnsupportedOperationException | ClassCastException ignored) {
          // Immutable input: validate the converted value without storing it.
        }
      }
      String msg = spec.validator().validate(value);
      if (msg != null) {
        return msg;
      }
    }
    return null;
  }

  /** _verify_dict_keys: a dict whose keys equal (strict) or include the expected keys. */
  static String verifyDictKeys(List<String> expected, Object target, boolean strict) {
    if (!(target instanceof Map<?, ?> m)) {
      return "Invalid input. '" + Py.str(target) + "' must be a dictionary with keys: "
          + Py.repr(expected);
    }
    Set<Object> expectedSet = new LinkedHashSet<>(expected);
    Set<Object> provided = new LinkedHashSet<>(m.keySet());
    boolean ok = strict ? expectedSet.equals(provided) : provided.containsAll(expectedSet);
    if (!ok) {
      return "Validation of dictionary's keys failed. Expected keys: " + Py.repr(expectedSet)
          + " Provided keys: " + Py.repr(provided);
    }
    return null;
  }

  // ------------------------------------------------------------------ DNS, AZ, plugins

  /** validate_dns_name with neutron's default dns_domain ("openstacklocal"). */
  public static Validator dnsHostName(int maxLen) {
    return dnsHostName(maxLen, null);
  }

  /**
   * validate_dns_name: empty, or a PQDN/FQDN of RFC 1123 labels (lower case, digits, hyphens, or
   * the {@code <project_id>}-style keywords) no longer than maxLen; with a non-default dns_domain
   * a PQDN plus the domain must fit and an FQDN must end with the domain.
   */
  public static Validator dnsHostName(int maxLen, String dnsDomain) {
    String domain = dnsDomain == null || dnsDomain.isEmpty()
        ? "" : (dnsDomain.endsWith(".") ? dnsDomain : dnsDomain + ".");
    String configured = dnsDomain == null ? DNS_DOMAIN_DEFAULT : dnsDomain;
    return data -> {
      if (!Py.truthy(data)) {
        return null;
      }
      if (!(data instanceof String s)) {
        return "'" + Py.str(data) + "' is not a valid string";
      }
      String reason = dnsFormatProblem(s, maxLen);
      if (reason != null) {
        return "'" + s + "' not a valid PQDN or FQDN. Reason: " + reason;
      }
      if (domain.isEmpty() || domain.equals(DNS_DOMAIN_DEFAULT)) {
        return null;
      }
      String higher = "." + domain;
      int nameLen = Py.len(s);
      if (!s.endsWith(".")) {
        if (nameLen + Py.len(higher) > FQDN_MAX_LEN) {
          return "The dns_name passed is a PQDN and its size is '" + nameLen + "'. The dns_domain "
              + "option in neutron.conf is set to " + configured + ", with a length of '"
              + Py.len(higher) + "'. When the two are concatenated to form a FQDN (with a '.' at "
              + "the end), the resulting length exceeds the maximum size of '" + FQDN_MAX_LEN + "'";
        }
        return null;
      }
      if (nameLen <= Py.len(higher) || !s.endsWith(higher)) {
        return "The dns_name passed is a FQDN. Its higher level labels must be equal to the "
            + "dns_domain option in neutron.conf, that has been set to '" + configured + "'. It "
            + "must also include one or more valid DNS labels to the left of '" + configured + "'";
      }
      return null;
    };
  }

  /**
   * validate_dns_domain: empty, or an FQDN (ending with a dot) of valid labels with room for one
   * more label (at most {@code maxLen - 2} characters).
   */
  public static Validator dnsDomainName(int maxLen) {
    return data -> {
      String msg = validateString(data, null);
      if (msg != null) {
        return msg;
      }
      String s = (String) data;
      if (s.isEmpty()) {
        return null;
      }
      if (!s.endsWith(".")) {
        return "'" + s + "' is not a FQDN";
      }
      String reason = dnsFormatProblem(s, maxLen);
      if (reason != null) {
        return "'" + s + "' not a valid PQDN or FQDN. Reason: " + reason;
      }
      int length = Py.len(s);
      if (length > maxLen - 2) {
        return "'" + s + "' contains " + length + " characters. Adding a sub-domain will cause it "
            + "to exceed the maximum length of a FQDN of '" + maxLen + "'";
      }
      return null;
    };
  }

  private static final Pattern DNS_LABEL = Pattern.compile(
      "^([a-z0-9-]{1,63}|<project_id>|<project_name>|<user_name>|<user_id>)$", Pattern.UNIX_LINES);
  private static final Pattern ALL_DIGITS = Pattern.compile("^[0-9]+$", Pattern.UNIX_LINES);

  private static String dnsFormatProblem(String data, int maxLen) {
    String trimmed = data.endsWith(".") ? data.substring(0, data.length() - 1) : data;
    if (Py.len(trimmed) > maxLen) {
      return "'" + trimmed + "' exceeds the " + maxLen + " character FQDN limit";
    }
    String[] labels = trimmed.split("\\.", -1);
    for (String label : labels) {
      if (label.isEmpty()) {
        return "Encountered an empty component";
      }
      if (label.endsWith("-") || label.startsWith("-")) {
        return "Name '" + label + "' must not start or end with a hyphen";
      }
      if (!DNS_LABEL.matcher(label).find()) {
        return "Name '" + label + "' must be 1-63 characters long, each of which can only be "
            + "alphanumeric or a hyphen";
      }
    }
    if (labels.length > 1 && ALL_DIGITS.matcher(labels[labels.length - 1]).find()) {
      return "TLD '" + labels[labels.length - 1] + "' must not be all numeric";
    }
    return null;
  }

  /**
   * The availability-zone extension's validator: unique strings whose JSON list form fits the
   * 255-character database column.
   */
  public static Validator availabilityZoneHintList() {
    Validator strings = listOfUniqueStrings(null);
    return data -> {
      String msg = strings.validate(data);
      if (msg != null) {
        return msg;
      }
      List<?> list = (List<?>) data;
      int len = 2 + Math.max(0, list.size() - 1) * 2;
      for (Object s : list) {
        len += jsonStringLength((String) s);
      }
      return len > AZ_HINTS_DB_LEN ? "Too many availability_zone_hints specified" : null;
    };
  }

  /** Length of a string as Python's json.dumps (ensure_ascii) writes it. */
  private static int jsonStringLength(String s) {
    int len = 2;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') {
        len += 2;
      } else if (c < 0x20 || c > 0x7e) {
        len += 6;
      } else {
        len += 1;
      }
    }
    return len;
  }

  private static volatile Predicate<String> servicePlugins = type -> false;

  /**
   * Sets how {@code type:service_plugin_type} (registered without an argument) learns which
   * service plugins are loaded; neutron-lib asks its global plugin directory.
   */
  public static void setServicePluginLookup(Predicate<String> loaded) {
    servicePlugins = Objects.requireNonNull(loaded);
  }

  /** validate_service_plugin_type: the name of a loaded service plugin. */
  public static Validator servicePluginType(Predicate<String> loaded) {
    return data -> {
      Predicate<String> lookup = loaded != null ? loaded : servicePlugins;
      if (data instanceof String s && lookup.test(s)) {
        return null;
      }
      return "Invalid service type: " + Py.str(data) + ".";
    };
  }

  // ------------------------------------------------------------------ combinators

  /** Accepts null, otherwise delegates. */
  public static Validator orNone(Validator v) {
    return data -> data == null ? null : v.validate(data);
  }

  /** _validate_list_of_items: a list without duplicates whose items all pass {@code item}. */
  public static Validator listOfItems(Validator item) {
    return data -> {
      if (!(data instanceof List<?> list)) {
        return "'" + Py.str(data) + "' is not a list";
      }
      List<Object> seen = new ArrayList<>();
      List<Object> dups = new ArrayList<>();
      for (Object d : list) {
        if (Py.contains(seen, d)) {
          if (!Py.contains(dups, d)) {
            dups.add(d);
          }
          continue;
        }
        seen.add(d);
      }
      if (!dups.isEmpty()) {
        List<String> shown = new ArrayList<>();
        for (Object d : dups) {
          shown.add(Py.str(d));
        }
        return "Duplicate items in the list: '" + String.join(", ", shown) + "'";
      }
      for (Object d : list) {
        String msg = item.validate(d);
        if (msg != null) {
          return msg;
        }
      }
      return null;
    };
  }

  /** What {@code for x in data} iterates for a JSON value, or null when it is not iterable. */
  private static Iterable<?> iterate(Object data) {
    if (data instanceof Collection<?> c) {
      return c;
    }
    if (data instanceof Map<?, ?> m) {
      return m.keySet();
    }
    if (data instanceof String s) {
      List<String> chars = new ArrayList<>();
      s.codePoints().forEach(cp -> chars.add(new String(Character.toChars(cp))));
      return chars;
    }
    return null;
  }

  // ------------------------------------------------------------------ registry

  private static final Map<String, Function<Object, Validator>> REGISTRY = new TreeMap<>();

  static {
    REGISTRY.put("type:string", a -> string(intArg(a)));
    REGISTRY.put("type:string_or_none", a -> stringOrNone(intArg(a)));
    REGISTRY.put("type:not_empty_string", a -> notEmptyString(intArg(a)));
    REGISTRY.put("type:not_empty_string_or_none", a -> notEmptyStringOrNone(intArg(a)));
    REGISTRY.put("type:oneline_not_empty_string", a -> onelineNotEmptyString(intArg(a)));
    REGISTRY.put("type:oneline_not_empty_string_or_none",
        a -> onelineNotEmptyStringOrNone(intArg(a)));
    REGISTRY.put("type:list_of_unique_strings", a -> listOfUniqueStrings(intArg(a)));
    REGISTRY.put("type:regex", a -> regex((String) a));
    REGISTRY.put("type:regex_or_none", a -> regexOrNone((String) a));
    REGISTRY.put("type:list_of_regex_or_none", a -> listOfRegexOrNone((String) a));
    REGISTRY.put("type:boolean", a -> bool());
    REGISTRY.put("type:integer", a -> integer(collectionArg(a)));
    REGISTRY.put("type:non_negative", a -> nonNegative());
    REGISTRY.put("type:range", a -> range(bound(a, 0), bound(a, 1)));
    REGISTRY.put("type:range_or_none", a -> rangeOrNone(bound(a, 0), bound(a, 1)));
    REGISTRY.put("type:values", a -> values(collectionArg(a)));
    REGISTRY.put("type:port_range", a -> a == null
        ? portRange(0, 65535) : portRange(bound(a, 0).intValue(), bound(a, 1).intValue()));
    REGISTRY.put("type:uuid", a -> uuid());
    REGISTRY.put("type:uuid_or_none", a -> uuidOrNone());
    REGISTRY.put("type:uuid_list", a -> uuidList());
    REGISTRY.put("type:uuid_list_non_empty", a -> uuidListNonEmpty());
    REGISTRY.put("type:subnetpool_id", a -> subnetpoolId());
    REGISTRY.put("type:subnetpool_id_or_none", a -> subnetpoolIdOrNone());
    REGISTRY.put("type:mac_address", a -> macAddress());
    REGISTRY.put("type:mac_address_or_none", a -> macAddressOrNone());
    REGISTRY.put("type:ip_address", a -> ipAddress());
    REGISTRY.put("type:ip_address_or_none", a -> ipAddressOrNone());
    REGISTRY.put("type:ip_or_subnet_or_none", a -> ipOrSubnetOrNone());
    REGISTRY.put("type:subnet", a -> subnet());
    REGISTRY.put("type:subnet_or_none", a -> subnetOrNone());
    REGISTRY.put("type:subnet_list", a -> subnetList());
    REGISTRY.put("type:list_of_subnets_or_none", a -> subnetListOrNone());
    REGISTRY.put("type:nameservers", a -> nameservers());
    REGISTRY.put("type:hostroutes", a -> hostroutes());
    REGISTRY.put("type:ip_pools", a -> ipPools());
    REGISTRY.put("type:fixed_ips", a -> fixedIps());
    REGISTRY.put("type:allowed_address_pairs", a -> allowedAddressPairs(
        a instanceof Number n ? n.intValue() : DEFAULT_MAX_ALLOWED_ADDRESS_PAIRS));
    REGISTRY.put("type:dict", a -> dict(mapArg(a)));
    REGISTRY.put("type:dict_or_none", a -> dictOrNone(mapArg(a)));
    REGISTRY.put("type:dict_or_empty", a -> dictOrEmpty(mapArg(a)));
    REGISTRY.put("type:dict_or_nodata", a -> dictOrNodata(mapArg(a)));
    REGISTRY.put("type:list_of_any_key_specs_or_none", a -> listOfAnyKeySpecsOrNone(listOfMapsArg(a)));
    REGISTRY.put("type:dns_host_name", a -> dnsHostName(
        a instanceof Number n ? n.intValue() : FQDN_MAX_LEN));
    REGISTRY.put("type:dns_domain_name", a -> dnsDomainName(
        a instanceof Number n ? n.intValue() : FQDN_MAX_LEN));
    REGISTRY.put("type:availability_zone_hint_list", a -> availabilityZoneHintList());
    REGISTRY.put("type:service_plugin_type", a -> servicePluginType(pluginArg(a)));
    REGISTRY.put("type:subports", a -> subports());
  }

  /**
   * The validator registered under {@code name} ("type:uuid" or just "uuid"), configured with the
   * attribute map's parameter {@code arg}: a max length for the string validators, {@code [min,
   * max]} for range/port_range (null bounds are unlimited), a collection for values/integer, a
   * pattern for regex, key specs for the dict validators, a list of key specs for
   * list_of_any_key_specs_or_none, the pair limit for allowed_address_pairs, the max length for
   * dns_host_name, and a Predicate or Collection of loaded plugins for service_plugin_type.
   *
   * @throws IllegalArgumentException if no validator has that name
   */
  public static Validator named(String name, Object arg) {
    Function<Object, Validator> factory = REGISTRY.get(qualify(name));
    if (factory == null) {
      throw new IllegalArgumentException("Validator '" + name + "' does not exist");
    }
    return factory.apply(arg);
  }

  /** Whether {@link #named} knows {@code name}. */
  public static boolean exists(String name) {
    return name != null && REGISTRY.containsKey(qualify(name));
  }

  /** All registered names, sorted. */
  public static Set<String> names() {
    return Collections.unmodifiableSet(REGISTRY.keySet());
  }

  private static String qualify(String name) {
    return name.startsWith("type:") ? name : "type:" + name;
  }

  private static Integer intArg(Object a) {
    return a instanceof Number n ? Integer.valueOf(n.intValue()) : null;
  }

  private static Number bound(Object a, int index) {
    Object v = null;
    if (a instanceof List<?> l && l.size() > index) {
      v = l.get(index);
    } else if (a instanceof Object[] arr && arr.length > index) {
      v = arr[index];
    } else if (a instanceof int[] arr && arr.length > index) {
      v = arr[index];
    }
    return v instanceof Number n ? n : null;
  }

  private static Collection<?> collectionArg(Object a) {
    if (a instanceof Collection<?> c) {
      return c;
    }
    if (a instanceof Object[] arr) {
      return Arrays.asList(arr);
    }
    if (a instanceof Map<?, ?> m) {
      return m.keySet();
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> mapArg(Object a) {
    return a instanceof Map<?, ?> m ? (Map<String, ?>) m : null;
  }

  @SuppressWarnings("unchecked")
  private static List<? extends Map<String, ?>> listOfMapsArg(Object a) {
    if (!(a instanceof Collection<?> c)) {
      return null;
    }
    List<Map<String, ?>> out = new ArrayList<>();
    for (Object o : c) {
      if (o instanceof Map<?, ?> m) {
        out.add((Map<String, ?>) m);
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Predicate<String> pluginArg(Object a) {
    if (a instanceof Predicate<?> p) {
      return (Predicate<String>) p;
    }
    if (a instanceof Collection<?> c) {
      Set<Object> copy = Set.copyOf(c);
      return copy::contains;
    }
    return null;
  }
}
