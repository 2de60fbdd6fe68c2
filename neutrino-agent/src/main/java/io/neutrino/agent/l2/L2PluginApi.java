package io.neutrino.agent.l2;

import java.util.List;
import java.util.Map;

/**
 * What the L2 agent asks the server, with Neutron's RPC method names (topic {@code q-plugin},
 * neutron/agent/rpc.py PluginApi and SecurityGroupServerRpcApi; {@code report_state} on topic
 * {@code q-reports-plugin}) and payloads shaped as Neutron's JSON. It will be implemented over
 * neutrino-messaging; tests implement it in memory.
 */
public interface L2PluginApi {
  /**
   * RPC {@code get_devices_details_list_and_failed_devices(devices, agent_id, host)}, version
   * 1.5. Reply: {@code {"devices": [details...], "failed_devices": [device...]}} where details of
   * a known port are {@code device, network_id, port_id, mac_address, admin_state_up,
   * network_type, segmentation_id, physical_network, mtu, fixed_ips (list of {subnet_id,
   * ip_address}), device_owner, allowed_address_pairs, port_security_enabled, ...}, and of an
   * unknown device just {@code {"device": name}}.
   */
  Map<String, Object> getDevicesDetailsListAndFailedDevices(List<String> devices, String agentId,
      String host);

  /**
   * RPC {@code update_device_list(devices_up, devices_down, agent_id, host)}, version 1.5. Reply:
   * {@code {"devices_up": [], "failed_devices_up": [], "devices_down": [],
   * "failed_devices_down": []}}.
   */
  Map<String, Object> updateDeviceList(List<String> devicesUp, List<String> devicesDown,
      String agentId, String host);

  /**
   * RPC {@code security_group_info_for_devices(devices)}, version 1.3. Reply:
   * {@code {"devices": {port_id: port}, "security_groups": {sg_id: [rule...]},
   * "sg_member_ips": {sg_id: {"IPv4": [[ip, mac]...], "IPv6": [...]}}}}; each port carries
   * {@code device} (the name asked for), {@code fixed_ips} as address strings,
   * {@code security_groups}, {@code security_group_source_groups} and the server's provider rules
   * in {@code security_group_rules}.
   */
  Map<String, Object> securityGroupInfoForDevices(List<String> devices);

  /**
   * RPC {@code report_state(agent_state, time)}, called (not cast), where the RPC argument
   * {@code agent_state} is {@code {"agent_state": <agentState>}} and {@code agentState} holds
   * {@code binary, host, topic, agent_type, configurations, start_flag}; {@code time} is ISO 8601.
   * Reply {@code "new"}, {@code "alive"} or {@code "revived"} (the server had taken the agent for
   * dead: the agent then resyncs all its devices).
   */
  String reportState(Map<String, Object> agentState, String time);
}
