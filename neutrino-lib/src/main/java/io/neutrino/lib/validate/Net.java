package io.neutrino.lib.validate;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Address parsing with the exact rules neutron-lib inherits from netaddr and glibc: strict
 * {@code inet_pton} for IPv6 and dotted-quad IPv4, netaddr's ZEROFILL and partial-address handling,
 * {@code inet_ntop}'s compact IPv6 text, netaddr's EUI-48 formats and oslo's UUID check.
 */
final class Net {
  private Net() {}

  static final BigInteger V4_MAX = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
  static final BigInteger V6_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

  /** A parsed address: version 4 or 6 and its integer value. */
  record Ip(int version, BigInteger value) {
    int width() {
      return version == 4 ? 32 : 128;
    }

    @Override
    public String toString() {
      return version == 4 ? formatV4(value.longValue()) : formatV6(value);
    }
  }

  /** A parsed network as netaddr.IPNetwork keeps it: the (possibly host) address and a prefix. */
  record Network(Ip ip, int prefixLen) {
    BigInteger mask() {
      int w = ip.width();
      BigInteger all = BigInteger.ONE.shiftLeft(w).subtract(BigInteger.ONE);
      return all.shiftRight(w - prefixLen).shiftLeft(w - prefixLen);
    }

    Ip network() {
      return new Ip(ip.version(), ip.value().and(mask()));
    }

    /** {@code str(net.cidr)}. */
    String cidr() {
      return network() + "/" + prefixLen;
    }

    @Override
    public String toString() {
      return ip + "/" + prefixLen;
    }

    boolean isLoopback() {
      if (ip.version() == 4) {
        return prefixLen >= 8 && ip.value().shiftRight(24).intValue() == 127;
      }
      return prefixLen == 128 && ip.value().equals(BigInteger.ONE);
    }
  }

  // ---------------------------------------------------------------- IPv4

  /** glibc inet_pton(AF_INET): exactly four decimal octets, no leading zeros, each <= 255. */
  static Long ptonV4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    long v = 0;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
        return null;
      }
      int o = 0;
      for (int i = 0; i < p.length(); i++) {
        char c = p.charAt(i);
        if (c < '0' || c > '9') {
          return null;
        }
        o = o * 10 + (c - '0');
      }
      if (o > 255) {
        return null;
      }
      v = (v << 8) | o;
    }
    return v;
  }

  static String formatV4(long v) {
    return ((v >> 24) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff);
  }

  /**
   * netaddr.IPAddress(s, flags=ZEROFILL) restricted to the dotted-quad shape neutron accepts: each
   * of the four parts is a decimal number (leading zeros dropped) no larger than 255.
   */
  static Long zerofillV4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    long v = 0;
    for (String p : parts) {
      BigInteger o = Py.parseInt(p);
      if (o == null || o.signum() < 0 || o.compareTo(BigInteger.valueOf(255)) > 0) {
        return null;
      }
      v = (v << 8) | o.longValue();
    }
    return v;
  }

  /** netaddr's expand_partial_address followed by strict parsing: '10' is 10.0.0.0, '10.1' 10.1.0.0. */
  static Long partialV4(String s) {
    if (s.indexOf(':') >= 0) {
      return null;
    }
    String[] parts = s.split("\\.", -1);
    if (parts.length < 1 || parts.length > 4) {
      return null;
    }
    long v = 0;
    for (int i = 0; i < 4; i++) {
      long o = 0;
      if (i < parts.length) {
        BigInteger b = Py.parseInt(parts[i]);
        if (b == null || b.signum() < 0 || b.compareTo(BigInteger.valueOf(255)) > 0) {
          return null;
        }
        o = b.longValue();
      }
      v = (v << 8) | o;
    }
    return v;
  }

  // ---------------------------------------------------------------- IPv6

  /** glibc inet_pton(AF_INET6). */
  static BigInteger ptonV6(String s) {
    int n = s.length();
    if (n == 0) {
      return null;
    }
    int[] words = new int[8];
    int w = 0;
    int colonAt = -1;
    int i = 0;
    if (s.charAt(0) == ':') {
      if (n < 2 || s.charAt(1) != ':') {
        return null;
      }
      i = 1;
    }
    int tokenStart = i;
    boolean sawDigit = false;
    int val = 0;
    int digits = 0;
    for (; i < n; i++) {
      char c = s.charAt(i);
      int h = Character.digit(c, 16);
      if (h >= 0 && c < 128) {
        if (++digits > 4) {
          return null;
        }
        val = (val << 4) | h;
        sawDigit = true;
        continue;
      }
      if (c == ':') {
        tokenStart = i + 1;
        if (!sawDigit) {
          if (colonAt >= 0) {
            return null;
          }
          colonAt = w;
          continue;
        } else if (i + 1 >= n) {
          return null;
        }
        if (w >= 8) {
          return null;
        }
        words[w++] = val;
        sawDigit = false;
        val = 0;
        digits = 0;
        continue;
      }
      if (c == '.' && w <= 6) {
        Long v4 = ptonV4(s.substring(tokenStart));
        if (v4 == null) {
          return null;
        }
        words[w++] = (int) (v4 >> 16);
        words[w++] = (int) (v4 & 0xffff);
        sawDigit = false;
        break;
      }
      return null;
    }
    if (sawDigit) {
      if (w >= 8) {
        return null;
      }
      words[w++] = val;
    }
    if (colonAt >= 0) {
      if (w == 8) {
        return null;
      }
      int shift = 8 - w;
      for (int k = w - 1; k >= colonAt; k--) {
        words[k + shift] = words[k];
        words[k] = 0;
      }
      w = 8;
    }
    if (w != 8) {
      return null;
    }
    BigInteger v = BigInteger.ZERO;
    for (int word : words) {
      v = v.shiftLeft(16).or(BigInteger.valueOf(word));
    }
    return v;
  }

  /** glibc inet_ntop(AF_INET6): lower case, longest run (>= 2) of zero words as '::'. */
  static String formatV6(BigInteger value) {
    int[] words = new int[8];
    for (int k = 7; k >= 0; k--) {
      words[k] = value.intValue() & 0xffff;
      value = value.shiftRight(16);
    }
    int bestBase = -1;
    int bestLen = 0;
    int curBase = -1;
    int curLen = 0;
    for (int k = 0; k < 8; k++) {
      if (words[k] == 0) {
        if (curBase < 0) {
          curBase = k;
          curLen = 1;
        } else {
          curLen++;
        }
      } else if (curBase >= 0) {
        if (bestBase < 0 || curLen > bestLen) {
          bestBase = curBase;
          bestLen = curLen;
        }
        curBase = -1;
      }
    }
    if (curBase >= 0 && (bestBase < 0 || curLen > bestLen)) {
      bestBase = curBase;
      bestLen = curLen;
    }
    if (bestBase >= 0 && bestLen < 2) {
      bestBase = -1;
    }
    StringBuilder sb = new StringBuilder(39);
    for (int k = 0; k < 8; k++) {
      if (bestBase >= 0 && k >= bestBase && k < bestBase + bestLen) {
        if (k == bestBase) {
          sb.append(':');
        }
        continue;
      }
      if (k != 0) {
        sb.append(':');
      }
      if (k == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && words[5] == 0xffff))) {
        sb.append(formatV4(((long) words[6] << 16) | words[7]));
        break;
      }
      sb.append(Integer.toHexString(words[k]));
    }
    if (bestBase >= 0 && bestBase + bestLen == 8) {
      sb.append(':');
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- generic

  /**
   * netaddr.IPAddress(s) with no flags as used by convert_ip_to_canonical_format: only the IPv6
   * result matters there, so IPv4 is recognised with glibc inet_aton's permissive forms.
   */
  static Ip parseAny(String s) {
    if (s.indexOf('/') >= 0) {
      return null;
    }
    if (s.indexOf(':') >= 0) {
      BigInteger v6 = ptonV6(s);
      return v6 == null ? null : new Ip(6, v6);
    }
    Long v4 = atonV4(s);
    return v4 == null ? null : new Ip(4, BigInteger.valueOf(v4));
  }

  /** glibc inet_aton: 1 to 4 parts, each decimal, octal (leading 0) or hex (0x). */
  static Long atonV4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length < 1 || parts.length > 4) {
      return null;
    }
    long[] vals = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      int radix = 10;
      if (p.startsWith("0x") || p.startsWith("0X")) {
        radix = 16;
        p = p.substring(2);
      } else if (p.length() > 1 && p.charAt(0) == '0') {
        radix = 8;
        p = p.substring(1);
      }
      if (p.isEmpty() && radix != 16) {
        return null;
      }
      long v = 0;
      for (int k = 0; k < p.length(); k++) {
        int d = Character.digit(p.charAt(k), radix);
        if (d < 0 || p.charAt(k) > 127) {
          return null;
        }
        v = v * radix + d;
        if (v > 0xffffffffL) {
          return null;
        }
      }
      vals[i] = v;
    }
    long result = 0;
    int last = vals.length - 1;
    for (int i = 0; i < last; i++) {
      if (vals[i] > 255) {
        return null;
      }
      result |= vals[i] << (24 - 8 * i);
    }
    long lastMax = 0xffffffffL >>> (8 * last);
    if (vals[last] > lastMax) {
      return null;
    }
    return result | vals[last];
  }

  /** netaddr.IPNetwork(s): address (strict, or partial IPv4), then a prefix, netmask or hostmask. */
  static Network parseNetwork(String s) {
    int slash = s.indexOf('/');
    String addr = slash < 0 ? s : s.substring(0, slash);
    String pfx = slash < 0 ? null : s.substring(slash + 1);
    Network n = parseNetwork(4, addr, pfx);
    return n != null ? n : parseNetwork(6, addr, pfx);
  }

  private static Network parseNetwork(int version, String addr, String pfx) {
    BigInteger value;
    if (version == 4) {
      Long v = ptonV4(addr);
      if (v == null) {
        v = partialV4(addr);
      }
      if (v == null) {
        return null;
      }
      value = BigInteger.valueOf(v);
    } else {
      value = ptonV6(addr);
      if (value == null) {
        return null;
      }
    }
    int width = version == 4 ? 32 : 128;
    int prefixLen;
    if (pfx == null) {
      prefixLen = width;
    } else {
      BigInteger p = Py.parseInt(pfx);
      if (p != null) {
        if (p.signum() < 0 || p.compareTo(BigInteger.valueOf(width)) > 0) {
          return null;
        }
        prefixLen = p.intValue();
      } else {
        BigInteger mask;
        if (pfx.indexOf('/') >= 0) {
          return null;
        }
        if (version == 4) {
          Long m = ptonV4(pfx);
          mask = m == null ? null : BigInteger.valueOf(m);
        } else {
          mask = ptonV6(pfx);
        }
        if (mask == null) {
          return null;
        }
        BigInteger max = version == 4 ? V4_MAX : V6_MAX;
        BigInteger inverted = mask.xor(max).add(BigInteger.ONE);
        BigInteger plusOne = mask.add(BigInteger.ONE);
        if (inverted.bitCount() == 1) {
          prefixLen = width - (inverted.bitLength() - 1);
        } else if (plusOne.bitCount() == 1) {
          prefixLen = width - (plusOne.bitLength() - 1);
        } else {
          return null;
        }
      }
    }
    return new Network(new Ip(version, value), prefixLen);
  }

  // ---------------------------------------------------------------- MAC

  private static final String H = "[0-9A-F]";
  private static final Pattern[] MAC_FORMATS = {
      mac("^" + rep("(" + H + "{1,2})", ":", 6) + "$"),
      mac("^" + rep("(" + H + "{1,2})", "-", 6) + "$"),
      mac("^" + rep("(" + H + "{1,4})", ":", 3) + "$"),
      mac("^" + rep("(" + H + "{1,4})", "-", 3) + "$"),
      mac("^" + rep("(" + H + "{1,4})", "\\.", 3) + "$"),
      mac("^" + rep("(" + H + "{5,6})", "-", 2) + "$"),
      mac("^" + rep("(" + H + "{5,6})", ":", 2) + "$"),
      mac("^(" + H + "{12})$"),
      mac("^(" + H + "{11})$"),
  };

  private static Pattern mac(String re) {
    return Pattern.compile(re, Pattern.CASE_INSENSITIVE | Pattern.UNIX_LINES);
  }

  private static String rep(String unit, String sep, int times) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < times; i++) {
      if (i > 0) {
        sb.append(sep);
      }
      sb.append(unit);
    }
    return sb.toString();
  }

  /** netaddr EUI-48 parsing of a string: the 48-bit value, or null when no format matches. */
  static Long parseMac(String s) {
    for (Pattern p : MAC_FORMATS) {
      Matcher m = p.matcher(s);
      if (m.find()) {
        int groups = m.groupCount();
        int bitsPerWord = 48 / groups;
        long v = 0;
        for (int g = 1; g <= groups; g++) {
          v = (v << bitsPerWord) | Long.parseLong(m.group(g), 16);
        }
        return v;
      }
    }
    return null;
  }

  /** netaddr's mac_unix_expanded: {@code aa:bb:cc:dd:ee:ff}. */
  static String formatMac(long v) {
    StringBuilder sb = new StringBuilder(17);
    for (int shift = 40; shift >= 0; shift -= 8) {
      if (shift != 40) {
        sb.append(':');
      }
      sb.append(String.format(Locale.ROOT, "%02x", (v >> shift) & 0xff));
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- UUID

  /** oslo_utils.uuidutils.is_uuid_like. */
  static boolean isUuidLike(Object value) {
    if (!(value instanceof String s)) {
      return false;
    }
    String t = s.replace("urn:", "").replace("uuid:", "");
    int a = 0;
    int b = t.length();
    while (a < b && (t.charAt(a) == '{' || t.charAt(a) == '}')) {
      a++;
    }
    while (b > a && (t.charAt(b - 1) == '{' || t.charAt(b - 1) == '}')) {
      b--;
    }
    t = t.substring(a, b).replace("-", "");
    if (t.length() != 32) {
      return false;
    }
    for (int i = 0; i < 32; i++) {
      char c = t.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }
}
