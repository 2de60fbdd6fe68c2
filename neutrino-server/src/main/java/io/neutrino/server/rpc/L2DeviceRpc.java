package io.neutrino.server.rpc;

import io.neutrino.server.ml2.L2AgentCallbacks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The list forms of ML2's device RPC (neutron/plugins/ml2/rpc.py): each device is handled on its
 * own, and one that fails is reported in {@code failed_devices*} so the agent retries just it.
 */
final class L2DeviceRpc {
  private static final Logger LOG = LoggerFactory.getLogger(L2DeviceRpc.class);
  private final L2AgentCallbacks ml2;

  L2DeviceRpc(L2AgentCallbacks ml2) {
    this.ml2 = ml2;
  }

  Map<String, Object> deviceDetails(String device, String agentId, String host) {
    return ml2.getDeviceDetails(device, agentId, host);
  }

  /** get_devices_details_list_and_failed_devices. */
  Map<String, Object> devicesDetails(List<String> devices, String agentId, String host) {
    List<Map<String, Object>> details = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (String d : devices) {
      try {
        details.add(ml2.getDeviceDetails(d, agentId, host));
      } catch (RuntimeException e) {
        LOG.error("Failed to get details for device {}", d, e);
        failed.add(d);
      }
    }
    return Map.of("devices", details, "failed_devices", failed);
  }

  /** dhcp_ready_on_ports: the ports' DHCP provisioning block ends. */
  void dhcpReady(List<String> portIds) {
    ml2.dhcpReadyOnPorts(portIds);
  }

  void deviceUp(String device, String agentId, String host) {
    ml2.updateDeviceUp(device, agentId, host);
  }

  Map<String, Object> deviceDown(String device, String agentId, String host) {
    return ml2.updateDeviceDown(device, agentId, host);
  }

  /** update_device_list: up and down together, each device on its own. */
  Map<String, Object> deviceList(List<String> up, List<String> down, String agentId, String host) {
    List<String> upDone = new ArrayList<>();
    List<String> upFailed = new ArrayList<>();
    for (String d : up) {
      try {
        ml2.updateDeviceUp(d, agentId, host);
        upDone.add(d);
      } catch (RuntimeException e) {
        LOG.error("Failed to set device {} up", d, e);
        upFailed.add(d);
      }
    }
    List<Map<String, Object>> downDone = new ArrayList<>();
    List<String> downFailed = new ArrayList<>();
    for (String d : down) {
      try {
        downDone.add(ml2.updateDeviceDown(d, agentId, host));
      } catch (RuntimeException e) {
        LOG.error("Failed to set device {} down", d, e);
        downFailed.add(d);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("devices_up", upDone);
    out.put("failed_devices_up", upFailed);
    out.put("devices_down", downDone);
    out.put("failed_devices_down", downFailed);
    return out;
  }
}
