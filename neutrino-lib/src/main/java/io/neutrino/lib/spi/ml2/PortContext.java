package io.neutrino.lib.spi.ml2;

import io.neutrino.lib.spi.AgentLookup;
import java.util.List;
import java.util.Map;

/**
 * A port as mechanism drivers see it during a change or a binding attempt (Neutron's
 * PortContext). During {@link MechanismDriver#bindPort} the binding setters are usable; elsewhere
 * they throw IllegalStateException.
 */
public interface PortContext {
  /** The port as the API shows it (to an admin), after the change. */
  Map<String, Object> current();

  /** The port before an update; null on create and delete. */
  Map<String, Object> original();

  NetworkContext network();

  /** {@code status} now ({@code DOWN}, {@code BUILD}, {@code ACTIVE}). */
  String status();

  String originalStatus();

  /** {@code binding:host_id}, "" when unset. */
  String host();

  String originalHost();

  /** {@code binding:vnic_type}. */
  String vnicType();

  /** {@code binding:profile}, never null. */
  Map<String, Object> profile();

  /** {@code binding:vif_type}: {@code unbound}, {@code binding_failed} or a bound type. */
  String vifType();

  String originalVifType();

  Map<String, Object> vifDetails();

  /** The levels of the current binding, top first; empty when not bound. */
  List<BindingLevel> bindingLevels();

  List<BindingLevel> originalBindingLevels();

  /** The segment the top level is bound to, null when unbound. */
  NetworkSegment topBoundSegment();

  /** The segment the bottom level is bound to (what the host's agent plugs into), or null. */
  NetworkSegment bottomBoundSegment();

  NetworkSegment originalBottomBoundSegment();

  /** During bindPort: the segments this level may bind, in the network's order. */
  List<NetworkSegment> segmentsToBind();

  /** The agents of {@code agentType} on this port's host, alive or not. */
  List<AgentLookup.AgentState> hostAgents(String agentType);

  /**
   * Completes the binding at this level on {@code segmentId} (one of {@link #segmentsToBind()}):
   * {@code binding:vif_type}, {@code binding:vif_details} and, when not null, the port status.
   */
  void setBinding(String segmentId, String vifType, Map<String, Object> vifDetails, String status);

  /**
   * Binds this level on {@code segmentId} and asks the drivers to bind {@code nextSegments} at the
   * next level (hierarchical binding, up to {@link PortBindings#MAX_BINDING_LEVELS}).
   */
  void continueBinding(String segmentId, List<NetworkSegment> nextSegments);

  /**
   * A dynamic segment of the port's network for a next binding level (allocate_dynamic_segment):
   * the network's dynamic segment on {@code segment}'s physical network (and id, when given) if
   * there is one, else a new one whose id the type driver picks when none is given. Dynamic
   * segments are not the network's provider segments; release them with
   * {@link #releaseDynamicSegment} once no port needs them.
   */
  NetworkSegment allocateDynamicSegment(ProviderSegment segment);

  /** Deletes a dynamic segment no port is bound to any more, its id given back (release_dynamic_segment). */
  void releaseDynamicSegment(String segmentId);
}
