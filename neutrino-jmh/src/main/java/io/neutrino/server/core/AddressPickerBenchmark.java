package io.neutrino.server.core;

import io.neutrino.server.ipam.AddressPicker;
import io.neutrino.server.ipam.IpAddresses;
import io.neutrino.server.ipam.IpRange;
import io.neutrino.server.ipam.UsedAddresses;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * IPAM's in-memory part on a nearly full /16 (10.20.0.0/16, pool .0.2 – .255.254, all but
 * {@link #FREE} of its 65,533 addresses used, the free ones scattered): what PortResource does when
 * its random probes all hit used addresses — index the used addresses, then pick at random among
 * the first free ones (Neutron's window) or take the lowest free one — and the probe candidates.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AddressPickerBenchmark {
  static final IpRange POOL = new IpRange("10.20.0.2", "10.20.255.254");
  static final int FREE = 64;

  private List<IpRange> pools;
  private List<String> used;
  private UsedAddresses index;

  @Setup
  public void setUp() {
    pools = List.of(POOL);
    used = usedAddresses(POOL, POOL.size().intValue() - FREE);
    index = UsedAddresses.of(used);
    if (AddressPicker.freeCount(pools, index).intValue() != FREE) {
      throw new IllegalStateException("expected " + FREE + " free addresses");
    }
  }

  /** {@code count} distinct addresses of {@code pool}, drawn with a fixed seed. */
  static List<String> usedAddresses(IpRange pool, int count) {
    int size = pool.size().intValue();
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(7);
    for (int i = size - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(IpAddresses.formatValue(4, pool.first().add(BigInteger.valueOf(order[i]))));
    }
    return out;
  }

  /** Sorting the 65,469 used addresses into the index (the fallback reads them all). */
  @Benchmark
  public UsedAddresses indexUsedAddresses() {
    return UsedAddresses.of(used);
  }

  /** Neutron's pick: random among the first free addresses of the first pool with room. */
  @Benchmark
  public Optional<String> pickRandomFree() {
    return AddressPicker.pick(pools, index, ThreadLocalRandom.current());
  }

  /** prefer_next: the lowest free address. */
  @Benchmark
  public Optional<String> pickNextFree() {
    return AddressPicker.pickNext(pools, index);
  }

  /** The eight random candidates one probe query asks the database about. */
  @Benchmark
  public List<String> probeCandidates() {
    return AddressPicker.randomCandidates(pools, 8, ThreadLocalRandom.current());
  }
}
