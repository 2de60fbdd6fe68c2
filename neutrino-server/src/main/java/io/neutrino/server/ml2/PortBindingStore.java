package io.neutrino.server.ml2;

import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.spi.ml2.BindingLevel;
import io.neutrino.lib.spi.ml2.NetworkSegment;
import io.neutrino.lib.spi.ml2.PortBindings;
import io.neutrino.server.db.Batches;
import io.neutrino.server.db.Database;
import io.neutrino.server.db.Json;
import io.neutrino.server.db.Resources;
import io.neutrino.server.db.StatedExtender;
import io.neutrino.server.db.WriteBehind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * {@code ml2_port_bindings} and {@code ml2_port_binding_levels}: the active binding of each port
 * and the levels of it, plus the dict extender that shows them as the port's {@code binding:*}
 * attributes. Every port has one ACTIVE row, written when the port is created.
 */
final class PortBindingStore {
  private static final String ACTIVE = "ACTIVE";
  private static final String COLUMNS = "port_id, host, vnic_type, profile, vif_type, vif_details";
  /** A port's active binding: parameters port id, {@link #ACTIVE}. */
  private static final String ACTIVE_OF_PORT =
      "SELECT " + COLUMNS + " FROM ml2_port_bindings WHERE port_id = ? AND status = ?";
  /** The levels of a port's active binding: parameters port id, {@link #ACTIVE}. */
  private static final String LEVELS_OF_PORT = "SELECT l.level, l.driver, l.segment_id FROM ml2_port_binding_levels l "
      + "JOIN ml2_port_bindings b ON b.port_id = l.port_id AND b.host = l.host "
      + "WHERE l.port_id = ? AND b.status = ? ORDER BY l.level";

  void insert(Handle h, String portId, Binding b) {
    WriteBehind.write(h, WriteBehind.OnFailure.NONE,
        "INSERT INTO ml2_port_bindings (" + COLUMNS + ", status) VALUES (?, ?, ?, ?, ?, ?, ?)", portId, b.host(), b.vnicType(), Json.write(b.profile()), b.vifType(), Json.write(b.vifDetails()), ACTIVE);
  }

  /** The port's active binding, locked until the transaction ends when {@code lock}. */
  Optional<Binding> find(Handle h, String portId, boolean lock) {
    return h.createQuery(ACTIVE_OF_PORT + (lock ? " FOR UPDATE" : ""))
        .bind(0, portId).bind(1, ACTIVE).map((rs, c) -> binding(rs)).findFirst();
  }

  Map<String, Binding> findAll(Handle h, List<Object> portIds) {
    Map<String, Binding> out = new HashMap<>();
    StatedExtender.run(h, findAll(portIds, out::putAll));
    return out;
  }

  /** {@link #findAll} stated, for a list to send with its page's other reads. */
  private static Callbacks.PageRead findAll(List<Object> portIds, Consumer<Map<String, Binding>> show) {
    return Batches.stated("SELECT " + COLUMNS + " FROM ml2_port_bindings WHERE status = ? AND", List.of(ACTIVE),
            "port_id", portIds, null, rs -> Map.entry(rs.getString(1), binding(rs)), Map.Entry::getKey)
        .applying((rows, h) -> {
          Map<String, Binding> out = new HashMap<>();
          rows.forEach(e -> out.put(e.getKey(), e.getValue()));
          show.accept(out);
        });
  }

  /** A row of {@link #COLUMNS}, read by position (a list reads one per port). */
  @SuppressWarnings("unchecked")
  private static Binding binding(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Binding(rs.getString(2), rs.getString(3), (Map<String, Object>) Json.read(rs.getString(4)),
        rs.getString(5), (Map<String, Object>) Json.read(rs.getString(6)));
  }

  void update(Handle h, String portId, Binding b) {
    h.execute("UPDATE ml2_port_bindings SET host = ?, vnic_type = ?, profile = ?, vif_type = ?, vif_details = ? "
        + "WHERE port_id = ? AND status = ?", b.host(), b.vnicType(), Json.write(b.profile()), b.vifType(),
        Json.write(b.vifDetails()), portId, ACTIVE);
  }

  List<BindingLevel> levels(Handle h, String portId) {
    return h.createQuery(LEVELS_OF_PORT)
        .bind(0, portId).bind(1, ACTIVE)
        .map((rs, c) -> level(rs)).list();
  }

  /** A port's active binding (or none) and its levels. */
  record Bound(Optional<Binding> binding, List<BindingLevel> levels) {}

  /**
   * {@link #find} and {@link #levels} in one round trip to a database server; the levels are read
   * after the binding, so they are the locked binding's when {@code lock}.
   */
  @SuppressWarnings("unchecked")
  Bound findWithLevels(Database db, Handle h, String portId, boolean lock) {
    List<List<?>> rows = db.selectTogether(h, List.of(
        Callbacks.SideRead.placedByCaller(ACTIVE_OF_PORT + (lock ? " FOR UPDATE" : ""), List.of(portId, ACTIVE),
            PortBindingStore::binding),
        Callbacks.SideRead.placedByCaller(LEVELS_OF_PORT, List.of(portId, ACTIVE), PortBindingStore::level)));
    List<Binding> found = (List<Binding>) rows.get(0);
    return new Bound(found.stream().findFirst(), (List<BindingLevel>) rows.get(1));
  }

  private static BindingLevel level(ResultSet rs) throws SQLException {
    return new BindingLevel(rs.getInt(1), rs.getString(2), rs.getString(3));
  }

  void setLevels(Handle h, String portId, String host, List<BindingLevel> levels) {
    h.execute("DELETE FROM ml2_port_binding_levels WHERE port_id = ?", portId);
    for (BindingLevel l : levels) {
      h.execute("INSERT INTO ml2_port_binding_levels (port_id, host, level, driver, segment_id) VALUES (?, ?, ?, ?, ?)",
          portId, host, l.level(), l.driver(), l.segmentId());
    }
  }

  /** The ports whose binding has a level on the segment (a segment so used cannot be deleted). */
  List<String> portsBoundTo(Handle h, String segmentId) {
    return h.createQuery("SELECT DISTINCT port_id FROM ml2_port_binding_levels WHERE segment_id = ? ORDER BY port_id")
        .bind(0, segmentId).mapTo(String.class).list();
  }

  /** The segments of a network in order: its own ({@code dynamic} false) or the dynamic ones. */
  static List<NetworkSegment> segments(Handle h, String networkId, boolean dynamic) {
    return Database.select(h, segmentsRead(networkId, dynamic));
  }

  /** {@link #segments} stated as a read, to be sent with others ({@link Database#selectTogether}). */
  static Callbacks.SideRead<NetworkSegment> segmentsRead(String networkId, boolean dynamic) {
    return Callbacks.SideRead.placedByCaller("SELECT id, network_id, network_type, physical_network, "
        + "segmentation_id FROM network_segments WHERE network_id = ? AND is_dynamic = ? ORDER BY segment_index",
        List.of(networkId, dynamic), PortBindingStore::segment);
  }

  /** The network's own segments in order, as drivers see them (neither dynamic ones). */
  static List<NetworkSegment> segments(Handle h, String networkId) {
    return segments(h, networkId, false);
  }

  /** A row of id, network_id, network_type, physical_network, segmentation_id. */
  static NetworkSegment segment(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new NetworkSegment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
        rs.getObject(5) == null ? null : rs.getInt(5));
  }

  /**
   * The dict extender: binding attributes on every port shown ("unbound" for a port without a
   * row). A port just created carries them already: ML2's PRECOMMIT_CREATE put the binding it
   * wrote on the port ({@link Ml2Drivers#portCreated}).
   */
  Callbacks.DictExtender extender() {
    return Callbacks.DictExtender.copyingWritten(Binding.ATTRIBUTES,
        StatedExtender.stating(PortBindingStore::extend, portId -> new Callbacks.SideRead<>(
            ACTIVE_OF_PORT, List.of(portId, ACTIVE), PortBindingStore::binding,
            (port, found) -> (found.isEmpty() ? UNBOUND : found.get(0)).putAttributes(port))));
  }

  /** What a port without an active binding shows. */
  private static final Binding UNBOUND = Binding.unbound("", PortBindings.VNIC_NORMAL, Map.of());

  private static Callbacks.PageRead extend(List<Map<String, Object>> ports) {
    return findAll(Resources.ids(ports), all -> {
      for (Map<String, Object> p : ports) {
        all.getOrDefault((String) p.get("id"), UNBOUND).putAttributes(p);
      }
    });
  }
}
