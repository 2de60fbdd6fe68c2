package io.neutrino.server.ipam;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AddressPickerTest {

  @Test
  void picksInsidePoolAndAvoidsUsed() {
    List<IpRange> pools = List.of(new IpRange("10.0.0.2", "10.0.0.4"));
    Set<String> used = Set.of("10.0.0.2", "10.0.0.4");
    for (int i = 0; i < 20; i++) {
      assertThat(AddressPicker.pick(pools, used, new Random(i))).contains("10.0.0.3");
    }
    assertThat(AddressPicker.pick(pools, Set.of("10.0.0.2", "10.0.0.3", "10.0.0.4"),
        new Random(1))).isEmpty();
  }

  @Test
  void movesToNextPoolWhenFirstFull() {
    List<IpRange> pools = List.of(new IpRange("10.0.0.2", "10.0.0.3"),
        new IpRange("10.0.0.10", "10.0.0.10"));
    UsedAddresses used = UsedAddresses.of(List.of("10.0.0.2", "10.0.0.3"));
    assertThat(AddressPicker.pick(pools, used, new Random(3))).contains("10.0.0.10");
    assertThat(AddressPicker.pickNext(pools, used)).contains("10.0.0.10");
    assertThat(AddressPicker.freeCount(pools, used)).isEqualTo(BigInteger.ONE);
  }

  @Test
  void pickNextIsLowestFree() {
    List<IpRange> pools = List.of(new IpRange("2001:db8::2", "2001:db8::ffff:ffff:ffff:ffff"));
    UsedAddresses used = UsedAddresses.of(List.of("2001:db8::2", "2001:db8::3", "2001:db8::5"));
    assertThat(AddressPicker.pickNext(pools, used)).contains("2001:db8::4");
    assertThat(AddressPicker.pickNext(pools, UsedAddresses.EMPTY)).contains("2001:db8::2");
  }

  @Test
  void randomPickStaysWithinNeutronWindow() {
    // Neutron samples among the first MAX_WIN (1000) free addresses of the pool
    List<IpRange> pools = List.of(new IpRange("10.0.0.2", "10.255.255.254"));
    Random r = new Random(42);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      String ip = AddressPicker.pick(pools, UsedAddresses.EMPTY, r).orElseThrow();
      BigInteger off = IpAddresses.parse(ip).getValue().subtract(pools.get(0).first());
      assertThat(off).isBetween(BigInteger.ZERO, BigInteger.valueOf(999));
      seen.add(ip);
    }
    assertThat(seen.size()).as("seed 42: picks are spread").isGreaterThan(300);
    // window <= 0: whole pool
    String any = AddressPicker.pick(pools, UsedAddresses.EMPTY, new Random(7), 0).orElseThrow();
    assertThat(pools.get(0).contains(any)).isTrue();
  }

  @Test
  void hugeV6PoolUniformPick() {
    List<IpRange> pools = SubnetMath.generatePools(Cidr.parse("2001:db8::/64"), "2001:db8::");
    Optional<String> ip = AddressPicker.pick(pools, UsedAddresses.EMPTY, new Random(5), 0);
    assertThat(ip).isPresent();
    assertThat(AddressPicker.inPools(ip.get(), pools)).isTrue();
  }

  @Test
  void inPools() {
    List<IpRange> pools = List.of(new IpRange("10.0.0.2", "10.0.0.9"),
        new IpRange("10.0.0.20", "10.0.0.29"));
    assertThat(AddressPicker.inPools("10.0.0.9", pools)).isTrue();
    assertThat(AddressPicker.inPools("10.0.0.10", pools)).isFalse();
    assertThat(AddressPicker.inPools("::a00:14", pools)).isFalse();
    assertThat(AddressPicker.inPools("junk", pools)).isFalse();
  }

  @Test
  void nearlyFullSlash16AnswersFromIndex() {
    long seed = 1616L;
    Random r = new Random(seed);
    Cidr c = Cidr.parse("172.16.0.0/16");
    List<IpRange> pools = SubnetMath.generatePools(c, "172.16.0.1");
    // 65,533 usable; leave 33 free at random spots
    BigInteger first = pools.get(0).first();
    int n = pools.get(0).size().intValue();
    Set<Integer> free = new HashSet<>();
    while (free.size() < 33) {
      free.add(r.nextInt(n));
    }
    List<String> usedList = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (!free.contains(i)) {
        usedList.add(IpAddresses.formatValue(4, first.add(BigInteger.valueOf(i))));
      }
    }
    UsedAddresses used = UsedAddresses.of(usedList);
    assertThat(used.size()).isEqualTo(n - 33);
    long t0 = System.nanoTime();
    for (int i = 0; i < 10_000; i++) {
      String ip = AddressPicker.pick(pools, used, r).orElseThrow();
      assertThat(used.contains(ip)).as("seed %d", seed).isFalse();
    }
    long perPickNanos = (System.nanoTime() - t0) / 10_000;
    // generous bound: index lookups are O(log u); a linear scan would take ~65k steps per pick
    assertThat(perPickNanos).as("ns per pick").isLessThan(1_000_000L);
    Set<String> picked = new HashSet<>();
    for (int i = 0; i < 2_000; i++) {
      picked.add(AddressPicker.pick(pools, used, r).orElseThrow());
    }
    assertThat(picked).as("seed %d: all 33 free addresses reachable", seed).hasSize(33);
  }
}
