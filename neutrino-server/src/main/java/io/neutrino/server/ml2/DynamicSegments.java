package io.neutrino.server.ml2;

import io.neutrino.lib.ids.Uuids;
import io.neutrino.lib.spi.ml2.NetworkSegment;
import io.neutrino.lib.spi.ml2.ProviderSegment;
import io.neutrino.server.db.Database;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dynamic segments (TypeManager.allocate_dynamic_segment / release_dynamic_segment): segments a
 * mechanism driver adds to a network while binding a port hierarchically, e.g. the vlan a
 * top-of-rack switch uses below a vxlan network. They are rows of {@code network_segments} with
 * {@code is_dynamic}, their ids reserved through their type driver; the network's provider
 * attributes and the drivers' network segments leave them out. Each runs in its own transaction,
 * as binding runs outside one.
 */
final class DynamicSegments {
  private static final Logger LOG = LoggerFactory.getLogger(DynamicSegments.class);
  private static final String COLUMNS = "id, network_id, network_type, physical_network, segmentation_id";

  private final Database db;
  private final TypeManager types;

  DynamicSegments(Database db, TypeManager types) {
    this.db = db;
    this.types = types;
  }

  /**
   * The network's dynamic segment on {@code wanted}'s physical network (and id, when given): the
   * one there is, else a new one reserved by its type driver (an id picked when none is given).
   */
  NetworkSegment allocate(String networkId, ProviderSegment wanted) {
    return db.tx(h -> existing(h, networkId, wanted).orElseGet(() -> {
      ProviderSegment reserved = types.reserveProvider(h, types.validateProvider(wanted));
      int index = h.createQuery("SELECT COALESCE(MAX(segment_index) + 1, 0) FROM network_segments "
          + "WHERE network_id = ?").bind(0, networkId).mapTo(Integer.class).one();
      String id = Uuids.randomString();
      h.execute("INSERT INTO network_segments (id, network_id, network_type, physical_network, segmentation_id, "
          + "segment_index, is_dynamic) VALUES (?, ?, ?, ?, ?, ?, ?)", id, networkId, reserved.networkType(),
          reserved.physicalNetwork(), reserved.segmentationId(), index, true);
      return new NetworkSegment(id, networkId, reserved.networkType(), reserved.physicalNetwork(),
          reserved.segmentationId());
    }));
  }

  /** segments_db.get_dynamic_segment: matched on physical network and, when given, id. */
  private static Optional<NetworkSegment> existing(Handle h, String networkId, ProviderSegment wanted) {
    var q = h.createQuery("SELECT " + COLUMNS + " FROM network_segments WHERE network_id = ? AND is_dynamic = ? AND "
        + (wanted.physicalNetwork() == null ? "physical_network IS NULL" : "physical_network = ?")
        + (wanted.segmentationId() == null ? "" : " AND segmentation_id = ?") + " ORDER BY segment_index")
        .bind(0, networkId).bind(1, true);
    int next = 2;
    if (wanted.physicalNetwork() != null) {
      q.bind(next++, wanted.physicalNetwork());
    }
    if (wanted.segmentationId() != null) {
      q.bind(next, wanted.segmentationId());
    }
    return q.map((rs, c) -> PortBindingStore.segment(rs)).findFirst();
  }

  /**
   * Deletes a dynamic segment and gives its id back to its type. One a port is still bound to is
   * kept (its binding level refers to it), as is a segment that is not dynamic.
   */
  void release(String segmentId) {
    db.txVoid(h -> {
      Optional<NetworkSegment> found = h.createQuery("SELECT " + COLUMNS + " FROM network_segments WHERE id = ? "
          + "AND is_dynamic = ? FOR UPDATE").bind(0, segmentId).bind(1, true)
          .map((rs, c) -> PortBindingStore.segment(rs)).findFirst();
      if (found.isEmpty()) {
        LOG.debug("No dynamic segment with id {}", segmentId);
        return;
      }
      int bound = h.createQuery("SELECT COUNT(*) FROM ml2_port_binding_levels WHERE segment_id = ?")
          .bind(0, segmentId).mapTo(Integer.class).one();
      if (bound > 0) {
        LOG.debug("Dynamic segment {} still has ports bound to it; kept", segmentId);
        return;
      }
      NetworkSegment s = found.get();
      types.release(h, s.provider());
      h.execute("DELETE FROM network_segments WHERE id = ?", segmentId);
    });
  }
}
