package io.neutrino.server.ipam;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Picks a free address from a subnet's allocation pools, as Neutron's internal IPAM driver
 * ({@code NeutronDbSubnet._generate_ips}) does: pools are tried in the order given; in the first
 * one that still has a free address the pick is random among its first {@link #NEUTRON_WINDOW}
 * free addresses (Neutron's {@code MAX_WIN}), which spreads concurrent servers apart;
 * {@link #pickNext} returns the lowest free address ({@code PreferNextAddressRequest}).
 *
 * <p>Cost: O(pools · log u) with a prebuilt {@link UsedAddresses} (u = used addresses), never
 * proportional to the subnet size: the k-th free address of a pool is found by binary search over
 * the sorted used addresses, since the number of free addresses below a used one is
 * {@code (used - poolStart) - (its rank within the pool)} and grows monotonically. An address is
 * returned whenever any pool has one free, however full the pools are.
 */
public final class AddressPicker {
  private AddressPicker() {}

  /** Neutron's {@code MAX_WIN}: the random pick is among the first 1000 free addresses. */
  public static final int NEUTRON_WINDOW = 1000;

  /** Random pick among the first {@link #NEUTRON_WINDOW} free addresses of the first non-full pool. */
  public static Optional<String> pick(List<IpRange> pools, UsedAddresses used,
      RandomGenerator random) {
    return pick(pools, used, random, NEUTRON_WINDOW);
  }

  /** Convenience for a plain set of used addresses; indexes it first (O(u log u)). */
  public static Optional<String> pick(List<IpRange> pools, Set<String> used,
      RandomGenerator random) {
    return pick(pools, UsedAddresses.of(used), random, NEUTRON_WINDOW);
  }

  /**
   * Random pick among the first {@code window} free addresses of the first pool that has one;
   * {@code window <= 0} means uniformly among all free addresses of that pool. Empty when every
   * pool is full.
   */
  public static Optional<String> pick(List<IpRange> pools, UsedAddresses used,
      RandomGenerator random, int window) {
    for (IpRange pool : pools) {
      BigInteger free = pool.size().subtract(BigInteger.valueOf(used.countIn(pool)));
      if (free.signum() <= 0) {
        continue;
      }
      BigInteger limit = window > 0 ? free.min(BigInteger.valueOf(window)) : free;
      return Optional.of(kthFree(pool, used, randomBelow(random, limit)));
    }
    return Optional.empty();
  }

  /**
   * {@code count} addresses drawn uniformly from the pools (weighted by pool size), for callers
   * that probe the database for a free one instead of loading every used address: on a subnet
   * that is not nearly full a handful of probes finds one at a cost independent of how many
   * addresses are used. Duplicates are possible and harmless.
   */
  public static List<String> randomCandidates(List<IpRange> pools, int count, RandomGenerator random) {
    BigInteger total = BigInteger.ZERO;
    for (IpRange pool : pools) {
      total = total.add(pool.size());
    }
    List<String> out = new java.util.ArrayList<>(count);
    if (total.signum() == 0) {
      return out;
    }
    for (int i = 0; i < count; i++) {
      BigInteger k = randomBelow(random, total);
      for (IpRange pool : pools) {
        if (k.compareTo(pool.size()) < 0) {
          out.add(IpAddresses.formatValue(pool.version(), pool.first().add(k)));
          break;
        }
        k = k.subtract(pool.size());
      }
    }
    return out;
  }

  /** The lowest free address of the first pool that has one ({@code prefer_next}). */
  public static Optional<String> pickNext(List<IpRange> pools, UsedAddresses used) {
    for (IpRange pool : pools) {
      if (pool.size().compareTo(BigInteger.valueOf(used.countIn(pool))) > 0) {
        return Optional.of(kthFree(pool, used, BigInteger.ZERO));
      }
    }
    return Optional.empty();
  }

  /** Number of free addresses over all pools (pools assumed disjoint, as validated). */
  public static BigInteger freeCount(List<IpRange> pools, UsedAddresses used) {
    BigInteger total = BigInteger.ZERO;
    for (IpRange pool : pools) {
      total = total.add(pool.size()).subtract(BigInteger.valueOf(used.countIn(pool)));
    }
    return total;
  }

  /** Whether {@code ip} lies in one of the pools. */
  public static boolean inPools(String ip, List<IpRange> pools) {
    for (IpRange pool : pools) {
      if (pool.contains(ip)) {
        return true;
      }
    }
    return false;
  }

  /** The {@code k}-th (0-based) free address of {@code pool}; k must be below its free count. */
  static String kthFree(IpRange pool, UsedAddresses used, BigInteger k) {
    BigInteger[] a = used.values(pool.version());
    BigInteger lo = pool.first();
    int i = UsedAddresses.lowerBound(a, lo);
    int j = UsedAddresses.upperBound(a, pool.last());
    // smallest m in [i, j) with freeBefore(a[m]) > k, where freeBefore(a[m]) = a[m]-lo-(m-i)
    int l = i;
    int h = j;
    while (l < h) {
      int m = (l + h) >>> 1;
      BigInteger freeBefore = a[m].subtract(lo).subtract(BigInteger.valueOf(m - i));
      if (freeBefore.compareTo(k) > 0) {
        h = m;
      } else {
        l = m + 1;
      }
    }
    BigInteger value = lo.add(k).add(BigInteger.valueOf(l - i));
    return IpAddresses.formatValue(pool.version(), value);
  }

  /** Uniform value in [0, bound), bound > 0. */
  static BigInteger randomBelow(RandomGenerator random, BigInteger bound) {
    if (bound.bitLength() < 63) {
      return BigInteger.valueOf(random.nextLong(bound.longValue()));
    }
    int bits = bound.bitLength();
    while (true) {
      BigInteger r = BigInteger.ZERO;
      for (int got = 0; got < bits; got += 64) {
        r = r.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(random.nextLong())));
      }
      r = r.and(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
      if (r.compareTo(bound) < 0) {
        return r;
      }
    }
  }
}
