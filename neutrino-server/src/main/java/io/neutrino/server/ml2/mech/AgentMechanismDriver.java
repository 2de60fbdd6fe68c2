package io.neutrino.server.ml2.mech;

import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.AgentLookup.AgentState;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.lib.spi.ml2.MechanismDriver;
import io.neutrino.lib.spi.ml2.NetworkSegment;
import io.neutrino.lib.spi.ml2.PortBindings;
import io.neutrino.lib.spi.ml2.PortContext;
import io.neutrino.lib.spi.ml2.ProviderSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binding through an L2 agent (neutron/plugins/ml2/drivers/mech_agent.py
 * SimpleAgentMechanismDriverBase): a port binds when a live agent of the driver's type runs on
 * {@code binding:host_id} and can reach one of the segments: its network type is local, flat, vlan
 * or one of the agent's {@code tunnel_types}, and for flat and vlan the agent maps the physical
 * network. Segments are tried in the network's order, restricted to those of the port's subnets
 * when the subnets are on segments (routed networks). As in Neutron, only liveness counts: an
 * agent set admin down still binds ports.
 */
abstract class AgentMechanismDriver implements MechanismDriver {
  private static final Logger LOG = LoggerFactory.getLogger(AgentMechanismDriver.class);

  private final String agentType;
  private final List<String> supportedVnicTypes;
  private final ResourceHandler subnets;
  protected final boolean portFilter;

  AgentMechanismDriver(PluginContext ctx, String agentType, List<String> vnicTypes, String prohibitSection) {
    this.agentType = agentType;
    this.subnets = ctx.handler("subnets");
    // securitygroups_rpc.is_firewall_enabled()
    this.portFilter = Boolean.parseBoolean(
        ctx.option("securitygroup", "enable_security_group").orElse("true").trim());
    List<String> prohibited = new ArrayList<>();
    for (String v : ctx.option(prohibitSection, "vnic_type_prohibit_list").orElse("").split(",")) {
      if (!v.isBlank()) {
        prohibited.add(v.trim());
      }
    }
    if (!vnicTypes.containsAll(prohibited)) {
      throw new io.neutrino.lib.spi.InvalidConfiguration(prohibitSection, "vnic_type_prohibit_list",
          "Not all of the items are valid vnic_types for " + agentType + " mechanism driver. The valid values are: "
              + vnicTypes + ".");
    }
    List<String> allowed = vnicTypes.stream().filter(v -> !prohibited.contains(v)).toList();
    if (allowed.isEmpty()) {
      throw new io.neutrino.lib.spi.InvalidConfiguration(prohibitSection, "vnic_type_prohibit_list",
          "All possible vnic_types were prohibited for " + agentType + " mechanism driver!");
    }
    this.supportedVnicTypes = allowed;
  }

  @Override
  public String connectivity() {
    return PortBindings.CONNECTIVITY_L2;
  }

  @Override
  public void bindPort(PortContext context) {
    String vnicType = context.vnicType();
    if (!supportedVnicTypes.contains(vnicType)) {
      LOG.debug("Refusing to bind due to unsupported vnic_type: {}", vnicType);
      return;
    }
    List<NetworkSegment> allowed = allowedSegments(context);
    List<AgentState> agents = context.hostAgents(agentType);
    if (agents.isEmpty()) {
      LOG.debug("Port {} not bound, no agent of type {} registered on host {}", context.current().get("id"),
          agentType, context.host());
    }
    for (AgentState agent : agents) {
      if (!agent.alive()) {
        LOG.warn("Refusing to bind port {} to dead agent {}", context.current().get("id"), agent.id());
        continue;
      }
      if (vnicType.equals(PortBindings.VNIC_SMARTNIC)
          && !Boolean.TRUE.equals(agent.configurations().get("baremetal_smartnic"))) {
        continue;
      }
      for (NetworkSegment segment : allowed) {
        if (canReach(segment, agent)) {
          context.setBinding(segment.id(), vifType(context, agent), vifDetails(context, agent), null);
          return;
        }
      }
    }
  }

  /** The segments to bind, limited to those of the port's subnets when they are on segments. */
  private List<NetworkSegment> allowedSegments(PortContext context) {
    List<String> subnetSegments = new ArrayList<>();
    boolean anySubnet = false;
    if (context.current().get("fixed_ips") instanceof List<?> ips) {
      for (Object ip : ips) {
        Object subnetId = ((Map<?, ?>) ip).get("subnet_id");
        if (subnetId == null) {
          continue;
        }
        try {
          Map<String, Object> subnet = subnets.get(RequestContext.admin("ml2"), subnetId.toString());
          anySubnet = true;
          subnetSegments.add((String) subnet.get("segment_id"));
        } catch (NeutronException gone) {
          LOG.debug("Subnet {} of port {} is gone", subnetId, context.current().get("id"));
        }
      }
    }
    if (!anySubnet) {
      return context.segmentsToBind();
    }
    List<NetworkSegment> out = new ArrayList<>();
    for (NetworkSegment s : context.segmentsToBind()) {
      if (subnetSegments.stream().anyMatch(id -> id == null || id.equals(s.id()))) {
        out.add(s);
      }
    }
    return out;
  }

  /** check_segment_for_agent. */
  boolean canReach(NetworkSegment segment, AgentState agent) {
    if (!agent.agentType().equals(agentType)) {
      return false;
    }
    List<String> allowedTypes = new ArrayList<>();
    if (agent.configurations().get("tunnel_types") instanceof List<?> tunnels) {
      tunnels.forEach(t -> allowedTypes.add(String.valueOf(t)));
    }
    allowedTypes.addAll(List.of(ProviderSegment.LOCAL, ProviderSegment.FLAT, ProviderSegment.VLAN));
    if (!allowedTypes.contains(segment.networkType())) {
      return false;
    }
    if (segment.networkType().equals(ProviderSegment.FLAT) || segment.networkType().equals(ProviderSegment.VLAN)) {
      return mappings(agent).containsKey(segment.physicalNetwork());
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object v) {
    return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /** The physical networks the agent is connected to (its interface or bridge mappings). */
  abstract Map<String, Object> mappings(AgentState agent);

  abstract String vifType(PortContext context, AgentState agent);

  abstract Map<String, Object> vifDetails(PortContext context, AgentState agent);
}
