package io.neutrino.server.ml2.mech;

import io.neutrino.lib.spi.AgentLookup.AgentState;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.ml2.PortBindings;
import io.neutrino.lib.spi.ml2.PortContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code linuxbridge} (mech_linuxbridge.py): binds {@code normal} ports to the Linux bridge agent
 * of the host, {@code binding:vif_type} {@code bridge}, {@code binding:vif_details}
 * {@code {"port_filter": <security groups on>, "connectivity": "l2"}} (the bridge name is the
 * agent's business: brq + the network id's first 11 characters).
 */
final class LinuxbridgeMechanismDriver extends AgentMechanismDriver {
  static final String AGENT_TYPE = "Linux bridge agent";

  LinuxbridgeMechanismDriver(PluginContext ctx) {
    super(ctx, AGENT_TYPE, List.of(PortBindings.VNIC_NORMAL), "LINUXBRIDGE_DRIVER");
  }

  @Override
  Map<String, Object> mappings(AgentState agent) {
    Map<String, Object> m = new LinkedHashMap<>(map(agent.configurations().get("interface_mappings")));
    m.putAll(map(agent.configurations().get("bridge_mappings")));
    return m;
  }

  @Override
  String vifType(PortContext context, AgentState agent) {
    return PortBindings.VIF_TYPE_BRIDGE;
  }

  @Override
  Map<String, Object> vifDetails(PortContext context, AgentState agent) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put(PortBindings.CAP_PORT_FILTER, portFilter);
    d.put(PortBindings.VIF_DETAILS_CONNECTIVITY, PortBindings.CONNECTIVITY_L2);
    return d;
  }
}
