package io.neutrino.agent.dhcp;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the DHCP agent asks of the server: neutron/agent/dhcp/agent.py DhcpPluginApi (topic
 * {@code q-plugin}, namespace {@code dhcp}, the server side is neutron/api/rpc/handlers/
 * dhcp_rpc.py DhcpRpcCallback) plus {@code report_state} (topic {@code q-reports-plugin}).
 * Payloads are Neutron's wire dicts; the implementation binds the agent's {@code host}, which every
 * call but {@code report_state} sends as the {@code host} argument, as Neutron's client does.
 */
public interface DhcpPluginApi {
  /**
   * {@code get_active_networks_info(host, enable_dhcp_filter)}: the networks scheduled to this
   * agent, each a network dict with {@code subnets} and {@code ports}.
   */
  List<Map<String, Object>> getActiveNetworksInfo(boolean enableDhcpFilter);

  /** {@code get_network_info(network_id, host)}; empty when the network is gone. */
  Optional<Map<String, Object>> getNetworkInfo(String networkId);

  /** {@code create_dhcp_port(port={'port': {...}}, host)}: the created port dict. */
  Map<String, Object> createDhcpPort(Map<String, Object> port);

  /** {@code update_dhcp_port(port_id, port={'port': {...}}, host)}: the updated port dict. */
  Map<String, Object> updateDhcpPort(String portId, Map<String, Object> port);

  /** {@code release_dhcp_port(network_id, device_id, host)}: deletes the agent's DHCP port. */
  void releaseDhcpPort(String networkId, String deviceId);

  /**
   * {@code dhcp_ready_on_ports(port_ids)} (1.5): dnsmasq serves these ports now, which ends their
   * DHCP provisioning block at the server (a port turns ACTIVE only once its DHCP agent has it).
   */
  void dhcpReadyOnPorts(Collection<String> portIds);

  /**
   * {@code report_state(agent_state={'agent_state': {...}}, time)}: the heartbeat; answers
   * {@code "alive"} or {@code "revived"} (neutron_lib agent constants), after which the agent
   * resyncs everything.
   */
  String reportState(Map<String, Object> agentState);
}
