package io.neutrino.server.ipam;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressSeqRange;
import java.math.BigInteger;
import java.util.Objects;

/**
 * An inclusive address range, e.g. an allocation pool. Both ends are canonical addresses of the
 * same version with {@code start <= end}. {@link #toString()} is {@code "start-end"}, the form
 * {@code str(netaddr.IPRange)} takes inside Neutron's fault messages.
 */
public record IpRange(String start, String end) implements Comparable<IpRange> {

  public IpRange {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    IPAddress s = IpAddresses.parse(start);
    IPAddress e = IpAddresses.parse(end);
    if (s.getIPVersion() != e.getIPVersion()) {
      throw new IllegalArgumentException("Range ends differ in IP version: " + start + "-" + end);
    }
    if (s.getValue().compareTo(e.getValue()) > 0) {
      throw new IllegalArgumentException("Range start above end: " + start + "-" + end);
    }
    start = IpAddresses.format(s);
    end = IpAddresses.format(e);
  }

  /** Parses both ends, returning {@code null} instead of throwing when they don't form a range. */
  public static IpRange ofOrNull(String start, String end) {
    IPAddress s = IpAddresses.parseOrNull(start);
    IPAddress e = IpAddresses.parseOrNull(end);
    if (s == null || e == null || s.getIPVersion() != e.getIPVersion()
        || s.getValue().compareTo(e.getValue()) > 0) {
      return null;
    }
    return new IpRange(IpAddresses.format(s), IpAddresses.format(e));
  }

  static IpRange of(IPAddressSeqRange r) {
    return new IpRange(IpAddresses.format(r.getLower()), IpAddresses.format(r.getUpper()));
  }

  /** The library's sequential range. */
  public IPAddressSeqRange seqRange() {
    return IpAddresses.parse(start).spanWithRange(IpAddresses.parse(end));
  }

  public int version() {
    return start.indexOf(':') >= 0 ? 6 : 4;
  }

  public BigInteger first() {
    return IpAddresses.parse(start).getValue();
  }

  public BigInteger last() {
    return IpAddresses.parse(end).getValue();
  }

  /** Number of addresses in the range. */
  public BigInteger size() {
    return last().subtract(first()).add(BigInteger.ONE);
  }

  /** Whether {@code ip} lies in this range (false for another IP version or an invalid ip). */
  public boolean contains(String ip) {
    IPAddress a = IpAddresses.parseOrNull(ip);
    if (a == null || (a.isIPv4() ? 4 : 6) != version()) {
      return false;
    }
    BigInteger v = a.getValue();
    return v.compareTo(first()) >= 0 && v.compareTo(last()) <= 0;
  }

  /** Whether the two ranges share an address. */
  public boolean overlaps(IpRange o) {
    return o.version() == version() && first().compareTo(o.last()) <= 0
        && o.first().compareTo(last()) <= 0;
  }

  @Override
  public int compareTo(IpRange o) {
    int c = Integer.compare(version(), o.version());
    if (c != 0) {
      return c;
    }
    c = first().compareTo(o.first());
    return c != 0 ? c : last().compareTo(o.last());
  }

  @Override
  public String toString() {
    return start + "-" + end;
  }
}
