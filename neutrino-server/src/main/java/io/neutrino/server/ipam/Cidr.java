package io.neutrino.server.ipam;

import inet.ipaddr.IPAddress;
import java.math.BigInteger;
import java.util.Objects;

/**
 * An IP network in canonical form: {@code network} is the canonical network address (host bits
 * cleared), {@code prefixLength} 0..32 or 0..128. {@link #toString()} gives {@code "10.0.0.0/24"}
 * / {@code "2001:db8::/64"} as Neutron stores it.
 */
public record Cidr(String network, int prefixLength) implements Comparable<Cidr> {

  public Cidr {
    Objects.requireNonNull(network, "network");
    IPAddress a = IpAddresses.parse(network);
    int bits = a.getBitCount();
    if (prefixLength < 0 || prefixLength > bits) {
      throw new IllegalArgumentException("Invalid prefix length " + prefixLength + " for " + network);
    }
    IPAddress block = a.toPrefixBlock(prefixLength);
    network = IpAddresses.format(block.getLower());
  }

  /**
   * Parses {@code "addr/len"} (host bits allowed and cleared, as Neutron normalises a subnet's
   * cidr) or a bare address (a /32 or /128, as {@code netaddr.IPNetwork} reads it).
   *
   * @throws IllegalArgumentException when {@code s} is not a valid CIDR
   */
  public static Cidr parse(String s) {
    Cidr c = parseOrNull(s);
    if (c == null) {
      throw new IllegalArgumentException("Invalid CIDR: " + s);
    }
    return c;
  }

  /** Like {@link #parse} but returns {@code null} for invalid input. */
  public static Cidr parseOrNull(String s) {
    IPAddress a = IpAddresses.parseNetworkOrNull(s);
    if (a == null) {
      return null;
    }
    Integer len = a.getNetworkPrefixLength();
    int prefix = len == null ? a.getBitCount() : len;
    return new Cidr(IpAddresses.format(a.getLower()), prefix);
  }

  /** Builds the CIDR from an address-library prefix block. */
  static Cidr of(IPAddress block) {
    Integer len = block.getNetworkPrefixLength();
    return new Cidr(IpAddresses.format(block.getLower()), len == null ? block.getBitCount() : len);
  }

  /** The library's prefix block for this CIDR. */
  public IPAddress block() {
    return IpAddresses.parse(network).toPrefixBlock(prefixLength);
  }

  /** 4 or 6. */
  public int version() {
    return network.indexOf(':') >= 0 ? 6 : 4;
  }

  /** 32 or 128. */
  public int bits() {
    return version() == 4 ? 32 : 128;
  }

  /** Last address of the network (the IPv4 broadcast address). */
  public String broadcast() {
    return IpAddresses.format(block().getUpper());
  }

  /** Integer value of the network address ({@code netaddr}'s {@code first}). */
  public BigInteger first() {
    return IpAddresses.parse(network).getValue();
  }

  /** Integer value of the last address ({@code netaddr}'s {@code last}). */
  public BigInteger last() {
    return block().getUpperValue();
  }

  /** Number of addresses, 2^(bits - prefix). */
  public BigInteger size() {
    return BigInteger.ONE.shiftLeft(bits() - prefixLength);
  }

  /** Whether {@code ip} (an address string of any version) lies in this network. */
  public boolean contains(String ip) {
    IPAddress a = IpAddresses.parseOrNull(ip);
    return a != null && contains(a);
  }

  boolean contains(IPAddress a) {
    return a.getIPVersion() == block().getIPVersion() && block().contains(a);
  }

  /** Whether {@code other} lies entirely in this network. */
  public boolean contains(Cidr other) {
    return other.version() == version() && block().contains(other.block());
  }

  /** Whether the two networks share at least one address. */
  public boolean overlaps(Cidr other) {
    return other.version() == version() && block().overlaps(other.block());
  }

  /** The network as one inclusive range. */
  public IpRange toRange() {
    return new IpRange(network, broadcast());
  }

  @Override
  public int compareTo(Cidr o) {
    int c = Integer.compare(version(), o.version());
    if (c != 0) {
      return c;
    }
    c = first().compareTo(o.first());
    return c != 0 ? c : Integer.compare(prefixLength, o.prefixLength);
  }

  @Override
  public String toString() {
    return network + "/" + prefixLength;
  }
}
