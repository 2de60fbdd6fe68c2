package io.neutrino.server.ipam;

import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.lib.fault.NeutronException;
import io.neutrino.server.ipam.PrefixAllocator.PrefixBounds;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Seeded property tests; every assertion message names the seed and the iteration. */
class IpamPropertyTest {

  private static final long SEED = 0x5EED_1BAL;

  private static Cidr randomCidr(Random r, int version, int minPrefix, int maxPrefix) {
    int bits = version == 4 ? 32 : 128;
    int prefix = minPrefix + r.nextInt(maxPrefix - minPrefix + 1);
    BigInteger v = new BigInteger(bits, r);
    return new Cidr(IpAddresses.formatValue(version, v), prefix);
  }

  private static Cidr randomSubnet(Random r) {
    return r.nextBoolean() ? randomCidr(r, 4, 8, 30) : randomCidr(r, 6, 48, 126);
  }

  private static String addrAt(int version, BigInteger v) {
    return IpAddresses.formatValue(version, v);
  }

  private static BigInteger below(Random r, BigInteger bound) {
    return AddressPicker.randomBelow(r, bound);
  }

  @Test
  void defaultPoolsNeverContainGatewayNetworkOrBroadcast() {
    Random r = new Random(SEED);
    for (int it = 0; it < 2_000; it++) {
      String ctx = "seed " + SEED + " iteration " + it;
      Cidr c = randomSubnet(r);
      int v = c.version();
      String gw = switch (r.nextInt(4)) {
        case 0 -> SubnetMath.defaultGateway(c);
        case 1 -> addrAt(v, c.first().add(below(r, c.size())));
        case 2 -> null;
        default -> SubnetMath.firstHost(c);
      };
      List<IpRange> pools = SubnetMath.generatePools(c, gw);
      BigInteger usableFirst = c.first().add(BigInteger.ONE);
      BigInteger usableLast = v == 4 ? c.last().subtract(BigInteger.ONE) : c.last();
      BigInteger expected = usableLast.subtract(usableFirst).add(BigInteger.ONE);
      if (gw != null) {
        BigInteger g = IpAddresses.parse(gw).getValue();
        if (g.compareTo(usableFirst) >= 0 && g.compareTo(usableLast) <= 0) {
          expected = expected.subtract(BigInteger.ONE);
        }
        assertThat(AddressPicker.inPools(gw, pools)).as(ctx + " gw " + gw + " " + c).isFalse();
      }
      assertThat(AddressPicker.inPools(c.network(), pools)).as(ctx + " network " + c).isFalse();
      if (v == 4) {
        assertThat(AddressPicker.inPools(c.broadcast(), pools)).as(ctx + " bcast " + c).isFalse();
      }
      BigInteger total = BigInteger.ZERO;
      for (IpRange p : pools) {
        assertThat(c.contains(p.start()) && c.contains(p.end())).as(ctx + " " + p).isTrue();
        total = total.add(p.size());
      }
      assertThat(total).as(ctx + " pool size of " + c + " gw " + gw).isEqualTo(expected);
      // Neutron accepts its own generated pools
      SubnetMath.validateAllocationPools(pools, c);
      SubnetMath.validateGatewayOutOfPools(gw, pools);
    }
  }

  @Test
  void pickerNeverReturnsUsedOrOutsideAndEmptyOnlyWhenFull() {
    Random r = new Random(SEED + 1);
    for (int it = 0; it < 600; it++) {
      String ctx = "seed " + (SEED + 1) + " iteration " + it;
      boolean small = r.nextInt(3) == 0;
      Cidr c = small
          ? (r.nextBoolean() ? randomCidr(r, 4, 22, 30) : randomCidr(r, 6, 116, 126))
          : randomSubnet(r);
      int v = c.version();
      List<IpRange> pools = SubnetMath.generatePools(c, SubnetMath.defaultGateway(c));
      Set<String> used = new HashSet<>();
      int leaveFree = -1;
      BigInteger poolTotal = pools.stream().map(IpRange::size).reduce(BigInteger.ZERO,
          BigInteger::add);
      if (small && poolTotal.compareTo(BigInteger.valueOf(4096)) <= 0) {
        // fill the pools except 0..3 random addresses
        leaveFree = r.nextInt(4);
        List<String> all = new ArrayList<>();
        for (IpRange p : pools) {
          for (BigInteger x = p.first(); x.compareTo(p.last()) <= 0; x = x.add(BigInteger.ONE)) {
            all.add(addrAt(v, x));
          }
        }
        java.util.Collections.shuffle(all, r);
        used.addAll(all.subList(Math.min(leaveFree, all.size()), all.size()));
        leaveFree = Math.min(leaveFree, all.size());
      } else {
        int n = r.nextInt(300);
        for (int k = 0; k < n; k++) {
          IpRange p = pools.get(r.nextInt(pools.size()));
          // cluster near the pool start, where Neutron's window is, to force collisions
          BigInteger span = p.size().min(BigInteger.valueOf(r.nextBoolean() ? 1_200 : 1L << 40));
          used.add(addrAt(v, p.first().add(below(r, span))));
        }
        used.add(c.network()); // used addresses outside the pools are harmless
      }
      UsedAddresses index = UsedAddresses.of(used);
      BigInteger free = AddressPicker.freeCount(pools, index);
      for (int k = 0; k < 20; k++) {
        Optional<String> ip = k % 5 == 4 ? AddressPicker.pickNext(pools, index)
            : AddressPicker.pick(pools, index, r, k % 2 == 0 ? AddressPicker.NEUTRON_WINDOW : 0);
        if (ip.isEmpty()) {
          assertThat(free).as(ctx + " empty although free in " + c).isZero();
          assertThat(leaveFree).as(ctx + " empty only for the full case").isLessThanOrEqualTo(0);
          if (k == 0 && poolTotal.compareTo(BigInteger.valueOf(4096)) <= 0) {
            boolean full = true;
            for (IpRange p : pools) {
              for (BigInteger x = p.first(); x.compareTo(p.last()) <= 0;
                  x = x.add(BigInteger.ONE)) {
                full &= used.contains(addrAt(v, x));
              }
            }
            assertThat(full).as(ctx + " truly full").isTrue();
          }
          continue;
        }
        assertThat(used).as(ctx + " picked used " + ip.get() + " in " + c).doesNotContain(ip.get());
        assertThat(AddressPicker.inPools(ip.get(), pools)).as(ctx + " outside pools " + ip.get())
            .isTrue();
        assertThat(IpAddresses.canonical(ip.get())).as(ctx + " canonical").isEqualTo(ip.get());
      }
      if (leaveFree > 0) {
        assertThat(free).as(ctx).isEqualTo(BigInteger.valueOf(leaveFree));
        Set<String> reached = new HashSet<>();
        for (int k = 0; k < 200; k++) {
          reached.add(AddressPicker.pick(pools, index, r).orElseThrow());
        }
        assertThat(reached).as(ctx + " all free addresses reachable").hasSize(leaveFree);
      }
    }
  }

  @Test
  void prefixAllocatorNeverOverlaps() {
    Random r = new Random(SEED + 2);
    for (int round = 0; round < 16; round++) {
      String ctx = "seed " + (SEED + 2) + " round " + round;
      int v = round % 2 == 0 ? 4 : 6;
      List<Cidr> prefixes = new ArrayList<>();
      int n = 1 + r.nextInt(3);
      for (int k = 0; k < n; k++) {
        prefixes.add(v == 4 ? randomCidr(r, 4, 12, 20) : randomCidr(r, 6, 40, 48));
      }
      prefixes = PrefixAllocator.compact(prefixes);
      PrefixBounds bounds = v == 4 ? new PrefixBounds(8, 32, 24) : new PrefixBounds(32, 128, 64);
      List<Cidr> allocated = new ArrayList<>();
      for (int k = 0; k < 150; k++) {
        int len = v == 4 ? 16 + r.nextInt(13) : 44 + r.nextInt(21);
        if (r.nextInt(4) == 0) {
          // a specific request somewhere in the pool: accepted iff clear of allocations
          Cidr base = prefixes.get(r.nextInt(prefixes.size()));
          int l = Math.max(len, base.prefixLength());
          Cidr req = new Cidr(IpAddresses.formatValue(v, base.first().add(below(r, base.size()))), l);
          boolean clear = allocated.stream().noneMatch(a -> a.overlaps(req));
          try {
            PrefixAllocator.allocateSpecific(prefixes, allocated, req, bounds);
            assertThat(clear).as(ctx + " specific " + req + " accepted over " + allocated).isTrue();
            allocated.add(req);
          } catch (NeutronException e) {
            assertThat(e.type()).isEqualTo("SubnetAllocationError");
            assertThat(clear).as(ctx + " specific " + req + " refused although clear").isFalse();
          }
          continue;
        }
        try {
          Cidr got = PrefixAllocator.allocateAny(prefixes, allocated, len, bounds);
          assertThat(got.prefixLength()).as(ctx).isEqualTo(len);
          assertThat(prefixes.stream().anyMatch(p -> p.contains(got)))
              .as(ctx + " " + got + " inside " + prefixes).isTrue();
          for (Cidr a : allocated) {
            assertThat(a.overlaps(got)).as(ctx + " " + got + " overlaps " + a).isFalse();
          }
          allocated.add(got);
        } catch (NeutronException e) {
          assertThat(e.type()).as(ctx).isEqualTo("SubnetAllocationError");
          assertThat(PrefixAllocator.availablePrefixes(prefixes, allocated))
              .as(ctx + " refused /" + len + " although a block fits")
              .allMatch(f -> f.prefixLength() > len);
        }
      }
      assertThat(allocated).as(ctx + " made progress").isNotEmpty();
    }
  }
}
