package io.neutrino.server.ml2;

import io.neutrino.lib.spi.ml2.IdRange;
import io.neutrino.lib.spi.ml2.ProviderSegment;
import io.neutrino.lib.spi.ml2.SegmentAllocations;
import io.neutrino.server.db.Database;
import io.neutrino.server.db.WriteBehind;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * {@link SegmentAllocations} on {@code segment_allocations}: one row per id, primary key (type,
 * physical network, id). Two creators, on one server or several on one database, never take one
 * id:
 * <ul>
 *   <li>On PostgreSQL and MariaDB a tenant network takes the first free id whose row no other
 *       transaction has locked ({@code FOR UPDATE SKIP LOCKED}). The row stays locked until the
 *       creator's transaction ends, so creators neither wait for nor retry because of each other,
 *       and marking it allocated cannot miss: that UPDATE is sent with the commit ({@link
 *       WriteBehind}), one round trip less.
 *   <li>H2 answers such a read with no row while another transaction holds the first free one
 *       (it limits, then skips: ConcurrencyTest saw 48 of 100 ids handed out), so there a free id
 *       is drawn at random among the first free rows and taken by a compare-and-set on its row; a
 *       creator that loses the race has its transaction run again ({@link Database.RetryRequest}).
 * </ul>
 * Reserving a given id (provider networks) is a compare-and-set on its row.
 */
public final class SegmentAllocationTable implements SegmentAllocations {
  /** H2: a free id is drawn among this many first free ones. */
  private static final int PICK_AMONG = 64;
  private final Database db;

  public SegmentAllocationTable(Database db) {
    this.db = db;
  }

  @Override
  public void sync(String type, Map<String, List<IdRange>> ranges) {
    db.txVoid(h -> {
      // Drop free ids now outside every range; allocated ones stay until released.
      List<Map<String, Object>> free = h.createQuery("SELECT physical_network, segmentation_id "
          + "FROM segment_allocations WHERE network_type = ? AND allocated = ?")
          .bind(0, type).bind(1, false).mapToMap().list();
      for (Map<String, Object> row : free) {
        String phys = (String) row.get("physical_network");
        int id = ((Number) row.get("segmentation_id")).intValue();
        if (ranges.getOrDefault(phys, List.of()).stream().noneMatch(r -> r.contains(id))) {
          h.execute("DELETE FROM segment_allocations WHERE network_type = ? AND "
              + "physical_network = ? AND segmentation_id = ?", type, phys, id);
        }
      }
      for (var phys : ranges.entrySet()) {
        Set<Integer> present = new HashSet<>(h.createQuery("SELECT segmentation_id FROM "
            + "segment_allocations WHERE network_type = ? AND physical_network = ?")
            .bind(0, type).bind(1, phys.getKey()).mapTo(Integer.class).list());
        PreparedBatch batch = h.prepareBatch("INSERT INTO segment_allocations (network_type, "
            + "physical_network, segmentation_id, allocated) VALUES (?, ?, ?, ?)");
        int n = 0;
        for (IdRange r : phys.getValue()) {
          for (int id = r.min(); id <= r.max(); id++) {
            if (present.add(id)) {
              batch.bind(0, type).bind(1, phys.getKey()).bind(2, id).bind(3, false).add();
              if (++n % 5000 == 0) {
                batch.execute();
              }
            }
          }
        }
        if (batch.size() > 0) {
          batch.execute();
        }
      }
    });
  }

  @Override
  public Optional<ProviderSegment> allocate(Object tx, String type, String physnet) {
    Handle h = (Handle) tx;
    boolean skipLocked = db.vendor() != Database.Vendor.H2;
    // The ORDER BY names the index's columns from the first (ix_segment_allocations_free_ordered),
    // the fixed ones too, so H2 as well reads the index in order and stops at the limit. MariaDB
    // is told to: its optimizer takes the primary key instead, even with fresh statistics, and
    // then reads every allocated row of the type before the first free one (1,657 rows, 0.45 ms,
    // after 1,657 networks; 1 row, 0.05 ms by the index).
    String table = db.vendor() == Database.Vendor.MARIADB
        ? "segment_allocations FORCE INDEX (ix_segment_allocations_free_ordered)" : "segment_allocations";
    var q = h.createQuery("SELECT physical_network, segmentation_id FROM " + table + " WHERE "
        + "network_type = ? AND allocated = ?" + (physnet == null ? "" : " AND physical_network = ?")
        + " ORDER BY network_type, allocated, physical_network, segmentation_id LIMIT "
        + (skipLocked ? "1 FOR UPDATE SKIP LOCKED" : PICK_AMONG))
        .bind(0, type).bind(1, false);
    if (physnet != null) {
      q.bind(2, physnet);
    }
    List<Map<String, Object>> free = q.mapToMap().list();
    if (free.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> pick = free.get(ThreadLocalRandom.current().nextInt(free.size()));
    String phys = (String) pick.get("physical_network");
    int id = ((Number) pick.get("segmentation_id")).intValue();
    String take = "UPDATE segment_allocations SET allocated = ? WHERE network_type = ? AND physical_network = ? "
        + "AND segmentation_id = ?";
    if (skipLocked) {
      WriteBehind.write(h, WriteBehind.OnFailure.NONE, take, true, type, phys, id);
    } else if (h.execute(take + " AND allocated = ?", true, type, phys, id, false) == 0) {
      throw new Database.RetryRequest("segment " + type + ":" + id + " taken concurrently");
    }
    return Optional.of(new ProviderSegment(type, phys.isEmpty() ? null : phys, id));
  }

  @Override
  public boolean reserve(Object tx, ProviderSegment s) {
    Handle h = (Handle) tx;
    String phys = s.physicalNetwork() == null ? "" : s.physicalNetwork();
    int id = s.segmentationId() == null ? 0 : s.segmentationId();
    if (h.execute("UPDATE segment_allocations SET allocated = ? WHERE network_type = ? "
        + "AND physical_network = ? AND segmentation_id = ? AND allocated = ?",
        true, s.networkType(), phys, id, false) == 1) {
      return true;
    }
    boolean exists = h.createQuery("SELECT COUNT(*) FROM segment_allocations WHERE network_type = ? "
        + "AND physical_network = ? AND segmentation_id = ?")
        .bind(0, s.networkType()).bind(1, phys).bind(2, id).mapTo(Integer.class).one() > 0;
    if (exists) {
      return false;
    }
    try {
      h.execute("INSERT INTO segment_allocations (network_type, physical_network, segmentation_id, "
          + "allocated) VALUES (?, ?, ?, ?)", s.networkType(), phys, id, true);
      return true;
    } catch (RuntimeException e) {
      if (Database.isDuplicateKey(e)) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public void release(Object tx, ProviderSegment s, boolean inRanges) {
    Handle h = (Handle) tx;
    String phys = s.physicalNetwork() == null ? "" : s.physicalNetwork();
    int id = s.segmentationId() == null ? 0 : s.segmentationId();
    if (inRanges) {
      h.execute("UPDATE segment_allocations SET allocated = ? WHERE network_type = ? AND "
          + "physical_network = ? AND segmentation_id = ?", false, s.networkType(), phys, id);
    } else {
      h.execute("DELETE FROM segment_allocations WHERE network_type = ? AND physical_network = ? "
          + "AND segmentation_id = ?", s.networkType(), phys, id);
    }
  }
}
