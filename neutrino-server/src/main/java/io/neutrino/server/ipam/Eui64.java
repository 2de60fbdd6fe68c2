package io.neutrino.server.ipam;

import inet.ipaddr.IPAddress;
import inet.ipaddr.MACAddressString;
import inet.ipaddr.mac.MACAddress;
import java.math.BigInteger;

/**
 * SLAAC (modified EUI-64) addresses, as {@code oslo_utils.netutils.get_ipv6_addr_by_EUI64} (which
 * Neutron Zed calls) computes them: {@code (prefix.first + EUI-64(mac)) XOR (1 << 57)}, i.e. the
 * interface identifier is the MAC with {@code ff:fe} inserted and the universal/local bit flipped.
 * For the /64 prefixes Neutron allows on SLAAC subnets that is the prefix with the identifier in
 * its low 64 bits.
 */
public final class Eui64 {
  private Eui64() {}

  private static final BigInteger UL_BIT = BigInteger.ONE.shiftLeft(57);
  private static final BigInteger EUI64_MARK_MASK = new BigInteger("ffff000000", 16);
  private static final BigInteger EUI64_MARK = new BigInteger("fffe000000", 16);

  /**
   * The EUI-64 address for {@code mac} (48-bit, or already 64-bit) within {@code prefix} (a CIDR
   * or a bare IPv6 address).
   *
   * @throws io.neutrino.lib.fault.NeutronException InvalidInput (400) for an IPv4 prefix or a bad
   *     prefix / MAC, worded as oslo's ValueError (which Neutron would let surface as a 500)
   */
  public static String address(String prefix, String mac) {
    Cidr net = Cidr.parseOrNull(prefix);
    if (net != null && net.version() == 4) {
      throw IpamFaults.invalidInput("Unable to generate IP address by EUI64 for IPv4 prefix");
    }
    MACAddress m = parseMac(mac);
    if (net == null || m == null) {
      throw badFormat(prefix, mac);
    }
    BigInteger eui = m.toEUI64(false).getValue();
    BigInteger value = net.first().add(eui).xor(UL_BIT);
    if (value.bitLength() > 128) {
      throw badFormat(prefix, mac);
    }
    return IpAddresses.formatValue(6, value);
  }

  /** {@code ipv6_utils.is_eui64_address}: an IPv6 address with {@code ff:fe} mid-identifier. */
  public static boolean isEui64Address(String ip) {
    IPAddress a = IpAddresses.parseOrNull(ip);
    return a != null && a.isIPv6() && a.getValue().and(EUI64_MARK_MASK).equals(EUI64_MARK);
  }

  /** A single 48- or 64-bit MAC in any common notation, or {@code null}. */
  static MACAddress parseMac(String mac) {
    if (mac == null) {
      return null;
    }
    MACAddress m = new MACAddressString(mac.trim()).getAddress();
    if (m == null || m.isMultiple() || m.isPrefixed()) {
      return null;
    }
    return m;
  }

  private static RuntimeException badFormat(String prefix, String mac) {
    return IpamFaults.invalidInput("Bad prefix or mac format for generating IPv6 address by "
        + "EUI-64: " + prefix + ", " + mac + ":");
  }
}
