package io.neutrino.server.core;

import io.neutrino.server.db.Column;
import io.neutrino.server.db.Database;
import io.neutrino.server.db.Table;
import io.neutrino.server.ipam.IpRange;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
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
 * The next free address of a /16 on an in-memory H2 through the real {@link Database} and
 * migrations, by PortResource's own code ({@link PortResource#freeAddress}): random probes in one
 * query, and when they all hit used addresses (nearly full), every used address read and indexed.
 * Half full, the probes nearly always find one; nearly full (64 free of 65,533) they nearly never
 * do. Read-only: the address is found, not recorded, so the state does not drift.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AddressAllocationH2Benchmark {
  @Param({"half_full", "nearly_full"})
  public String fill;

  private Database db;
  private String subnetId;
  private List<IpRange> pools;

  @Setup
  public void setUp() {
    db = Database.open("jdbc:h2:mem:jmh-ipam-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 2);
    db.upgrade();
    IpRange pool = AddressPickerBenchmark.POOL;
    pools = List.of(pool);
    int size = pool.size().intValue();
    int used = fill.equals("half_full") ? size / 2 : size - AddressPickerBenchmark.FREE;
    List<String> addresses = AddressPickerBenchmark.usedAddresses(pool, used);
    String networkId = UUID.randomUUID().toString();
    subnetId = UUID.randomUUID().toString();
    String portId = UUID.randomUUID().toString();
    db.txVoid(h -> {
      insert(h, CoreTables.NETWORKS, Map.of("id", networkId, "status", "ACTIVE", "mtu", 1500));
      insert(h, CoreTables.SUBNETS, Map.of("id", subnetId, "network_id", networkId, "ip_version", 4,
          "cidr", "10.20.0.0/16", "gateway_ip", "10.20.0.1",
          "allocation_pools", List.of(Map.of("start", pool.start(), "end", pool.end()))),
          "subnetpool_id", "segment_id", "ipv6_ra_mode", "ipv6_address_mode");
      // One port holds them all: the probe and the fallback only look at ipallocations.
      insert(h, CoreTables.PORTS, Map.of("id", portId, "network_id", networkId,
          "mac_address", "fa:16:3e:00:00:01", "status", "ACTIVE"));
      PreparedBatch batch = h.prepareBatch(
          "INSERT INTO ipallocations (subnet_id, ip_address, network_id, port_id) VALUES (?, ?, ?, ?)");
      for (String ip : addresses) {
        batch.bind(0, subnetId).bind(1, ip).bind(2, networkId).bind(3, portId).add();
        if (batch.size() == 5000) {
          batch.execute();
        }
      }
      if (batch.size() > 0) {
        batch.execute();
      }
    });
    if (nextFreeAddress() == null) {
      throw new IllegalStateException("no free address found");
    }
  }

  /**
   * A row with every mapped column set: the given values, null for {@code nulls} (references),
   * else an empty value of its kind.
   */
  static void insert(Handle h, Table table, Map<String, Object> values, String... nulls) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (Column c : table.columns()) {
      row.put(c.attribute(), switch (c.kind()) {
        case STRING -> "";
        case BOOL -> false;
        case INT -> 0;
        case LONG -> 0L;
        case JSON -> List.of();
        case TIMESTAMP -> Instant.now();
      });
    }
    row.put("project_id", "jmh");
    row.putAll(values);
    for (String n : nulls) {
      row.put(n, null);
    }
    table.insert(h, row);
  }

  @TearDown
  public void tearDown() {
    db.close();
  }

  @Benchmark
  public String nextFreeAddress() {
    return db.read(h -> PortResource.freeAddress(h, subnetId, pools));
  }
}
