package io.neutrino.server.ml2;

import io.neutrino.config.Config;
import io.neutrino.lib.spi.PluginProvider;
import io.neutrino.lib.spi.ml2.ProviderSegment;
import io.neutrino.lib.spi.ml2.SegmentAllocations;
import io.neutrino.lib.spi.ml2.TypeDriver;
import io.neutrino.server.db.Database;
import io.neutrino.server.manager.ServerPluginContext;
import io.neutrino.server.ml2.types.TypeDrivers;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A project network's segment: the built-in VLAN (physnet1:1:4094) or VXLAN (1:65536) type driver
 * allocating from {@link SegmentAllocationTable} on an in-memory H2 through the real
 * {@link Database} and migrations, then releasing it, in one transaction (so the table stays as
 * set up). Empty, or with every id but the last 64 allocated (lowest first, where the allocator
 * looks).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SegmentAllocationBenchmark {
  @Param({"vlan", "vxlan"})
  public String type;

  @Param({"empty", "nearly_full"})
  public String fill;

  private Database db;
  private TypeDriver driver;

  @Setup
  public void setUp() {
    db = Database.open("jdbc:h2:mem:jmh-segments-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 2);
    db.upgrade();
    Config config = Config.of(Map.of(
        "ml2_type_vlan", Map.of("network_vlan_ranges", List.of("physnet1:1:4094")),
        "ml2_type_vxlan", Map.of("vni_ranges", List.of("1:65536"))));
    ServerPluginContext ctx = new ServerPluginContext(config,
        Map.of(SegmentAllocations.class, new SegmentAllocationTable(db)));
    PluginProvider provider = type.equals("vlan") ? new TypeDrivers.Vlan() : new TypeDrivers.Vxlan();
    driver = (TypeDriver) provider.create(ctx);
    driver.initialize();
    int size = type.equals("vlan") ? 4094 : 65536;
    if (fill.equals("nearly_full")) {
      db.txVoid(h -> h.execute("UPDATE segment_allocations SET allocated = ? WHERE network_type = ? "
          + "AND segmentation_id <= ?", true, type, size - 64));
    }
    allocateAndRelease();
  }

  @TearDown
  public void tearDown() {
    db.close();
  }

  @Benchmark
  public ProviderSegment allocateAndRelease() {
    return db.tx(h -> {
      ProviderSegment s = driver.allocateTenantSegment(h)
          .orElseThrow(() -> new IllegalStateException("no " + type + " segment free"));
      driver.releaseSegment(h, s);
      return s;
    });
  }
}
