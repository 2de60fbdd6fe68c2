package io.neutrino.server.rpc;

import java.util.List;
import java.util.Map;

/**
 * What the core plugin answers the L2 agents (neutron/plugins/ml2/rpc.py RpcCallbacks): device
 * details that bind the port to the asking host, and device up/down that set the port's status.
 */
public interface L2DeviceRpc {
  /** Neutron's device-details dict, or {@code {"device": name}} when no port matches. */
  Map<String, Object> deviceDetails(String device, String agentId, String host);

  /** {@code {"devices": [details…], "failed_devices": [names…]}}. */
  Map<String, Object> devicesDetails(List<String> devices, String agentId, String host);

  void deviceUp(String device, String agentId, String host);

  /** {@code {"device": name, "exists": bool}}. */
  Map<String, Object> deviceDown(String device, String agentId, String host);

  /** {@code {"devices_up", "failed_devices_up", "devices_down", "failed_devices_down"}}. */
  Map<String, Object> deviceList(List<String> up, List<String> down, String agentId, String host);

  /** tunnel_sync: registers the agent's tunnel endpoint; answers the other endpoints. */
  Map<String, Object> tunnelSync(String tunnelIp, String tunnelType, String host);
}
