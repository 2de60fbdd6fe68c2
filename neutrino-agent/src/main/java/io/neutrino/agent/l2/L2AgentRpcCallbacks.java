package io.neutrino.agent.l2;

import io.neutrino.agent.linux.DeviceNames;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The casts Neutron's server sends to L2 agents (topic {@code q-agent-notifier-*}, RPC version
 * 1.5; neutron/plugins/ml2/rpc.py AgentNotifierApi, the security group and l2population
 * notifiers), one method each, named after the RPC method. Work that touches the host runs under
 * the agent loop's lock; device changes are left to the next loop iteration, as in Neutron.
 */
public final class L2AgentRpcCallbacks {
  private static final Logger LOG = LoggerFactory.getLogger(L2AgentRpcCallbacks.class);

  private final L2Agent agent;
  private final LinuxBridgeManager manager;
  private final SecurityGroupAgent securityGroups;
  private final L2PopHandler l2pop;

  L2AgentRpcCallbacks(L2Agent agent, LinuxBridgeManager manager,
      SecurityGroupAgent securityGroups, L2PopHandler l2pop) {
    this.agent = Objects.requireNonNull(agent);
    this.manager = Objects.requireNonNull(manager);
    this.securityGroups = Objects.requireNonNull(securityGroups);
    this.l2pop = Objects.requireNonNull(l2pop);
  }

  /**
   * {@code port_update(port, network_type, segmentation_id, physical_network)}: the port's TAP
   * is processed again in the next iteration (details are fetched then, never taken from the
   * cast, whose order is not guaranteed).
   */
  public void portUpdate(Map<String, Object> port) {
    String portId = String.valueOf(port.get("id"));
    LOG.debug("port_update RPC received for port: {}", portId);
    agent.markUpdated(DeviceNames.tap(portId));
  }

  /**
   * {@code port_delete(port_id)}: the TAP leaves its bridge and loses its filters at once, so a
   * deleted port carries no traffic even while its device still exists. (Neutron's linuxbridge
   * agent does not consume this cast; the OVS agent isolates the port the same way.)
   */
  public void portDelete(String portId) {
    String device = DeviceNames.tap(portId);
    LOG.debug("port_delete RPC received for port: {}", portId);
    agent.withHost(() -> {
      manager.detach(device);
      securityGroups.removeDevicesFilter(List.of(device));
      agent.forgetDevice(device);
    });
  }

  /**
   * {@code network_delete(network_id)}: the network's bridge goes, with its VXLAN or VLAN
   * uplink; a bridge named in bridge_mappings is left alone.
   */
  public void networkDelete(String networkId) {
    LOG.debug("network_delete received for {}", networkId);
    agent.withHost(() -> {
      var segment = agent.segment(networkId);
      String physnet = segment.map(DeviceDetails.Segment::physicalNetwork).orElse(null);
      String bridge = manager.bridgeFor(networkId, physnet);
      if (!bridge.equals(DeviceNames.bridge(networkId))) {
        LOG.info("Physical network {} is defined in bridge_mappings and cannot be deleted.",
            physnet);
        return;
      }
      manager.deleteBridge(bridge);
      agent.forgetNetwork(networkId);
    });
  }

  /**
   * {@code network_update(network)}: the network's MTU or QoS policy changed; every device of it
   * on this host is processed again in the next iteration, which applies the new details.
   */
  public void networkUpdate(Map<String, Object> network) {
    String networkId = String.valueOf(network.get("id"));
    LOG.debug("network_update message processed for network {}", networkId);
    agent.markNetworkUpdated(networkId);
  }

  /** {@code security_groups_rule_updated(security_groups)}. */
  public void securityGroupsRuleUpdated(List<String> securityGroups) {
    LOG.info("Security group rule updated {}", securityGroups);
    this.securityGroups.securityGroupsRuleUpdated(securityGroups);
  }

  /** {@code security_groups_member_updated(security_groups)}. */
  public void securityGroupsMemberUpdated(List<String> securityGroups) {
    LOG.info("Security group member updated {}", securityGroups);
    this.securityGroups.securityGroupsMemberUpdated(securityGroups);
  }

  /** l2population {@code add_fdb_entries(fdb_entries)} (the agent's fdb_add). */
  public void fdbAdd(Map<String, Object> fdbEntries) {
    agent.withHost(() -> l2pop.fdbAdd(fdbEntries));
  }

  /** l2population {@code remove_fdb_entries(fdb_entries)} (the agent's fdb_remove). */
  public void fdbRemove(Map<String, Object> fdbEntries) {
    agent.withHost(() -> l2pop.fdbRemove(fdbEntries));
  }

  /** l2population {@code update_fdb_entries(fdb_entries)} (the agent's fdb_update). */
  public void updateFdb(Map<String, Object> fdbEntries) {
    agent.withHost(() -> l2pop.updateFdb(fdbEntries));
  }
}
