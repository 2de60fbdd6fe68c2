package io.neutrino.server.ipam;

import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.math.BigInteger;

/**
 * Parsing and formatting of single IP addresses and CIDRs, all through seancfoley IPAddress.
 *
 * <p>Canonical string forms (what every method of this package returns): IPv4 dotted decimal,
 * IPv6 compressed lower case ({@code 2001:db8::1}), as netaddr's {@code str()} prints them.
 * Parsing is strict: no prefix on a plain address, no masks, wildcards, ranges, IPv6 zones or
 * inet_aton short forms ({@code 10.1}), which Neutron's API validators reject as well.
 */
public final class IpAddresses {
  private IpAddresses() {}

  private static final IPAddressStringParameters ADDRESS = baseParams(false);
  private static final IPAddressStringParameters NETWORK = baseParams(true);

  private static IPAddressStringParameters baseParams(boolean prefix) {
    IPAddressStringParameters.Builder b = new IPAddressStringParameters.Builder()
        .allowEmpty(false)
        .allowSingleSegment(false)
        .allowPrefix(prefix)
        .allowMask(false)
        .allowPrefixOnly(false)
        .allowAll(false)
        .allowWildcardedSeparator(false)
        .setRangeOptions(RangeParameters.NO_RANGE)
        .allow_inet_aton(false);
    b.getIPv6AddressParametersBuilder().allowZone(false).allowBase85(false).allowBinary(false);
    b.getIPv4AddressParametersBuilder().allowBinary(false);
    return b.toParams();
  }

  /** Parses one address (no prefix length); {@code null} when {@code s} is not a valid address. */
  public static IPAddress parseOrNull(String s) {
    if (s == null) {
      return null;
    }
    IPAddressString str = new IPAddressString(s.trim(), ADDRESS);
    IPAddress a = str.getAddress();
    if (a == null || a.isMultiple() || a.isPrefixed()) {
      return null;
    }
    return a;
  }

  /** Parses one address, throwing {@link IllegalArgumentException} when invalid. */
  public static IPAddress parse(String s) {
    IPAddress a = parseOrNull(s);
    if (a == null) {
      throw new IllegalArgumentException("Invalid IP address: " + s);
    }
    return a;
  }

  /** {@code true} when {@code s} is a valid IPv4 or IPv6 address. */
  public static boolean isValid(String s) {
    return parseOrNull(s) != null;
  }

  /** The canonical form of a valid address string; throws {@link IllegalArgumentException}. */
  public static String canonical(String s) {
    return format(parse(s));
  }

  /** 4 or 6. */
  public static int version(String s) {
    return parse(s).isIPv4() ? 4 : 6;
  }

  /** Canonical string of a single address. */
  public static String format(IPAddress a) {
    IPAddress single = a.withoutPrefixLength();
    // RFC 5952, as netaddr prints: "::" only for a run of two or more zero fields
    // (2001:db8:0:1::5, not 2001:db8::1:0:0:0:5 style shortening of a single field).
    return single.toCanonicalString();
  }

  /** The address's integer value. */
  public static BigInteger value(IPAddress a) {
    return a.getValue();
  }

  /** Builds the address of the given version with integer value {@code v}. */
  public static IPAddress fromValue(int version, BigInteger v) {
    if (version == 4) {
      return new IPv4Address(v.intValue());
    }
    return new IPv6Address(v);
  }

  /** Canonical string of the address of the given version with value {@code v}. */
  public static String formatValue(int version, BigInteger v) {
    return format(fromValue(version, v));
  }

  /**
   * Parses a CIDR ({@code addr/len}) or a bare address (taken as a host route, /32 or /128) the
   * way {@code netaddr.IPNetwork} accepts it; host bits may be set. Returns {@code null} when
   * invalid.
   */
  static IPAddress parseNetworkOrNull(String s) {
    if (s == null) {
      return null;
    }
    IPAddressString str = new IPAddressString(s.trim(), NETWORK);
    IPAddress a = str.getAddress();
    if (a == null || (a.isMultiple() && !a.isPrefixed())) {
      return null;
    }
    return a;
  }
}
