package io.neutrino.agent.l3;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What the L3 agent asks of the server: neutron/agent/l3/agent.py L3PluginApi (topic
 * {@code q-l3-plugin}; server side neutron/api/rpc/handlers/l3_rpc.py L3RpcCallback) plus
 * {@code report_state} (topic {@code q-reports-plugin}). The implementation binds the agent's
 * {@code host}, as Neutron's client does.
 */
public interface L3PluginApi {
  /**
   * {@code sync_routers(host, router_ids)}: the routers scheduled to this agent ({@code routerIds}
   * null: all of them), each a Neutron router dict with {@code _interfaces} (ports with
   * {@code fixed_ips} carrying {@code prefixlen}, {@code subnets}, {@code mtu}), {@code gw_port},
   * {@code _floatingips}, {@code routes} and {@code enable_snat}. Routers not returned are gone or
   * no longer this agent's.
   */
  List<Map<String, Object>> syncRouters(Collection<String> routerIds);

  /** {@code update_floatingip_statuses(router_id, fip_statuses={fip id: ACTIVE|DOWN|ERROR})}. */
  void updateFloatingipStatuses(String routerId, Map<String, String> fipStatuses);

  /** {@code get_external_network_id()}: the one external network (deprecated in Neutron). */
  String getExternalNetworkId();

  /** {@code report_state(agent_state)}: answers {@code "alive"} or {@code "revived"}. */
  String reportState(Map<String, Object> agentState);
}
