package io.neutrino.server.ipam;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressSeqRange;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Subnet-pool prefix logic of Neutron Zed (neutron/ipam/subnet_alloc.py {@code SubnetAllocator},
 * {@code SubnetPoolReader}, {@code SubnetPoolHelper}; the prefix checks of
 * neutron/db/db_base_plugin_v2.py). Database-free: callers pass the pool's prefixes and the CIDRs
 * already allocated from it.
 *
 * <p>Cost: O(n log n + n · bits) in the number of prefixes and allocations — free space is
 * computed as ranges (prefixes minus allocations) and decomposed into CIDR blocks, never by
 * walking addresses or candidate subnets.
 */
public final class PrefixAllocator {
  private PrefixAllocator() {}

  /** The min/max/default prefix lengths of a pool. */
  public record PrefixBounds(int minPrefixlen, int maxPrefixlen, int defaultPrefixlen) {}

  // ---------------------------------------------------------------- pool reading

  /**
   * {@code _read_prefix_info}: the pool's IP version from its prefixes —
   * {@code EmptySubnetPoolPrefixList} (400) when none, {@code PrefixVersionMismatch} (400) when
   * mixed.
   */
  public static int ipVersion(List<String> prefixes) {
    if (prefixes == null || prefixes.isEmpty()) {
      throw IpamFaults.emptySubnetPoolPrefixList();
    }
    int version = 0;
    for (String p : prefixes) {
      int v = Cidr.parse(p).version();
      if (version == 0) {
        version = v;
      } else if (v != version) {
        throw IpamFaults.prefixVersionMismatch();
      }
    }
    return version;
  }

  /**
   * {@code _compact_subnetpool_prefix_list} / {@code netaddr.cidr_merge}: the minimal list of
   * CIDRs covering the union of {@code prefixes} (overlaps removed, adjacent blocks merged),
   * ascending.
   */
  public static List<Cidr> compact(Collection<Cidr> prefixes) {
    List<IPAddressSeqRange> ranges = joinedRanges(prefixes);
    List<Cidr> out = new ArrayList<>();
    for (IPAddressSeqRange r : ranges) {
      for (IPAddress block : r.spanWithPrefixBlocks()) {
        out.add(Cidr.of(block));
      }
    }
    return out;
  }

  /** {@link #compact} of CIDR strings, validated as {@link #ipVersion} does. */
  public static List<Cidr> compactStrings(List<String> prefixes) {
    ipVersion(prefixes);
    return compact(prefixes.stream().map(Cidr::parse).toList());
  }

  /**
   * {@code _read_prefix_bounds}: fills defaults (min 8 / 64, max 32 / 128, default = min) and
   * validates them — {@code UnsupportedMinSubnetPoolPrefix} when min &lt; 0,
   * {@code IllegalSubnetPoolPrefixBounds} when min &gt; max, max above the version's bit count, or
   * default outside [min, max] (all 400). {@code null} means "not specified".
   */
  public static PrefixBounds resolveBounds(int ipVersion, Integer min, Integer max,
      Integer dflt) {
    int bits = ipVersion == 4 ? 32 : 128;
    int minLen = min != null ? min : (ipVersion == 4 ? 8 : 64);
    int maxLen = max != null ? max : bits;
    int defLen = dflt != null ? dflt : minLen;
    if (minLen < 0) {
      throw IpamFaults.unsupportedMinSubnetPoolPrefix(minLen, 4);
    }
    if (minLen > maxLen) {
      throw IpamFaults.illegalSubnetPoolPrefixBounds("min_prefixlen", minLen, "max_prefixlen",
          maxLen);
    }
    if (maxLen > bits) {
      throw IpamFaults.illegalSubnetPoolPrefixBounds("max_prefixlen", maxLen, "ip_version_max",
          bits);
    }
    if (defLen < minLen) {
      throw IpamFaults.illegalSubnetPoolPrefixBounds("default_prefixlen", defLen,
          "min_prefixlen", minLen);
    }
    if (defLen > maxLen) {
      throw IpamFaults.illegalSubnetPoolPrefixBounds("default_prefixlen", defLen,
          "max_prefixlen", maxLen);
    }
    return new PrefixBounds(minLen, maxLen, defLen);
  }

  // ---------------------------------------------------------------- allocation

  /**
   * {@code allocate_subnet} bound check: {@code MaxPrefixSubnetAllocationError} /
   * {@code MinPrefixSubnetAllocationError} (400).
   */
  public static void checkPrefixlen(int prefixlen, PrefixBounds bounds) {
    if (prefixlen > bounds.maxPrefixlen()) {
      throw IpamFaults.maxPrefixSubnetAllocationError(prefixlen, bounds.maxPrefixlen());
    }
    if (prefixlen < bounds.minPrefixlen()) {
      throw IpamFaults.minPrefixSubnetAllocationError(prefixlen, bounds.minPrefixlen());
    }
  }

  /**
   * The free space of the pool ({@code _get_available_prefix_list}): prefixes minus allocations
   * as minimal CIDR blocks, ordered as Neutron orders them — longest prefix (smallest block)
   * first, then by address.
   */
  public static List<Cidr> availablePrefixes(Collection<Cidr> prefixes,
      Collection<Cidr> allocated) {
    List<IPAddressSeqRange> pool = joinedRanges(prefixes);
    List<IPAddressSeqRange> used = joinedRanges(allocated);
    List<IPAddress> blocks = new ArrayList<>();
    int u = 0;
    for (IPAddressSeqRange p : pool) {
      while (u < used.size() && less(used.get(u).getUpper(), p.getLower())) {
        u++;
      }
      List<IPAddressSeqRange> pieces = new ArrayList<>();
      pieces.add(p);
      int k = u;
      while (k < used.size() && !less(p.getUpper(), used.get(k).getLower())) {
        IPAddressSeqRange last = pieces.remove(pieces.size() - 1);
        IPAddressSeqRange[] rest = last.subtract(used.get(k));
        if (rest != null) {
          for (IPAddressSeqRange r : rest) {
            pieces.add(r);
          }
          pieces.sort(Comparator.comparing(r -> r.getLower().getValue()));
        }
        if (pieces.isEmpty()) {
          break;
        }
        k++;
      }
      for (IPAddressSeqRange piece : pieces) {
        blocks.addAll(List.of(piece.spanWithPrefixBlocks()));
      }
    }
    // Neutron: sorted(iter_cidrs(), key=prefixlen, reverse=True) -- stable, so address order
    // (IPv4 before IPv6) within one prefix length
    blocks.sort(Comparator.<IPAddress>comparingInt(b -> -prefixLen(b))
        .thenComparing(b -> b.isIPv4() ? 0 : 1)
        .thenComparing(IPAddress::getValue));
    List<Cidr> out = new ArrayList<>(blocks.size());
    for (IPAddress b : blocks) {
      out.add(Cidr.of(b));
    }
    return out;
  }

  /**
   * {@code _allocate_any_subnet}: the first /{@code prefixlen} of the smallest free block that
   * can hold one (ties: lowest address) — Neutron's best fit, which keeps large blocks whole.
   * Bounds are checked first; {@code SubnetAllocationError} (500) when nothing fits.
   */
  public static Cidr allocateAny(Collection<Cidr> prefixes, Collection<Cidr> allocated,
      int prefixlen, PrefixBounds bounds) {
    checkPrefixlen(prefixlen, bounds);
    for (Cidr free : availablePrefixes(prefixes, allocated)) {
      if (prefixlen >= free.prefixLength() && prefixlen <= free.bits()) {
        return new Cidr(free.network(), prefixlen);
      }
    }
    throw IpamFaults.subnetAllocationError(
        "Insufficient prefix space to allocate subnet size /" + prefixlen);
  }

  /**
   * {@code _allocate_specific_subnet}: {@code requested} must lie wholly inside the pool's free
   * space, i.e. inside one prefix block and clear of every allocation; else
   * {@code SubnetAllocationError} (500). Bounds are checked first. Returns {@code requested}.
   */
  public static Cidr allocateSpecific(Collection<Cidr> prefixes, Collection<Cidr> allocated,
      Cidr requested, PrefixBounds bounds) {
    checkPrefixlen(requested.prefixLength(), bounds);
    boolean inPool = false;
    for (IPAddressSeqRange r : joinedRanges(prefixes)) {
      if (r.getLower().getIPVersion() == requested.block().getIPVersion()
          && r.contains(requested.block().toSequentialRange())) {
        inPool = true;
        break;
      }
    }
    if (inPool) {
      for (Cidr a : allocated) {
        if (a.overlaps(requested)) {
          inPool = false;
          break;
        }
      }
    }
    if (!inPool) {
      throw IpamFaults.subnetAllocationError(
          "Cannot allocate requested subnet from the available set of prefixes");
    }
    return requested;
  }

  // ---------------------------------------------------------------- quota, scope, updates

  /** Quota unit of a version: IPv4 counts /32s, IPv6 counts /64s. */
  public static int quotaUnit(int ipVersion) {
    return ipVersion == 4 ? 32 : 64;
  }

  /**
   * {@code _check_subnetpool_tenant_quota}: with a {@code defaultQuota} (null or 0 = unlimited),
   * the project's allocations plus the request, counted in 2^(unit - prefixlen) units, may not
   * exceed it — {@code SubnetPoolQuotaExceeded} (409). Fractional units (an IPv6 prefix longer
   * than /64) count as in Neutron (float arithmetic there, exact fractions here).
   */
  public static void checkQuota(int ipVersion, Collection<Cidr> projectAllocations,
      int prefixlen, Integer defaultQuota) {
    if (defaultQuota == null || defaultQuota == 0) {
      return;
    }
    int unit = quotaUnit(ipVersion);
    // work in units scaled by 2^128 so prefixes longer than the unit stay exact
    int scale = 128;
    BigInteger used = BigInteger.ZERO;
    for (Cidr c : projectAllocations) {
      used = used.add(BigInteger.ONE.shiftLeft(scale + unit - c.prefixLength()));
    }
    BigInteger requested = BigInteger.ONE.shiftLeft(scale + unit - prefixlen);
    BigInteger quota = BigInteger.valueOf(defaultQuota).shiftLeft(scale);
    if (used.add(requested).compareTo(quota) > 0) {
      throw IpamFaults.subnetPoolQuotaExceeded();
    }
  }

  /**
   * {@code _validate_address_scope_id}'s prefix check: a pool joining an address scope may not
   * share any address with another pool of that scope — {@code AddressScopePrefixConflict} (409).
   */
  public static void checkAddressScopeConflict(Collection<Cidr> poolPrefixes,
      Collection<? extends Collection<Cidr>> otherPoolsInScope) {
    for (Collection<Cidr> other : otherPoolsInScope) {
      for (Cidr a : poolPrefixes) {
        for (Cidr b : other) {
          if (a.overlaps(b)) {
            throw IpamFaults.addressScopePrefixConflict();
          }
        }
      }
    }
  }

  /**
   * Prefix update ({@code _update_subnetpool_dict}): the existing prefixes must be a subset of
   * the new ones ({@code IllegalSubnetPoolPrefixUpdate}, 400); returns the compacted new list.
   */
  public static List<Cidr> updatePrefixes(Collection<Cidr> current, Collection<Cidr> requested) {
    if (!isSubset(current, requested)) {
      throw IpamFaults.illegalSubnetPoolPrefixUpdate(
          "Existing prefixes must be a subset of the new prefixes");
    }
    return compact(requested);
  }

  /**
   * {@code remove_prefixes}: removing a prefix that holds an allocated subnet is refused
   * ({@code IllegalSubnetPoolPrefixUpdate}, 400); otherwise the compacted remainder (unchanged
   * when the removal does not touch the pool).
   */
  public static List<Cidr> removePrefixes(Collection<Cidr> current, Collection<Cidr> removal,
      Collection<Cidr> allocated) {
    if (removal.isEmpty() || !anyOverlap(current, removal)) {
      return List.copyOf(current);
    }
    if (anyOverlap(allocated, removal)) {
      throw IpamFaults.illegalSubnetPoolPrefixUpdate(
          "One or more the prefixes to be removed is in use by a subnet");
    }
    return compact(availablePrefixes(current, removal));
  }

  /** Whether every address of {@code a} is covered by {@code b}. */
  public static boolean isSubset(Collection<Cidr> a, Collection<Cidr> b) {
    return availablePrefixes(a, b).isEmpty();
  }

  private static boolean anyOverlap(Collection<Cidr> a, Collection<Cidr> b) {
    for (Cidr x : a) {
      for (Cidr y : b) {
        if (x.overlaps(y)) {
          return true;
        }
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- helpers

  /** CIDRs as disjoint, non-adjacent ranges sorted by version then address. */
  static List<IPAddressSeqRange> joinedRanges(Collection<Cidr> cidrs) {
    List<IPAddressSeqRange> out = new ArrayList<>();
    for (int version : new int[] {4, 6}) {
      List<IPAddressSeqRange> ranges = new ArrayList<>();
      for (Cidr c : cidrs) {
        if (c.version() == version) {
          ranges.add(c.block().toSequentialRange());
        }
      }
      if (ranges.isEmpty()) {
        continue;
      }
      IPAddressSeqRange[] joined = IPAddressSeqRange.join(ranges.toArray(new IPAddressSeqRange[0]));
      List<IPAddressSeqRange> sorted = new ArrayList<>(List.of(joined));
      sorted.sort(Comparator.comparing(r -> r.getLower().getValue()));
      out.addAll(sorted);
    }
    return out;
  }

  private static int prefixLen(IPAddress block) {
    Integer len = block.getNetworkPrefixLength();
    return len == null ? block.getBitCount() : len;
  }

  private static boolean less(IPAddress a, IPAddress b) {
    if (a.getIPVersion() != b.getIPVersion()) {
      return a.isIPv4();
    }
    return a.getValue().compareTo(b.getValue()) < 0;
  }
}
