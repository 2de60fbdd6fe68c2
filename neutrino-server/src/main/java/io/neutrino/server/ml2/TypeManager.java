package io.neutrino.server.ml2;

import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.server.db.Database;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * ML2's TypeManager with the built-in type drivers (neutron/plugins/ml2/managers.py and
 * drivers/type_*.py): checks {@code [ml2]} type configuration at start-up, keeps the allocation
 * table in step with the configured ranges, hands project networks a segment from the first
 * {@code tenant_network_types} entry with a free id, validates and reserves provider segments,
 * and computes the MTU a segment allows.
 *
 * <p>Allocation is a compare-and-set on {@code segment_allocations} rows (primary key per id), so
 * two servers on one database never hand out one id twice; a lost race retries the transaction.
 */
public final class TypeManager {
  public static final List<String> ALL_TYPES = List.of("local", "flat", "vlan", "gre", "vxlan", "geneve");
  private static final int VXLAN_OVERHEAD = 30;
  private static final int GRE_OVERHEAD = 22;
  private static final int IPV4_HEADER = 20;

  private final Ml2Config config;

  public TypeManager(Ml2Config config) {
    this.config = config;
  }

  public Ml2Config config() {
    return config;
  }

  /** Keeps the allocation rows equal to the configured ranges; allocated rows are never dropped. */
  public void syncAllocations(Database db) {
    Map<String, Map<String, List<int[]>>> wanted = new LinkedHashMap<>();
    wanted.put(Segment.VLAN, config.vlanRanges());
    wanted.put(Segment.VXLAN, Map.of("", config.vxlanRanges()));
    wanted.put(Segment.GRE, Map.of("", config.greRanges()));
    wanted.put(Segment.GENEVE, Map.of("", config.geneveRanges()));
    db.txVoid(h -> {
      for (var type : wanted.entrySet()) {
        Set<String> keep = new HashSet<>();
        for (var phys : type.getValue().entrySet()) {
          for (int[] r : phys.getValue()) {
            keep.add(phys.getKey() + ":" + r[0] + ":" + r[1]);
          }
        }
        // Drop free ids now outside every range.
        List<Map<String, Object>> free = h.createQuery("SELECT physical_network, segmentation_id "
            + "FROM segment_allocations WHERE network_type = ? AND allocated = ?")
            .bind(0, type.getKey()).bind(1, false).mapToMap().list();
        for (Map<String, Object> row : free) {
          String phys = (String) row.get("physical_network");
          int id = ((Number) row.get("segmentation_id")).intValue();
          if (!inRanges(type.getValue().getOrDefault(phys, List.of()), id)) {
            h.execute("DELETE FROM segment_allocations WHERE network_type = ? AND "
                + "physical_network = ? AND segmentation_id = ?", type.getKey(), phys, id);
          }
        }
        for (var phys : type.getValue().entrySet()) {
          Set<Integer> present = new HashSet<>(h.createQuery("SELECT segmentation_id FROM "
              + "segment_allocations WHERE network_type = ? AND physical_network = ?")
              .bind(0, type.getKey()).bind(1, phys.getKey()).mapTo(Integer.class).list());
          PreparedBatch batch = h.prepareBatch("INSERT INTO segment_allocations (network_type, "
              + "physical_network, segmentation_id, allocated) VALUES (?, ?, ?, ?)");
          int n = 0;
          for (int[] r : phys.getValue()) {
            for (int id = r[0]; id <= r[1]; id++) {
              if (!present.contains(id)) {
                batch.bind(0, type.getKey()).bind(1, phys.getKey()).bind(2, id).bind(3, false).add();
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
      }
    });
  }

  private static boolean inRanges(List<int[]> ranges, int id) {
    for (int[] r : ranges) {
      if (id >= r[0] && id <= r[1]) {
        return true;
      }
    }
    return false;
  }

  /** A segment for a project network, from the first tenant type with a free id. */
  public Segment allocateTenantSegment(Handle h) {
    for (String type : config.tenantNetworkTypes()) {
      if (type.equals(Segment.LOCAL)) {
        return new Segment(Segment.LOCAL, null, null);
      }
      if (type.equals(Segment.FLAT)) {
        continue; // flat networks are provider-only, as in Neutron
      }
      List<Map<String, Object>> free = h.createQuery("SELECT physical_network, segmentation_id "
          + "FROM segment_allocations WHERE network_type = ? AND allocated = ? "
          + "ORDER BY physical_network, segmentation_id LIMIT 64")
          .bind(0, type).bind(1, false).mapToMap().list();
      if (free.isEmpty()) {
        continue;
      }
      Map<String, Object> pick = free.get(ThreadLocalRandom.current().nextInt(free.size()));
      String phys = (String) pick.get("physical_network");
      int id = ((Number) pick.get("segmentation_id")).intValue();
      int updated = h.execute("UPDATE segment_allocations SET allocated = ? WHERE network_type = ? "
          + "AND physical_network = ? AND segmentation_id = ? AND allocated = ?",
          true, type, phys, id, false);
      if (updated == 0) {
        throw new Database.RetryRequest("segment " + type + ":" + id + " taken concurrently");
      }
      return new Segment(type, phys.isEmpty() ? null : phys, id);
    }
    throw Faults.unavailable("NoNetworkAvailable",
        "Unable to create the network. No tenant network is available for allocation.");
  }

  /** Checks a provider segment against its type's rules (neutron's validate_provider_segment). */
  public Segment validateProvider(String type, String physnet, Integer segId) {
    if (!config.typeDrivers().contains(type)) {
      throw Faults.invalidInput("network_type value '" + type + "' not supported");
    }
    switch (type) {
      case Segment.LOCAL -> {
        if (physnet != null) {
          throw Faults.invalidInput("provider:physical_network specified for local network");
        }
        if (segId != null) {
          throw Faults.invalidInput("provider:segmentation_id specified for local network");
        }
      }
      case Segment.FLAT -> {
        if (physnet == null) {
          throw Faults.invalidInput("provider:physical_network required for flat provider network");
        }
        if (segId != null) {
          throw Faults.invalidInput("provider:segmentation_id specified for flat network");
        }
        if (!config.flatNetworks().contains("*") && !config.flatNetworks().contains(physnet)) {
          throw Faults.invalidInput("physical_network '" + physnet + "' unknown for flat provider network");
        }
      }
      case Segment.VLAN -> {
        if (physnet == null) {
          if (config.vlanRanges().isEmpty()) {
            throw Faults.invalidInput("physical_network required for VLAN provider network");
          }
        } else if (!config.vlanRanges().containsKey(physnet)) {
          throw Faults.invalidInput("physical_network '" + physnet + "' unknown for VLAN provider network");
        }
        if (segId != null && (segId < 1 || segId > 4094)) {
          throw Faults.invalidInput("segmentation_id out of range (1 through 4094)");
        }
      }
      default -> {
        if (physnet != null) {
          throw Faults.invalidInput("provider:physical_network specified for " + type + " network");
        }
        int max = type.equals(Segment.VXLAN) || type.equals(Segment.GENEVE) ? (1 << 24) - 1 : Integer.MAX_VALUE;
        if (segId != null && (segId < 1 || segId > max)) {
          throw Faults.invalidInput("segmentation_id out of range (1 through " + max + ")");
        }
      }
    }
    return new Segment(type, physnet, segId);
  }

  /** Reserves a validated provider segment; picks a free id when none was given. */
  public Segment reserveProvider(Handle h, Segment s) {
    switch (s.networkType()) {
      case Segment.LOCAL -> {
        return s;
      }
      case Segment.FLAT -> {
        try {
          h.execute("INSERT INTO segment_allocations (network_type, physical_network, "
              + "segmentation_id, allocated) VALUES (?, ?, ?, ?)", Segment.FLAT, s.physicalNetwork(), 0, true);
        } catch (RuntimeException e) {
          if (Database.isDuplicateKey(e)) {
            throw Faults.conflict("FlatNetworkInUse", "Unable to create the flat network. Physical network "
                + s.physicalNetwork() + " is in use.");
          }
          throw e;
        }
        return s;
      }
      default -> {
        String phys = s.physicalNetwork() == null ? "" : s.physicalNetwork();
        if (s.segmentationId() == null) {
          Segment picked = pickFree(h, s.networkType(), s.physicalNetwork());
          return picked;
        }
        int updated = h.execute("UPDATE segment_allocations SET allocated = ? WHERE network_type = ? "
            + "AND physical_network = ? AND segmentation_id = ? AND allocated = ?",
            true, s.networkType(), phys, s.segmentationId(), false);
        if (updated == 1) {
          return s;
        }
        boolean exists = h.createQuery("SELECT COUNT(*) FROM segment_allocations WHERE network_type = ? "
            + "AND physical_network = ? AND segmentation_id = ?")
            .bind(0, s.networkType()).bind(1, phys).bind(2, s.segmentationId()).mapTo(Integer.class).one() > 0;
        if (!exists) {
          try {
            h.execute("INSERT INTO segment_allocations (network_type, physical_network, "
                + "segmentation_id, allocated) VALUES (?, ?, ?, ?)", s.networkType(), phys, s.segmentationId(), true);
            return s;
          } catch (RuntimeException e) {
            if (!Database.isDuplicateKey(e)) {
              throw e;
            }
          }
        }
        throw inUse(s);
      }
    }
  }

  private Segment pickFree(Handle h, String type, String physnet) {
    var q = h.createQuery("SELECT physical_network, segmentation_id FROM segment_allocations WHERE "
        + "network_type = ? AND allocated = ?" + (physnet == null ? "" : " AND physical_network = ?")
        + " ORDER BY segmentation_id LIMIT 64").bind(0, type).bind(1, false);
    if (physnet != null) {
      q.bind(2, physnet);
    }
    List<Map<String, Object>> free = q.mapToMap().list();
    if (free.isEmpty()) {
      throw Faults.unavailable("NoNetworkAvailable",
          "Unable to create the network. No tenant network is available for allocation.");
    }
    Map<String, Object> pick = free.get(ThreadLocalRandom.current().nextInt(free.size()));
    String phys = (String) pick.get("physical_network");
    int id = ((Number) pick.get("segmentation_id")).intValue();
    if (h.execute("UPDATE segment_allocations SET allocated = ? WHERE network_type = ? AND "
        + "physical_network = ? AND segmentation_id = ? AND allocated = ?", true, type, phys, id, false) == 0) {
      throw new Database.RetryRequest("segment taken concurrently");
    }
    return new Segment(type, phys.isEmpty() ? null : phys, id);
  }

  private static NeutronException inUse(Segment s) {
    if (s.networkType().equals(Segment.VLAN)) {
      return Faults.conflict("VlanIdInUse", "Unable to create the network. The VLAN "
          + s.segmentationId() + " on physical network " + s.physicalNetwork() + " is in use.");
    }
    return Faults.conflict("TunnelIdInUse", "Unable to create the network. The tunnel ID "
        + s.segmentationId() + " is in use.");
  }

  /** Returns a segment's id to the pool (or forgets it when it was outside the ranges). */
  public void release(Handle h, Segment s) {
    if (s.networkType().equals(Segment.LOCAL)) {
      return;
    }
    String phys = s.physicalNetwork() == null ? "" : s.physicalNetwork();
    int id = s.segmentationId() == null ? 0 : s.segmentationId();
    boolean inRange = switch (s.networkType()) {
      case Segment.VLAN -> inRanges(config.vlanRanges().getOrDefault(phys, List.of()), id);
      case Segment.VXLAN -> inRanges(config.vxlanRanges(), id);
      case Segment.GRE -> inRanges(config.greRanges(), id);
      case Segment.GENEVE -> inRanges(config.geneveRanges(), id);
      default -> false;
    };
    if (inRange) {
      h.execute("UPDATE segment_allocations SET allocated = ? WHERE network_type = ? AND "
          + "physical_network = ? AND segmentation_id = ?", false, s.networkType(), phys, id);
    } else {
      h.execute("DELETE FROM segment_allocations WHERE network_type = ? AND physical_network = ? "
          + "AND segmentation_id = ?", s.networkType(), phys, id);
    }
  }

  /** The largest MTU the segments allow (neutron's _get_network_mtu, IPv4 overlay overhead). */
  public int mtu(List<Segment> segments) {
    int best = Integer.MAX_VALUE;
    for (Segment s : segments) {
      int physMtu = config.globalPhysnetMtu();
      if (s.physicalNetwork() != null && config.physnetMtus().containsKey(s.physicalNetwork())) {
        physMtu = Math.min(physMtu, config.physnetMtus().get(s.physicalNetwork()));
      }
      int mtu = switch (s.networkType()) {
        case Segment.VXLAN -> pathMtu() - VXLAN_OVERHEAD - IPV4_HEADER;
        case Segment.GRE -> pathMtu() - GRE_OVERHEAD - IPV4_HEADER;
        case Segment.GENEVE -> pathMtu() - config.geneveMaxHeaderSize() - IPV4_HEADER;
        default -> physMtu;
      };
      best = Math.min(best, mtu);
    }
    return best == Integer.MAX_VALUE ? config.globalPhysnetMtu() : best;
  }

  private int pathMtu() {
    int path = config.pathMtu() > 0 ? config.pathMtu() : config.globalPhysnetMtu();
    return Math.min(path, config.globalPhysnetMtu());
  }

  /** Helper for callers that need a plain map of segments, e.g. the multi-provider view. */
  public static Map<String, Object> asProvider(Segment s) {
    Map<String, Object> m = new HashMap<>();
    m.put("provider:network_type", s.networkType());
    m.put("provider:physical_network", s.physicalNetwork());
    m.put("provider:segmentation_id", s.segmentationId());
    return m;
  }

}
