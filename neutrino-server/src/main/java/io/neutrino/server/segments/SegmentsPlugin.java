package io.neutrino.server.segments;

import io.neutrino.lib.apidef.ExtensionDef;
import io.neutrino.lib.apidef.Segment;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.events.Event;
import io.neutrino.lib.events.ResourceEvent;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.Plugin;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.server.db.Batches;
import io.neutrino.server.db.Resources;
import io.neutrino.server.db.StatedExtender;
import io.neutrino.server.db.Database;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The segments service plugin (neutron/services/segments/plugin.py): the {@code segments}
 * collection, and the routed-network rules for subnets' {@code segment_id}: the segment must be
 * one of the subnet's network, and the subnets of a network are all on segments or none is.
 * Segment ids are reserved and released by the core plugin's type drivers through the segment
 * PRECOMMIT events, as ML2 does it.
 */
public final class SegmentsPlugin implements Plugin {
  private final Map<String, ResourceHandler> handlers;

  public SegmentsPlugin(Database db, Callbacks callbacks) {
    this.handlers = Map.of(Segment.COLLECTION, new SegmentResource(db, callbacks));
    callbacks.subscribe("subnet", Event.PRECOMMIT_CREATE, this::subnetCreated);
    callbacks.subscribe("subnet", Event.PRECOMMIT_UPDATE, this::subnetUpdated);
    // A network's subnets are created after it: in its own create it is L2 adjacent.
    callbacks.extendDicts("network", Callbacks.DictExtender.knownWhenCreated(StatedExtender.of(SegmentsPlugin::l2Adjacency),
        n -> n.put("l2_adjacency", true)));
  }

  /**
   * l2_adjacency as the segments plugin shows it (_extend_network_dict_binding): a network is L2
   * adjacent unless its subnets are on segments (a routed network).
   */
  private static Callbacks.PageRead l2Adjacency(List<Map<String, Object>> networks) {
    return Batches.stated("SELECT DISTINCT network_id FROM subnets WHERE segment_id IS NOT NULL AND", List.of(),
        "network_id", Resources.ids(networks), null, rs -> rs.getString(1), id -> id).applying((rows, h) -> {
          Set<String> routed = new HashSet<>(rows);
          for (Map<String, Object> n : networks) {
            n.put("l2_adjacency", !routed.contains(n.get("id")));
          }
        });
  }

  @Override
  public Map<String, ResourceHandler> handlers() {
    return handlers;
  }

  @Override
  public List<ExtensionDef> supportedExtensions() {
    return List.of(Segment.extension());
  }

  /** _validate_segment of a new subnet. */
  private void subnetCreated(ResourceEvent e) {
    Handle h = (Handle) e.transaction();
    String networkId = (String) e.latest().get("network_id");
    String segmentId = (String) e.latest().get("segment_id");
    if (segmentId != null) {
      checkSegmentOfNetwork(h, segmentId, networkId);
    }
    // Either all of a network's subnets are on segments or none is: a subnet without one
    // conflicts with those on one, and the other way round.
    String conflicting = segmentId == null ? "segment_id IS NOT NULL" : "segment_id IS NULL";
    if (count(h, "SELECT COUNT(*) FROM subnets WHERE network_id = ? AND id <> ? AND " + conflicting,
        networkId, e.resourceId()) > 0) {
      throw notAllAssociated(networkId);
    }
  }

  /** A subnet may be put on a segment once, and only on a network of one segment. */
  private void subnetUpdated(ResourceEvent e) {
    if (e.request() == null || !e.request().containsKey("segment_id")) {
      return;
    }
    String wanted = (String) e.request().get("segment_id");
    String was = (String) e.original().get("segment_id");
    if (Objects.equals(wanted, was)) {
      return;
    }
    if (was != null) {
      throw new NeutronException("SubnetSegmentAssociationChangeNotAllowed", 400,
          "A subnet that is already associated with a segment cannot have its segment association changed.");
    }
    Handle h = (Handle) e.transaction();
    String networkId = (String) e.original().get("network_id");
    if (count(h, "SELECT COUNT(*) FROM network_segments WHERE network_id = ?", networkId) > 1) {
      throw new NeutronException("NoUpdateSubnetWhenMultipleSegmentsOnNetwork", 400, "The network '"
          + networkId + "' has multiple segments, it is only possible to associate an existing subnet with "
          + "a segment on networks with a single segment.");
    }
    checkSegmentOfNetwork(h, wanted, networkId);
  }

  private static void checkSegmentOfNetwork(Handle h, String segmentId, String networkId) {
    String segmentNetwork = h.createQuery("SELECT network_id FROM network_segments WHERE id = ?")
        .bind(0, segmentId).mapTo(String.class).findFirst()
        .orElseThrow(() -> SegmentResource.notFound(segmentId));
    if (!segmentNetwork.equals(networkId)) {
      throw new NeutronException("NetworkIdsDontMatch", 400, "The subnet's network id, '" + networkId
          + "', doesn't match the network_id of segment '" + segmentId + "'");
    }
  }

  private static NeutronException notAllAssociated(String networkId) {
    return new NeutronException("SubnetsNotAllAssociatedWithSegments", 400, "All of the subnets on network '"
        + networkId + "' must either all be associated with segments or all not associated with any segment.");
  }

  private static int count(Handle h, String sql, Object... args) {
    var q = h.createQuery(sql);
    for (int i = 0; i < args.length; i++) {
      q.bind(i, args[i]);
    }
    return q.mapTo(Integer.class).one();
  }
}
