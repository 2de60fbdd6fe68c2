package io.neutrino.server.ml2;

import io.neutrino.lib.spi.AgentLookup;
import io.neutrino.lib.spi.ml2.BindingLevel;
import io.neutrino.lib.spi.ml2.NetworkSegment;
import io.neutrino.lib.spi.ml2.PortBindings;
import io.neutrino.lib.spi.ml2.PortContext;
import io.neutrino.lib.spi.ml2.ProviderSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A port handed to mechanism drivers (neutron/plugins/ml2/driver_context.py PortContext). During a
 * binding attempt the {@link MechanismManager} walks the levels with {@link #prepareToBind},
 * {@link #pushLevel} and {@link #popLevel}; drivers answer through {@link #setBinding} and
 * {@link #continueBinding}.
 */
final class Ml2PortContext implements PortContext {
  private final Map<String, Object> current;
  private final Map<String, Object> original;
  /** Read when first asked for (most drivers never look at it on an update or delete). */
  private final Supplier<Ml2NetworkContext> network;
  private Ml2NetworkContext networkRead;
  private final Binding originalBinding;
  private final List<BindingLevel> originalLevels;
  private final Services agents;
  /** Dynamic segments allocated through this context (while binding). */
  private final List<NetworkSegment> allocatedDynamic = new ArrayList<>();

  /** What contexts reach beyond the port: the agents table and the dynamic segments. */
  record Services(AgentLookup agentLookup, DynamicSegments dynamicSegments) {}
  private Binding binding;
  private final List<BindingLevel> levels;

  // State of a binding attempt at one level.
  private boolean attempting;
  private List<NetworkSegment> segmentsToBind = List.of();
  private String newBoundSegment;
  private List<NetworkSegment> nextSegmentsToBind;
  private String newStatus;

  Ml2PortContext(Map<String, Object> current, Map<String, Object> original, Ml2NetworkContext network,
      Binding binding, List<BindingLevel> levels, Binding originalBinding, List<BindingLevel> originalLevels,
      Services agents) {
    this(current, original, () -> network, binding, levels, originalBinding, originalLevels, agents);
  }

  /** {@code network} is called at most once, when the network is first needed. */
  Ml2PortContext(Map<String, Object> current, Map<String, Object> original, Supplier<Ml2NetworkContext> network,
      Binding binding, List<BindingLevel> levels, Binding originalBinding, List<BindingLevel> originalLevels,
      Services agents) {
    this.current = current;
    this.original = original;
    this.network = network;
    this.binding = binding;
    this.levels = new ArrayList<>(levels);
    this.originalBinding = originalBinding;
    this.originalLevels = List.copyOf(originalLevels);
    this.agents = agents;
  }

  Binding binding() {
    return binding;
  }

  String id() {
    return (String) current.get("id");
  }

  @Override
  public Map<String, Object> current() {
    return current;
  }

  @Override
  public Map<String, Object> original() {
    return original;
  }

  @Override
  public Ml2NetworkContext network() {
    if (networkRead == null) {
      networkRead = network.get();
    }
    return networkRead;
  }

  @Override
  public String status() {
    return (String) current.get("status");
  }

  @Override
  public String originalStatus() {
    return original == null ? null : (String) original.get("status");
  }

  @Override
  public String host() {
    return binding.host();
  }

  @Override
  public String originalHost() {
    return originalBinding == null ? null : originalBinding.host();
  }

  @Override
  public String vnicType() {
    return binding.vnicType();
  }

  @Override
  public Map<String, Object> profile() {
    return binding.profile();
  }

  @Override
  public String vifType() {
    return binding.vifType();
  }

  @Override
  public String originalVifType() {
    return originalBinding == null ? null : originalBinding.vifType();
  }

  @Override
  public Map<String, Object> vifDetails() {
    return binding.vifDetails();
  }

  @Override
  public List<BindingLevel> bindingLevels() {
    return List.copyOf(levels);
  }

  @Override
  public List<BindingLevel> originalBindingLevels() {
    return originalLevels;
  }

  @Override
  public NetworkSegment topBoundSegment() {
    return levels.isEmpty() ? null : segment(levels.get(0).segmentId());
  }

  @Override
  public NetworkSegment bottomBoundSegment() {
    return levels.isEmpty() ? null : segment(levels.get(levels.size() - 1).segmentId());
  }

  /** A segment of the network, or one allocated by this context. */
  private NetworkSegment segment(String id) {
    NetworkSegment s = network().segment(id);
    if (s != null) {
      return s;
    }
    return allocatedDynamic.stream().filter(d -> d.id().equals(id)).findFirst().orElse(null);
  }

  @Override
  public NetworkSegment originalBottomBoundSegment() {
    return originalLevels.isEmpty() ? null
        : network().segment(originalLevels.get(originalLevels.size() - 1).segmentId());
  }

  @Override
  public List<NetworkSegment> segmentsToBind() {
    return segmentsToBind;
  }

  @Override
  public List<AgentLookup.AgentState> hostAgents(String agentType) {
    return binding.host().isEmpty() ? List.of() : agents.agentLookup().hostAgents(agentType, binding.host());
  }

  @Override
  public NetworkSegment allocateDynamicSegment(ProviderSegment segment) {
    NetworkSegment s = agents.dynamicSegments().allocate(network().current().get("id").toString(), segment);
    allocatedDynamic.add(s);
    return s;
  }

  @Override
  public void releaseDynamicSegment(String segmentId) {
    agents.dynamicSegments().release(segmentId);
  }

  List<NetworkSegment> allocatedDynamicSegments() {
    return List.copyOf(allocatedDynamic);
  }

  @Override
  public void setBinding(String segmentId, String vifType, Map<String, Object> vifDetails, String status) {
    checkBinding(segmentId);
    newBoundSegment = segmentId;
    nextSegmentsToBind = null;
    binding = binding.withResult(vifType, vifDetails == null ? Map.of() : Map.copyOf(vifDetails));
    newStatus = status;
  }

  @Override
  public void continueBinding(String segmentId, List<NetworkSegment> nextSegments) {
    checkBinding(segmentId);
    newBoundSegment = segmentId;
    nextSegmentsToBind = List.copyOf(nextSegments);
  }

  private void checkBinding(String segmentId) {
    if (!attempting) {
      throw new IllegalStateException("port bindings can only be set during bindPort");
    }
    if (segmentsToBind.stream().noneMatch(s -> Objects.equals(s.id(), segmentId))) {
      throw new IllegalArgumentException("segment " + segmentId + " is not one of the segments to bind");
    }
  }

  // ---- used by the MechanismManager while binding

  /** Starts a binding attempt: unbound, no levels. */
  void startBinding() {
    attempting = true;
    levels.clear();
    binding = binding.withResult(PortBindings.VIF_TYPE_UNBOUND, Map.of());
    newStatus = null;
  }

  void endBinding(boolean bound) {
    attempting = false;
    if (!bound) {
      levels.clear();
      binding = binding.withResult(PortBindings.VIF_TYPE_BINDING_FAILED, Map.of());
    }
  }

  void prepareToBind(List<NetworkSegment> segments) {
    segmentsToBind = List.copyOf(segments);
    newBoundSegment = null;
    nextSegmentsToBind = null;
  }

  String newBoundSegment() {
    return newBoundSegment;
  }

  List<NetworkSegment> nextSegmentsToBind() {
    return nextSegmentsToBind;
  }

  String newStatus() {
    return newStatus;
  }

  void pushLevel(BindingLevel level) {
    levels.add(level);
  }

  void popLevel() {
    levels.remove(levels.size() - 1);
  }

  /** Undoes a driver's setBinding whose level could not be completed. */
  void unsetBinding() {
    binding = binding.withResult(PortBindings.VIF_TYPE_UNBOUND, Map.of());
    newStatus = null;
  }
}
