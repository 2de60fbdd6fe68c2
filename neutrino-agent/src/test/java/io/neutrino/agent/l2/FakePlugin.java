package io.neutrino.agent.l2;

import io.neutrino.agent.linux.DeviceNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the server until the agent talks to it over neutrino-messaging: it answers the
 * L2 agent's RPC calls with payloads shaped as Neutron ML2's (neutron/plugins/ml2/rpc.py and
 * neutron/db/securitygroups_rpc_base.py) from ports and security groups the test declares.
 */
final class FakePlugin implements L2PluginApi {
  /** A port as the test declares it. */
  record Port(String id, String networkId, String mac, String ip, String networkType,
      String physicalNetwork, Integer segmentationId, List<String> securityGroups,
      boolean portSecurity, List<Map<String, Object>> allowedAddressPairs) {
    String device() {
      return DeviceNames.tap(id);
    }

    Port withSecurityGroups(List<String> sgs) {
      return new Port(id, networkId, mac, ip, networkType, physicalNetwork, segmentationId, sgs,
          portSecurity, allowedAddressPairs);
    }

    Port withAllowedAddressPairs(List<Map<String, Object>> pairs) {
      return new Port(id, networkId, mac, ip, networkType, physicalNetwork, segmentationId,
          securityGroups, portSecurity, pairs);
    }
  }

  final Map<String, Port> ports = new ConcurrentHashMap<>();
  final Map<String, List<Map<String, Object>>> securityGroups = new ConcurrentHashMap<>();
  final List<String> devicesUp = new CopyOnWriteArrayList<>();
  /** Every device the agent asked details of, in order. */
  final List<String> detailsAsked = new CopyOnWriteArrayList<>();
  /** Run when the agent asks for details, before they are returned (null: nothing). */
  volatile Runnable onDetails;
  final List<String> devicesDown = new CopyOnWriteArrayList<>();
  final List<Map<String, Object>> reports = new CopyOnWriteArrayList<>();

  void add(Port p) {
    ports.put(p.id(), p);
  }

  /** A security group rule in the server's shape (remote_ip_prefix as source/dest prefix). */
  static Map<String, Object> rule(String direction, String ethertype, String protocol,
      Integer portMin, Integer portMax, String remoteGroup) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("direction", direction);
    r.put("ethertype", ethertype);
    r.put("stateful", true);
    if (protocol != null) {
      r.put("protocol", protocol);
    }
    if (portMin != null) {
      r.put("port_range_min", portMin);
    }
    if (portMax != null) {
      r.put("port_range_max", portMax);
    }
    if (remoteGroup != null) {
      r.put("remote_group_id", remoteGroup);
    }
    return r;
  }

  private Port byDevice(String device) {
    return ports.values().stream().filter(p -> p.device().equals(device)).findFirst().orElse(null);
  }

  @Override
  public Map<String, Object> getDevicesDetailsListAndFailedDevices(List<String> devices,
      String agentId, String host) {
    List<Map<String, Object>> out = new ArrayList<>();
    detailsAsked.addAll(devices);
    Runnable hook = onDetails;
    if (hook != null) {
      hook.run();
    }
    for (String device : devices) {
      Port p = byDevice(device);
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("device", device);
      if (p != null) {
        d.put("network_id", p.networkId());
        d.put("port_id", p.id());
        d.put("mac_address", p.mac());
        d.put("admin_state_up", true);
        d.put("network_type", p.networkType());
        d.put("segmentation_id", p.segmentationId());
        d.put("physical_network", p.physicalNetwork());
        d.put("mtu", p.networkType().equals("vxlan") ? 1450 : 1500);
        d.put("fixed_ips", List.of(Map.of("subnet_id", "subnet-" + p.networkId(),
            "ip_address", p.ip())));
        d.put("device_owner", "compute:nova");
        d.put("allowed_address_pairs", p.allowedAddressPairs());
        d.put("port_security_enabled", p.portSecurity());
        d.put("qos_policy_id", null);
        d.put("network_qos_policy_id", null);
        d.put("profile", Map.of());
        d.put("propagate_uplink_status", false);
      }
      out.add(d);
    }
    return Map.of("devices", out, "failed_devices", List.of());
  }

  @Override
  public Map<String, Object> updateDeviceList(List<String> up, List<String> down, String agentId,
      String host) {
    devicesUp.addAll(up);
    devicesDown.addAll(down);
    return Map.of("devices_up", up, "failed_devices_up", List.of(), "devices_down", down,
        "failed_devices_down", List.of());
  }

  @Override
  public Map<String, Object> securityGroupInfoForDevices(List<String> devices) {
    Map<String, Object> ports = new LinkedHashMap<>();
    Map<String, Object> groups = new LinkedHashMap<>();
    Map<String, Map<String, List<List<String>>>> members = new LinkedHashMap<>();
    for (String device : devices) {
      Port p = byDevice(device);
      if (p == null) {
        continue;
      }
      Map<String, Object> port = new LinkedHashMap<>();
      port.put("id", p.id());
      port.put("device", device);
      port.put("network_id", p.networkId());
      port.put("mac_address", p.mac());
      port.put("fixed_ips", List.of(p.ip()));
      port.put("allowed_address_pairs", p.allowedAddressPairs());
      port.put("security_groups", p.securityGroups());
      port.put("security_group_rules", List.of());
      port.put("port_security_enabled", p.portSecurity());
      port.put("device_owner", "compute:nova");
      List<String> sources = new ArrayList<>();
      for (String sg : p.securityGroups()) {
        List<Map<String, Object>> rules = securityGroups.getOrDefault(sg, List.of());
        groups.put(sg, rules);
        for (Map<String, Object> r : rules) {
          String remote = (String) r.get("remote_group_id");
          if (remote != null) {
            if (!sources.contains(remote)) {
              sources.add(remote);
            }
            members.computeIfAbsent(remote, k -> new LinkedHashMap<>())
                .computeIfAbsent((String) r.get("ethertype"), k -> new ArrayList<>());
          }
        }
      }
      port.put("security_group_source_groups", sources);
      ports.put(p.id(), port);
    }
    members.forEach((sg, byType) -> byType.forEach((ethertype, list) -> {
      for (Port p : this.ports.values()) {
        if (p.securityGroups().contains(sg) && ethertype.equals("IPv4")) {
          list.add(List.of(p.ip(), p.mac()));
        }
      }
    }));
    return Map.of("devices", ports, "security_groups", groups, "sg_member_ips", members);
  }

  @Override
  public String reportState(Map<String, Object> agentState, String time) {
    reports.add(agentState);
    return reports.size() == 1 ? "new" : "alive";
  }
}
