package io.neutrino.server.ml2;

import io.neutrino.lib.events.ResourceEvent;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.spi.ml2.BindingLevel;
import io.neutrino.lib.spi.ml2.NetworkSegment;
import io.neutrino.lib.spi.ml2.PortBindings;
import io.neutrino.server.core.CoreTables;
import io.neutrino.server.core.ResourceDrivers;
import io.neutrino.server.db.Database;
import io.neutrino.server.db.Resources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ML2's part of every network, subnet and port change (neutron/plugins/ml2/plugin.py): the
 * mechanism drivers' precommit and postcommit, and for ports the binding attributes (stored in
 * {@code ml2_port_bindings}), unbinding when host, vnic type or profile change, and binding after
 * the commit.
 */
final class Ml2Drivers implements ResourceDrivers {
  private static final Logger LOG = LoggerFactory.getLogger(Ml2Drivers.class);
  private static final String PORT_CONTEXT = "ml2.port";
  private static final String NETWORK_CONTEXT = "ml2.network";
  private static final String SUBNET_CONTEXT = "ml2.subnet";

  private final Database db;
  private final MechanismManager mechanisms;
  private final PortBindingStore bindings;
  private final Ml2PortContext.Services agents;
  private final ProvisioningBlocks blocks;

  Ml2Drivers(Database db, MechanismManager mechanisms, PortBindingStore bindings, Ml2PortContext.Services agents,
      ProvisioningBlocks blocks) {
    this.db = db;
    this.mechanisms = mechanisms;
    this.bindings = bindings;
    this.agents = agents;
    this.blocks = blocks;
  }

  @Override
  public boolean wants(String resource) {
    return resource.equals("port") || !mechanisms.isEmpty();
  }

  @Override
  public Set<String> vifTypesAllowingSegmentationIdUpdate() {
    Set<String> allowed = new LinkedHashSet<>(List.of(PortBindings.VIF_TYPE_UNBOUND, PortBindings.VIF_TYPE_BINDING_FAILED));
    allowed.addAll(mechanisms.vifTypesFollowingSegmentationIdUpdates());
    return allowed;
  }

  @Override
  public void precommit(Change c, Handle h) {
    switch (c.resource()) {
      case "network" -> networkPrecommit(c, h);
      case "subnet" -> subnetPrecommit(c, h);
      case "port" -> portPrecommit(c, h);
      default -> { }
    }
  }

  @Override
  public void postcommit(Change c) {
    switch (c.resource()) {
      case "network" -> networkPostcommit(c);
      case "subnet" -> subnetPostcommit(c);
      case "port" -> portPostcommit(c);
      default -> { }
    }
  }

  // ---------------------------------------------------------------- networks

  private void networkPrecommit(Change c, Handle h) {
    if (mechanisms.isEmpty()) {
      return;
    }
    Ml2NetworkContext n = new Ml2NetworkContext(c.current(), c.original(), networkSegments(c, h));
    c.state().put(NETWORK_CONTEXT, n);
    switch (c.op()) {
      case CREATE -> mechanisms.precommit("create_network_precommit", d -> d.createNetworkPrecommit(n));
      case UPDATE -> mechanisms.precommit("update_network_precommit", d -> d.updateNetworkPrecommit(n));
      case DELETE -> mechanisms.precommit("delete_network_precommit", d -> d.deleteNetworkPrecommit(n));
    }
  }

  /** The network's own segments: as its create wrote them, else as stored. */
  @SuppressWarnings("unchecked")
  private static List<NetworkSegment> networkSegments(Change c, Handle h) {
    if (c.op() == ResourceDrivers.Op.CREATE && c.state().get(WRITTEN_SEGMENTS) instanceof List<?> written) {
      return (List<NetworkSegment>) written;
    }
    return PortBindingStore.segments(h, c.id());
  }

  private void networkPostcommit(Change c) {
    Ml2NetworkContext n = (Ml2NetworkContext) c.state().get(NETWORK_CONTEXT);
    if (n == null) {
      return;
    }
    switch (c.op()) {
      case CREATE -> mechanisms.postcommit("create_network_postcommit", d -> d.createNetworkPostcommit(n));
      case UPDATE -> mechanisms.postcommit("update_network_postcommit", d -> d.updateNetworkPostcommit(n));
      case DELETE -> logged(() -> mechanisms.postcommit("delete_network_postcommit", d -> d.deleteNetworkPostcommit(n)));
    }
  }

  /**
   * A segment added to or removed from a network through the segments API changes the network for
   * the drivers (Neutron's _notify_mechanism_driver_for_segment_change): update_network_precommit
   * in the segment's transaction, the network shown with its segments as they will be.
   * {@code added} is the new segment (not stored yet), {@code removedId} the one going, else null.
   */
  void segmentPrecommit(Handle h, String networkId, NetworkSegment added, String removedId) {
    if (mechanisms.isEmpty()) {
      return;
    }
    Ml2NetworkContext was = network(h, networkId);
    List<NetworkSegment> segments = new ArrayList<>(was.networkSegments());
    if (added != null) {
      segments.add(added);
    }
    segments.removeIf(s -> s.id().equals(removedId));
    Ml2NetworkContext n = new Ml2NetworkContext(was.current(), was.current(), segments);
    mechanisms.precommit("update_network_precommit", d -> d.updateNetworkPrecommit(n));
  }

  /** After the segment's commit: update_network_postcommit on the network as stored (failures logged). */
  void segmentPostcommit(String networkId) {
    if (mechanisms.isEmpty()) {
      return;
    }
    Ml2NetworkContext n = db.read(h -> network(h, networkId));
    Ml2NetworkContext same = new Ml2NetworkContext(n.current(), n.current(), n.networkSegments());
    logged(() -> mechanisms.postcommit("update_network_postcommit", d -> d.updateNetworkPostcommit(same)));
  }

  // ---------------------------------------------------------------- subnets

  private void subnetPrecommit(Change c, Handle h) {
    if (mechanisms.isEmpty()) {
      return;
    }
    Ml2SubnetContext s = new Ml2SubnetContext(c.current(), c.original(),
        network(h, (String) c.current().get("network_id")));
    c.state().put(SUBNET_CONTEXT, s);
    switch (c.op()) {
      case CREATE -> mechanisms.precommit("create_subnet_precommit", d -> d.createSubnetPrecommit(s));
      case UPDATE -> mechanisms.precommit("update_subnet_precommit", d -> d.updateSubnetPrecommit(s));
      case DELETE -> mechanisms.precommit("delete_subnet_precommit", d -> d.deleteSubnetPrecommit(s));
    }
  }

  private void subnetPostcommit(Change c) {
    Ml2SubnetContext s = (Ml2SubnetContext) c.state().get(SUBNET_CONTEXT);
    if (s == null) {
      return;
    }
    switch (c.op()) {
      case CREATE -> mechanisms.postcommit("create_subnet_postcommit", d -> d.createSubnetPostcommit(s));
      case UPDATE -> mechanisms.postcommit("update_subnet_postcommit", d -> d.updateSubnetPostcommit(s));
      case DELETE -> logged(() -> mechanisms.postcommit("delete_subnet_postcommit", d -> d.deleteSubnetPostcommit(s)));
    }
  }

  /**
   * The network a port or subnet is on, as drivers see it (its row and its segments): three reads,
   * sent together.
   */
  @SuppressWarnings("unchecked")
  Ml2NetworkContext network(Handle h, String networkId) {
    List<List<?>> read = db.selectTogether(h, List.of(CoreTables.NETWORKS.findRead(networkId),
        PortBindingStore.segmentsRead(networkId, false), PortBindingStore.segmentsRead(networkId, true)));
    Map<String, Object> row = read.get(0).isEmpty() ? Map.of("id", networkId)
        : Resources.standardAttributes((Map<String, Object>) read.get(0).get(0));
    return new Ml2NetworkContext(row, null, (List<NetworkSegment>) read.get(1), (List<NetworkSegment>) read.get(2));
  }

  // ---------------------------------------------------------------- ports

  /**
   * PRECOMMIT_CREATE of a port: its binding row is written with the port, as ML2's _create_port_db
   * does, so that every view of the new port (the drivers' first) shows its binding attributes and
   * what extensions derive from them.
   */
  void portCreated(ResourceEvent e) {
    Binding binding = requested(e.request());
    bindings.insert((Handle) e.transaction(), e.resourceId(), binding);
    // The port as written now shows it: its view is built without reading it back.
    binding.putAttributes(e.latest());
  }

  private static Binding requested(Map<String, Object> request) {
    Map<String, Object> r = request == null ? Map.of() : request;
    return Binding.unbound(Objects.requireNonNullElse((String) r.get("binding:host_id"), ""),
        (String) r.getOrDefault("binding:vnic_type", PortBindings.VNIC_NORMAL), profile(r.get("binding:profile")));
  }

  private void portPrecommit(Change c, Handle h) {
    Map<String, Object> request = c.request() == null ? Map.of() : c.request();
    Ml2PortContext port;
    switch (c.op()) {
      case CREATE -> {
        Binding b = requested(request);
        blocks.portWritten(h, c.current(), null, b.host(), null);
        if (mechanisms.isEmpty() && !b.needsBinding()) {
          return; // nobody to tell, nothing to bind: no context (it costs the network's reads)
        }
        port = context(h, c, b, List.of(), null, List.of());
        mechanisms.precommit("create_port_precommit", d -> d.createPortPrecommit(port));
      }
      case UPDATE -> {
        PortBindingStore.Bound bound = bindings.findWithLevels(db, h, c.id(), true);
        Binding was = bound.binding().orElseGet(() -> Binding.unbound("", PortBindings.VNIC_NORMAL, Map.of()));
        List<BindingLevel> wasLevels = bound.levels();
        checkMacChange(c, was);
        Binding wanted = new Binding(
            request.containsKey("binding:host_id") ? Objects.requireNonNullElse((String) request.get("binding:host_id"), "") : was.host(),
            request.containsKey("binding:vnic_type") ? (String) request.get("binding:vnic_type") : was.vnicType(),
            request.containsKey("binding:profile") ? profile(request.get("binding:profile")) : was.profile(),
            was.vifType(), was.vifDetails());
        Binding now = was;
        List<BindingLevel> levels = wasLevels;
        if (!wanted.sameRequest(was)) {
          // New inputs: the old binding no longer holds; the port is down until bound again.
          now = Binding.unbound(wanted.host(), wanted.vnicType(), wanted.profile());
          levels = List.of();
          bindings.update(h, c.id(), now);
          bindings.setLevels(h, c.id(), now.host(), List.of());
          // The port's update in this transaction bumped its revision already: one per
          // transaction, as Neutron's revision plugin counts.
          CoreTables.PORTS.updateColumns(h, c.id(), Map.of("status", "DOWN"));
          c.current().put("status", "DOWN");
        }
        c.current().putAll(now.attributes());
        blocks.portWritten(h, c.current(), c.original(), now.host(), was.host());
        port = context(h, c, now, levels, was, wasLevels);
        mechanisms.precommit("update_port_precommit", d -> d.updatePortPrecommit(port));
      }
      case DELETE -> {
        if (mechanisms.isEmpty()) {
          return;
        }
        PortBindingStore.Bound bound = bindings.findWithLevels(db, h, c.id(), false);
        Binding was = bound.binding().orElseGet(() -> Binding.unbound("", PortBindings.VNIC_NORMAL, Map.of()));
        port = context(h, c, was, bound.levels(), null, List.of());
        mechanisms.precommit("delete_port_precommit", d -> d.deletePortPrecommit(port));
      }
      default -> throw new IllegalStateException(c.op().name());
    }
    c.state().put(PORT_CONTEXT, port);
  }

  private Ml2PortContext context(Handle h, Change c, Binding b, List<BindingLevel> levels,
      Binding original, List<BindingLevel> originalLevels) {
    return new Ml2PortContext(c.current(), c.original(), lazyNetwork(h, (String) c.current().get("network_id")),
        b, levels, original, originalLevels, agents);
  }

  /**
   * The network of a port being changed, read only if a driver or the binding asks for it (its row
   * and segments, one round trip): in the change's transaction while that is open, else afterwards
   * in a read of its own (a postcommit driver, or binding the port after the commit).
   */
  private Supplier<Ml2NetworkContext> lazyNetwork(Handle h, String networkId) {
    return () -> !h.isClosed() && h.isInTransaction() ? network(h, networkId)
        : db.read(r -> network(r, networkId));
  }

  /** The MAC of a bound port cannot change (PortBound), as Neutron's _check_mac_update_allowed. */
  private static void checkMacChange(Change c, Binding was) {
    Object newMac = c.request() == null ? null : c.request().get("mac_address");
    if (newMac != null && c.original() != null && !newMac.equals(c.original().get("mac_address"))
        && !PortBindings.UNPLUGGED_VIF_TYPES.contains(was.vifType())) {
      throw Faults.conflict("PortBound", "Unable to complete operation on port " + c.id()
          + ", port is already bound, port type: " + was.vifType() + ", old_mac "
          + c.original().get("mac_address") + ", new_mac " + newMac + ".");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> profile(Object given) {
    return given instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : Map.of();
  }

  private void portPostcommit(Change c) {
    Ml2PortContext port = (Ml2PortContext) c.state().get(PORT_CONTEXT);
    if (port == null) {
      return;
    }
    switch (c.op()) {
      case CREATE -> {
        mechanisms.postcommit("create_port_postcommit", d -> d.createPortPostcommit(port));
        showBinding(c, port);
      }
      case UPDATE -> {
        logged(() -> mechanisms.postcommit("update_port_postcommit", d -> d.updatePortPostcommit(port)));
        showBinding(c, port);
      }
      case DELETE -> logged(() -> mechanisms.postcommit("delete_port_postcommit", d -> d.deletePortPostcommit(port)));
    }
  }

  /** Binds the port if it needs it; a binding committed now is what the change shows. */
  private void showBinding(Change c, Ml2PortContext port) {
    Ml2PortContext after = bindIfNeeded(port);
    if (after != port) {
      c.current().putAll(after.current());
    }
  }

  private static void logged(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.error("{}; the change stays", e.getMessage());
    }
  }

  /**
   * Binds the port when a host is set and it is not bound (_bind_port_if_needed): the drivers are
   * asked outside any transaction, then the result is committed only if nobody bound the port or
   * changed its binding inputs meanwhile, with the drivers' update_port pre/postcommit around it.
   * Returns the port context after the attempt.
   */
  Ml2PortContext bindIfNeeded(Ml2PortContext port) {
    if (!port.binding().needsBinding() || port.network().networkSegments().isEmpty()) {
      return port;
    }
    Binding asked = port.binding();
    Map<String, Object> attemptView = new LinkedHashMap<>(port.current());
    attemptView.putAll(asked.withResult(PortBindings.VIF_TYPE_UNBOUND, Map.of()).attributes());
    Ml2PortContext attempt = new Ml2PortContext(attemptView, port.original(), port.network(), asked,
        List.of(), port.binding(), port.bindingLevels(), agents);
    mechanisms.bindPort(attempt);
    Ml2NetworkContext network = port.network().withDynamic(attempt.allocatedDynamicSegments());
    Ml2PortContext committed = db.tx(h -> {
      Binding now = bindings.find(h, port.id(), true).orElse(null);
      if (now == null) {
        return null; // deleted meanwhile
      }
      if (!PortBindings.UNPLUGGED_VIF_TYPES.contains(now.vifType()) || !now.sameRequest(asked)) {
        LOG.warn("Concurrent port binding operations failed on port {}", port.id());
        return null;
      }
      Binding result = attempt.binding();
      bindings.update(h, port.id(), result);
      bindings.setLevels(h, port.id(), result.host(), attempt.bindingLevels());
      Map<String, Object> current = new LinkedHashMap<>(port.current());
      current.putAll(result.attributes());
      if (!attempt.bindingLevels().isEmpty() && attempt.newStatus() != null) {
        CoreTables.PORTS.update(h, port.id(), Map.of("status", attempt.newStatus()), Resources.now());
        current.put("status", attempt.newStatus());
        // A create or update answers this view: it carries the revision the status change made.
        CoreTables.PORTS.find(h, port.id()).map(Resources::standardAttributes).ifPresent(row -> {
          current.put("revision_number", row.get("revision_number"));
          current.put("updated_at", row.get("updated_at"));
        });
      }
      Ml2PortContext after = new Ml2PortContext(current, port.current(), network, result,
          attempt.bindingLevels(), now, List.of(), agents);
      mechanisms.precommit("update_port_precommit", d -> d.updatePortPrecommit(after));
      return after;
    });
    if (committed == null) {
      return port;
    }
    logged(() -> mechanisms.postcommit("update_port_postcommit", d -> d.updatePortPostcommit(committed)));
    return committed;
  }

  /** A port context read afresh (for the agents' RPC), or null when the port is gone. */
  Ml2PortContext load(Handle h, String portId, Map<String, Object> port) {
    Binding b = bindings.find(h, portId, false).orElse(null);
    if (b == null) {
      return null;
    }
    Map<String, Object> current = new LinkedHashMap<>(port);
    current.putAll(b.attributes());
    return new Ml2PortContext(current, null, network(h, (String) port.get("network_id")), b,
        bindings.levels(h, portId), b, bindings.levels(h, portId), agents);
  }

  /**
   * Sets a port's status as an agent reports it (update_port_status), with the drivers'
   * update_port pre/postcommit so l2population and others follow. False when the port is gone.
   */
  boolean updateStatus(String portId, String status, Map<String, Object> portView) {
    Ml2PortContext changed = db.tx(h -> {
      Map<String, Object> row = CoreTables.PORTS.findForUpdate(h, portId).orElse(null);
      if (row == null) {
        return null;
      }
      Ml2PortContext before = load(h, portId, portView);
      if (before == null || status.equals(row.get("status"))) {
        return before; // gone, or already so (no original: no postcommit below)
      }
      CoreTables.PORTS.update(h, portId, Map.of("status", status), Resources.now());
      Map<String, Object> current = new LinkedHashMap<>(before.current());
      current.put("status", status);
      Map<String, Object> original = new LinkedHashMap<>(before.current());
      original.put("status", row.get("status"));
      Ml2PortContext after = new Ml2PortContext(current, original, before.network(), before.binding(),
          before.bindingLevels(), before.binding(), before.bindingLevels(), agents);
      mechanisms.precommit("update_port_precommit", d -> d.updatePortPrecommit(after));
      return after;
    });
    if (changed == null) {
      return false;
    }
    if (changed.original() != null) {
      logged(() -> mechanisms.postcommit("update_port_postcommit", d -> d.updatePortPostcommit(changed)));
    }
    return true;
  }
}
