package io.neutrino.server.segments;

import io.neutrino.lib.ids.Uuids;
import static io.neutrino.server.db.Column.Kind.INT;
import static io.neutrino.server.db.Column.Kind.STRING;

import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.events.Event;
import io.neutrino.lib.events.ResourceEvent;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.ListQuery;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.server.db.Column;
import io.neutrino.server.db.Database;
import io.neutrino.server.db.Resources;
import io.neutrino.server.db.Table;
import io.neutrino.server.db.Where;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * segments (neutron/services/segments/db.py): a segment is a row of {@code network_segments},
 * the table the core plugin keeps every network's segments in; a new one goes last in its
 * network's order. The segment's type driver reserves its id (PRECOMMIT_CREATE, completing a
 * partial segment) and releases it (PRECOMMIT_DELETE). A segment with subnets cannot be deleted.
 */
final class SegmentResource implements ResourceHandler {
  static final Table SEGMENTS = new Table("network_segments", List.of(
      Column.of("id", STRING),
      Column.of("network_id", STRING),
      Column.of("network_type", STRING),
      Column.of("physical_network", STRING),
      Column.of("segmentation_id", INT),
      Column.of("segment_index", INT),
      Column.of("name", STRING),
      Column.of("description", STRING)));

  private final Database db;
  private final Callbacks callbacks;

  SegmentResource(Database db, Callbacks callbacks) {
    this.db = db;
    this.callbacks = callbacks;
  }

  static NeutronException notFound(String id) {
    return Faults.notFound("Segment", id);
  }

  @Override
  public Map<String, Object> create(RequestContext ctx, Map<String, Object> res) {
    String id = Uuids.randomString();
    db.txVoid(h -> {
      String networkId = (String) res.get("network_id");
      // Lock the network: segments of one network are numbered one after the other.
      if (h.createQuery("SELECT id FROM networks WHERE id = ? FOR UPDATE").bind(0, networkId)
          .mapTo(String.class).findFirst().isEmpty()) {
        throw Faults.notFound("Network", networkId);
      }
      int index = h.createQuery("SELECT COALESCE(MAX(segment_index) + 1, 0) FROM network_segments WHERE network_id = ?")
          .bind(0, networkId).mapTo(Integer.class).one();
      Map<String, Object> segment = new LinkedHashMap<>();
      segment.put("id", id);
      segment.put("network_id", networkId);
      segment.put("network_type", res.get("network_type"));
      segment.put("physical_network", res.get("physical_network"));
      segment.put("segmentation_id", res.get("segmentation_id"));
      segment.put("segment_index", index);
      segment.put("name", res.get("name"));
      segment.put("description", res.get("description"));
      // The core plugin validates and reserves; it may fill the segmentation id in.
      callbacks.publish(new ResourceEvent("segment", Event.PRECOMMIT_CREATE, ctx, id, null, segment, res, h));
      SEGMENTS.insert(h, segment);
    });
    Map<String, Object> created = get(ctx, id);
    callbacks.publish(new ResourceEvent("segment", Event.AFTER_CREATE, ctx, id, null, created, res, null));
    return created;
  }

  @Override
  public Map<String, Object> get(RequestContext ctx, String id) {
    return db.read(h -> SEGMENTS.find(h, id).map(SegmentResource::shown).orElseThrow(() -> notFound(id)));
  }

  @Override
  public List<Map<String, Object>> list(RequestContext ctx, ListQuery q) {
    return db.read(h -> Resources.list(h, SEGMENTS, q, new Where(), Set.of(),
        rows -> {
          rows.forEach(SegmentResource::shown);
          return rows;
        }));
  }

  private static Map<String, Object> shown(Map<String, Object> row) {
    row.remove("segment_index");
    return row;
  }

  @Override
  public Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes) {
    db.txVoid(h -> {
      SEGMENTS.findForUpdate(h, id).orElseThrow(() -> notFound(id));
      SEGMENTS.updateColumns(h, id, changes);
    });
    return get(ctx, id);
  }

  @Override
  public void delete(RequestContext ctx, String id) {
    Map<String, Object> segment = get(ctx, id);
    db.txVoid(h -> {
      SEGMENTS.findForUpdate(h, id).orElseThrow(() -> notFound(id));
      List<String> subnets = h.createQuery("SELECT id FROM subnets WHERE segment_id = ? ORDER BY id")
          .bind(0, id).mapTo(String.class).list();
      if (!subnets.isEmpty()) {
        throw inUse(id, "The segment is still associated with subnet(s) " + String.join(", ", subnets));
      }
      callbacks.publish(new ResourceEvent("segment", Event.PRECOMMIT_DELETE, ctx, id, segment, null, null, h));
      SEGMENTS.delete(h, id);
    });
    callbacks.publish(new ResourceEvent("segment", Event.AFTER_DELETE, ctx, id, segment, null, null, null));
  }

  /** SegmentInUse (409), as the segments plugin and ML2 raise it. */
  static NeutronException inUse(String id, String reason) {
    return Faults.conflict("SegmentInUse", "Segment '" + id + "' cannot be deleted: " + reason + ".");
  }
}
