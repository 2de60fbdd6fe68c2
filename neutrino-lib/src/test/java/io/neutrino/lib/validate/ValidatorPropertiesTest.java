package io.neutrino.lib.validate;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv6.IPv6Address;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Seeded random checks: valid addresses, CIDRs, MACs and UUIDs are accepted, garbage is rejected
 * with a message, no validator throws on any JSON-like value, converters are idempotent. Every
 * assertion names the seed so a failure can be replayed by setting {@code SEED}.
 */
class ValidatorPropertiesTest {
  private static final long SEED = Long.getLong("neutrino.validate.seed", 20240611L);
  private static final int N = 2000;

  private final Random rnd = new Random(SEED);

  private String ctx(Object sample) {
    return "seed=" + SEED + " sample=" + Py.repr(sample);
  }

  // ------------------------------------------------------------------ generators

  private String ipv4() {
    return rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256);
  }

  private BigInteger v6Value() {
    // favour zero words so that '::' compression and embedded IPv4 forms get exercised
    BigInteger v = BigInteger.ZERO;
    for (int i = 0; i < 8; i++) {
      int w = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(0x10000);
      v = v.shiftLeft(16).or(BigInteger.valueOf(w));
    }
    if (rnd.nextInt(8) == 0) {
      v = BigInteger.valueOf(0xffffL << 32 | (rnd.nextLong() & 0xffffffffL));
    }
    return v;
  }

  /** An IPv6 text for {@code v} in one of several legal spellings. */
  private String ipv6Text(BigInteger v) {
    int[] w = new int[8];
    BigInteger t = v;
    for (int i = 7; i >= 0; i--) {
      w[i] = t.intValue() & 0xffff;
      t = t.shiftRight(16);
    }
    switch (rnd.nextInt(4)) {
      case 0: { // full, zero padded, random case
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
          sb.append(i == 0 ? "" : ":").append(String.format("%04x", w[i]));
        }
        return rnd.nextBoolean() ? sb.toString().toUpperCase(Locale.ROOT) : sb.toString();
      }
      case 1: { // unpadded
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
          sb.append(i == 0 ? "" : ":").append(Integer.toHexString(w[i]));
        }
        return sb.toString();
      }
      case 2: { // trailing dotted quad
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6; i++) {
          sb.append(Integer.toHexString(w[i])).append(':');
        }
        return sb.append(w[6] >> 8).append('.').append(w[6] & 0xff).append('.')
            .append(w[7] >> 8).append('.').append(w[7] & 0xff).toString();
      }
      default:
        return Net.formatV6(v);
    }
  }

  private String mac() {
    long v;
    do {
      v = rnd.nextLong() & 0xffff_ffff_ffffL;
    } while (v == 0 || v == 0xffff_ffff_ffffL);
    String h = String.format("%012x", v);
    if (rnd.nextBoolean()) {
      h = h.toUpperCase(Locale.ROOT);
    }
    switch (rnd.nextInt(5)) {
      case 0: return String.join(":", h.split("(?<=\\G..)"));
      case 1: return String.join("-", h.split("(?<=\\G..)"));
      case 2: return String.join(".", h.split("(?<=\\G....)"));
      case 3: return h.substring(0, 6) + "-" + h.substring(6);
      default: return h;
    }
  }

  private String uuid() {
    String u = new UUID(rnd.nextLong(), rnd.nextLong()).toString();
    switch (rnd.nextInt(4)) {
      case 0: return u.toUpperCase(Locale.ROOT);
      case 1: return u.replace("-", "");
      case 2: return "{" + u + "}";
      default: return u;
    }
  }

  private static final String ALPHABET = "0123456789abcdefABCDEF:.-/x{}% \t\nz_+";

  private String garbageString() {
    int len = rnd.nextInt(24);
    StringBuilder sb = new StringBuilder(len);
    for (int i = 0; i < len; i++) {
      sb.append(rnd.nextInt(10) == 0 ? (char) rnd.nextInt(0x3000) : ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  /** Any JSON-like value, nested up to {@code depth}. */
  private Object anyJson(int depth) {
    switch (rnd.nextInt(depth > 0 ? 12 : 9)) {
      case 0: return null;
      case 1: return rnd.nextBoolean();
      case 2: return rnd.nextInt();
      case 3: return rnd.nextLong();
      case 4: return new BigInteger(100, rnd).subtract(BigInteger.ONE.shiftLeft(99));
      case 5: return rnd.nextDouble() * 1e6 - 5e5;
      case 6: return garbageString();
      case 7: return pick(ipv4(), Net.formatV6(v6Value()), mac(), uuid(), ipv4() + "/" + rnd.nextInt(40), "");
      case 8: return pick(Double.NaN, Double.POSITIVE_INFINITY, 0.0, -1, 65535, 1e300);
      case 9:
      case 10: {
        List<Object> l = new ArrayList<>();
        int n = rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
          l.add(anyJson(depth - 1));
        }
        return l;
      }
      default: {
        Map<String, Object> m = new LinkedHashMap<>();
        String[] keys = {"ip_address", "subnet_id", "mac_address", "start", "end", "destination",
            "nexthop", "x"};
        int n = rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
          m.put(keys[rnd.nextInt(keys.length)], anyJson(depth - 1));
        }
        return m;
      }
    }
  }

  private Object pick(Object... options) {
    return options[rnd.nextInt(options.length)];
  }

  // ------------------------------------------------------------------ properties

  @Test
  void validIpv4AndIpv6AreAccepted() {
    Validator ip = Validators.ipAddress();
    for (int i = 0; i < N; i++) {
      String v4 = ipv4();
      assertThat(ip.validate(v4)).as(ctx(v4)).isNull();
      BigInteger value = v6Value();
      String v6 = ipv6Text(value);
      assertThat(ip.validate(v6)).as(ctx(v6)).isNull();
      assertThat(Net.ptonV6(v6)).as(ctx(v6)).isEqualTo(value);
      // cross-check parsing with the IPAddress library
      assertThat(new IPAddressString(v6).getAddress().getValue()).as(ctx(v6)).isEqualTo(value);
    }
  }

  @Test
  void compactIpv6MatchesRfc5952OutsideEmbeddedIpv4Ranges() {
    for (int i = 0; i < N; i++) {
      BigInteger value = v6Value();
      if (value.shiftRight(48).signum() == 0) {
        continue; // ::x.x.x.x and ::ffff:x.x.x.x print mixed notation like inet_ntop
      }
      IPv6Address lib = new IPAddressString(Net.formatV6(value)).getAddress().toIPv6();
      assertThat(Net.formatV6(value)).as(ctx(value)).isEqualTo(lib.toCanonicalString());
    }
  }

  @Test
  void validCidrsAreAccepted() {
    Validator subnet = Validators.subnet();
    Validator route = Validators.routeCidr();
    for (int i = 0; i < N; i++) {
      int p4 = rnd.nextInt(33);
      long net4 = (rnd.nextLong() & 0xffffffffL) & (p4 == 0 ? 0 : (0xffffffffL << (32 - p4)) & 0xffffffffL);
      String c4 = Net.formatV4(net4) + "/" + p4;
      assertThat(subnet.validate(c4)).as(ctx(c4)).isNull();
      if (!Net.parseNetwork(c4).isLoopback()) {
        assertThat(route.validate(c4)).as(ctx(c4)).isNull();
      }
      String c6 = ipv6Text(v6Value()) + "/" + rnd.nextInt(129);
      assertThat(subnet.validate(c6)).as(ctx(c6)).isNull();
    }
  }

  @Test
  void validMacsAndUuidsAreAccepted() {
    Validator mac = Validators.macAddress();
    Validator uuid = Validators.uuid();
    for (int i = 0; i < N; i++) {
      String m = mac();
      assertThat(mac.validate(m)).as(ctx(m)).isNull();
      String u = uuid();
      assertThat(uuid.validate(u)).as(ctx(u)).isNull();
    }
  }

  @Test
  void garbageIsRejectedWithAMessage() {
    Map<String, Validator> strict = new LinkedHashMap<>();
    for (String n : List.of("uuid", "ip_address", "subnet", "mac_address", "boolean", "integer",
        "uuid_list", "subnet_list", "hostroutes", "ip_pools", "not_empty_string")) {
      strict.put(n, Validators.named(n, null));
    }
    int rejected = 0;
    for (int i = 0; i < N; i++) {
      String g = garbageString() + "#"; // '#' is never part of any valid value
      for (Map.Entry<String, Validator> e : strict.entrySet()) {
        if (e.getKey().equals("not_empty_string")) {
          continue;
        }
        String msg = e.getValue().validate(g);
        assertThat(msg).as(ctx(g) + " validator=" + e.getKey()).isNotNull().isNotBlank();
        rejected++;
      }
      Object notString = pick(null, 1, 2.5, true, List.of(), Map.of(), List.of(1, 1));
      for (String n : List.of("uuid", "ip_address", "subnet", "mac_address", "not_empty_string")) {
        assertThat(strict.get(n).validate(notString)).as(ctx(notString) + " validator=" + n)
            .isNotNull();
      }
    }
    assertThat(rejected).isPositive();
  }

  @Test
  void noValidatorThrowsOnAnyJson() {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("type:range", Arrays.asList(0, 100));
    args.put("type:range_or_none", Arrays.asList(null, 100));
    args.put("type:values", List.of("a", 1));
    args.put("type:regex", "^[a-f0-9]+$");
    args.put("type:regex_or_none", "(?P<x>a)");
    args.put("type:list_of_regex_or_none", "^a");
    args.put("type:port_range", List.of(1, 1000));
    args.put("type:string", 10);
    args.put("type:dict", Map.of("ip_address", Map.of("type:ip_address", "", "required", true)));
    args.put("type:dict_or_nodata", Map.of("start", Map.of("type:ip_address", "",
        "convert_to", (Converter) Converters::toCanonicalIp)));
    args.put("type:list_of_any_key_specs_or_none", List.of(
        Map.of("x", Map.of("type:integer", "")), Map.of("start", Map.of("required", true))));
    args.put("type:service_plugin_type", List.of("QOS"));
    List<Validator> all = new ArrayList<>();
    List<String> names = new ArrayList<>(Validators.names());
    for (String n : names) {
      all.add(Validators.named(n, args.get(n)));
    }
    for (int i = 0; i < N; i++) {
      Object value = anyJson(3);
      for (int k = 0; k < all.size(); k++) {
        try {
          all.get(k).validate(value);
        } catch (RuntimeException e) {
          throw new AssertionError(ctx(value) + " validator=" + names.get(k) + " threw " + e, e);
        }
      }
    }
  }

  @Test
  void convertersAreIdempotentAndOnlyThrowInvalidValue() {
    Map<String, Function<Object, Object>> converters = new LinkedHashMap<>();
    converters.put("toBoolean", Converters::toBoolean);
    converters.put("toBooleanIfNotNone", Converters::toBooleanIfNotNone);
    converters.put("toInt", Converters::toInt);
    converters.put("toIntIfNotNone", Converters::toIntIfNotNone);
    converters.put("toPositiveFloatOrNone", Converters::toPositiveFloatOrNone);
    converters.put("toList", Converters::toList);
    converters.put("noneToEmptyList", Converters::noneToEmptyList);
    converters.put("noneToEmptyDict", Converters::noneToEmptyDict);
    converters.put("noneToEmptyString", Converters::noneToEmptyString);
    converters.put("toStringIfNotNone", Converters::toStringIfNotNone);
    converters.put("toCanonicalIp", Converters::toCanonicalIp);
    converters.put("toCanonicalCidr", Converters::toCanonicalCidr);
    converters.put("toSanitizedMac", Converters::toSanitizedMac);
    converters.put("toLowerCase", Converters::toLowerCase);
    converters.put("uppercaseIp", Converters::uppercaseIp);
    for (int i = 0; i < N * 2; i++) {
      Object value = i % 2 == 0 ? anyJson(2)
          : pick(ipv6Text(v6Value()), ipv6Text(v6Value()) + "/" + rnd.nextInt(129), mac(),
              "true", "0", " 12 ", "ipv6", ipv4() + "/" + rnd.nextInt(33));
      for (Map.Entry<String, Function<Object, Object>> e : converters.entrySet()) {
        Object once;
        try {
          once = e.getValue().apply(value);
        } catch (Converter.InvalidValue iv) {
          assertThat(iv.getMessage()).as(ctx(value) + " converter=" + e.getKey()).isNotBlank();
          continue;
        } catch (RuntimeException ex) {
          throw new AssertionError(ctx(value) + " converter=" + e.getKey() + " threw " + ex, ex);
        }
        Object twice = e.getValue().apply(once);
        assertThat(Py.eq(once, twice) || Objects.equals(once, twice)
                || (once instanceof Double d && d.isNaN() && twice instanceof Double d2 && d2.isNaN()))
            .as(ctx(value) + " converter=" + e.getKey() + " once=" + Py.repr(once) + " twice="
                + Py.repr(twice))
            .isTrue();
      }
    }
  }

  @Test
  void canonicalIpAgreesWithValidatorAndParses() {
    for (int i = 0; i < N; i++) {
      BigInteger value = v6Value();
      String text = ipv6Text(value);
      Object canonical = Converters.toCanonicalIp(text);
      assertThat(canonical).as(ctx(text)).isEqualTo(Net.formatV6(value));
      assertThat(Net.ptonV6((String) canonical)).as(ctx(text)).isEqualTo(value);
      assertThat(Converters.toSanitizedMac(mac())).asString().matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
    }
  }
}
