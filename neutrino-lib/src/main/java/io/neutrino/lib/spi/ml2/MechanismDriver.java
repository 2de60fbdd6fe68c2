package io.neutrino.lib.spi.ml2;

import java.util.Set;

/**
 * Follows every network, subnet and port change and binds ports (neutron_lib/plugins/ml2/api.py
 * MechanismDriver). Every hook is a no-op unless overridden.
 *
 * <p>{@code *Precommit} runs inside the change's transaction: a throw rolls the change back and
 * is returned to the client (a {@link io.neutrino.lib.fault.NeutronException} with its own status,
 * anything else as a 500 MechanismDriverError). {@code *Postcommit} runs after the commit: a throw
 * on create deletes the new resource and returns the error; on update and delete it is logged
 * (networks and subnets: returned, as Neutron does).
 */
public interface MechanismDriver {
  /** Called once every driver is loaded. */
  default void initialize() {}

  /**
   * {@link PortBindings#CONNECTIVITY_L2} for drivers that give L2 connectivity; ports without an
   * IP address are only bound by those (Neutron's {@code connectivity} property).
   */
  default String connectivity() {
    return PortBindings.CONNECTIVITY_LEGACY;
  }

  default void createNetworkPrecommit(NetworkContext context) {}

  default void createNetworkPostcommit(NetworkContext context) {}

  default void updateNetworkPrecommit(NetworkContext context) {}

  default void updateNetworkPostcommit(NetworkContext context) {}

  default void deleteNetworkPrecommit(NetworkContext context) {}

  default void deleteNetworkPostcommit(NetworkContext context) {}

  default void createSubnetPrecommit(SubnetContext context) {}

  default void createSubnetPostcommit(SubnetContext context) {}

  default void updateSubnetPrecommit(SubnetContext context) {}

  default void updateSubnetPostcommit(SubnetContext context) {}

  default void deleteSubnetPrecommit(SubnetContext context) {}

  default void deleteSubnetPostcommit(SubnetContext context) {}

  default void createPortPrecommit(PortContext context) {}

  default void createPortPostcommit(PortContext context) {}

  default void updatePortPrecommit(PortContext context) {}

  default void updatePortPostcommit(PortContext context) {}

  default void deletePortPrecommit(PortContext context) {}

  default void deletePortPostcommit(PortContext context) {}

  /**
   * Tries to bind the port at the current level, outside any transaction: a driver that can calls
   * {@link PortContext#setBinding} (done) or {@link PortContext#continueBinding} (another driver
   * binds the next level), otherwise it returns without doing either. A throw is logged and the
   * next driver tried.
   */
  default void bindPort(PortContext context) {}

  /**
   * The {@code binding:vif_type}s of ports this driver bound that follow a change of their
   * network's {@code provider:segmentation_id} without being bound again (Neutron's
   * provider_network_attribute_updates_supported, with the vif types of the driver's agents).
   * Ports bound with any other vif type stop the change; none by default.
   */
  default Set<String> vifTypesFollowingSegmentationIdUpdates() {
    return Set.of();
  }
}
