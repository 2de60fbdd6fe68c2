package io.neutrino.server.ml2.mech;

import io.neutrino.lib.spi.AgentLookup;
import io.neutrino.lib.spi.AgentLookup.AgentState;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.ml2.PortBindings;
import io.neutrino.lib.spi.ml2.PortContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code openvswitch} (mech_openvswitch.py): binds {@code normal}, {@code direct} (only with the
 * {@code switchdev} capability in the profile: hardware offload), {@code smart-nic} and
 * {@code vdpa} ports to the Open vSwitch agent of the host ({@code [OVS_DRIVER]
 * vnic_type_prohibit_list} removes some), {@code binding:vif_type} {@code ovs},
 * {@code binding:vif_details} with port_filter, connectivity, ovs_hybrid_plug and datapath_type
 * from the agent's configuration, and bridge_name when the agent reports its integration bridge.
 * DPDK vhost-user agents are not supported (their ports would need a socket path).
 */
final class OpenvswitchMechanismDriver extends AgentMechanismDriver {
  static final String AGENT_TYPE = "Open vSwitch agent";

  private final AgentLookup agents;

  OpenvswitchMechanismDriver(PluginContext ctx) {
    super(ctx, AGENT_TYPE, List.of(PortBindings.VNIC_NORMAL, PortBindings.VNIC_DIRECT,
        PortBindings.VNIC_SMARTNIC, PortBindings.VNIC_VHOST_VDPA), "OVS_DRIVER");
    this.agents = ctx.service(AgentLookup.class);
  }

  @Override
  public void bindPort(PortContext context) {
    if (context.vnicType().equals(PortBindings.VNIC_DIRECT)
        && !(context.profile().get("capabilities") instanceof List<?> caps && caps.contains("switchdev"))) {
      return; // a direct port is offloaded to OVS only on a switchdev NIC
    }
    super.bindPort(context);
  }

  /** The OVS agent rewires a port to a new VLAN itself, once there is an OVS agent (mech_openvswitch.py). */
  @Override
  public Set<String> vifTypesFollowingSegmentationIdUpdates() {
    return agents.agentsOfType(AGENT_TYPE).isEmpty() ? Set.of() : Set.of(PortBindings.VIF_TYPE_OVS);
  }

  @Override
  Map<String, Object> mappings(AgentState agent) {
    return map(agent.configurations().get("bridge_mappings"));
  }

  @Override
  String vifType(PortContext context, AgentState agent) {
    return PortBindings.VIF_TYPE_OVS;
  }

  @Override
  Map<String, Object> vifDetails(PortContext context, AgentState agent) {
    Map<String, Object> conf = agent.configurations();
    Map<String, Object> d = new LinkedHashMap<>();
    d.put(PortBindings.CAP_PORT_FILTER, portFilter);
    d.put(PortBindings.VIF_DETAILS_CONNECTIVITY, PortBindings.CONNECTIVITY_L2);
    d.put(PortBindings.OVS_HYBRID_PLUG, conf.get("ovs_hybrid_plug"));
    d.put(PortBindings.OVS_DATAPATH_TYPE, conf.getOrDefault("datapath_type", "system"));
    if (conf.get("integration_bridge") != null) {
      d.put(PortBindings.VIF_DETAILS_BRIDGE_NAME, conf.get("integration_bridge"));
    }
    return d;
  }
}
