package io.neutrino.server.ml2;

import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.lib.spi.ml2.NetworkSegment;
import io.neutrino.server.db.Database;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of the L2 agents' RPC (neutron/plugins/ml2/rpc.py RpcCallbacks) as plain
 * methods, for the messaging layer to expose on the {@code q-plugin} topic: device details (which
 * bind the port when it waits for it), device up and device down; and the DHCP agent's
 * {@code dhcp_ready_on_ports}, which ends the other provisioning block a port waits for. A device
 * is a port id or an agent's device name, resolved by {@link Devices}.
 */
public final class L2AgentCallbacks {
  private static final Logger LOG = LoggerFactory.getLogger(L2AgentCallbacks.class);

  private final Database db;
  private final Devices devices;
  private final Ml2Drivers drivers;
  private final ProvisioningBlocks blocks;
  private final ResourceHandler ports;

  L2AgentCallbacks(Database db, Devices devices, Ml2Drivers drivers, ProvisioningBlocks blocks,
      ResourceHandler ports) {
    this.db = db;
    this.devices = devices;
    this.drivers = drivers;
    this.blocks = blocks;
    this.ports = ports;
  }

  /** The port a device names, or null. */
  private String portId(String device) {
    return devices.portId(device).orElse(null);
  }

  private Map<String, Object> port(String portId) {
    try {
      return portId == null ? null : ports.get(RequestContext.admin("rpc"), portId);
    } catch (NeutronException notFound) {
      return null;
    }
  }

  /**
   * get_device_details: Neutron's device dict for the L2 agent on {@code host} ({@code device} only
   * when the port is unknown or not bound, plus {@code no_active_binding} when a compute port is
   * bound elsewhere). A port waiting for binding is bound first; the agent on the port's host asking
   * sets its status to BUILD (DOWN when admin down) until it reports the device up.
   */
  public Map<String, Object> getDeviceDetails(String device, String agentId, String host) {
    String portId = portId(device);
    Map<String, Object> port = port(portId);
    Ml2PortContext context = port == null ? null : db.read(h -> drivers.load(h, portId, port));
    if (context == null) {
      LOG.debug("Device {} requested by agent {} not found in database", device, agentId);
      return Map.of("device", device);
    }
    context = drivers.bindIfNeeded(context);
    NetworkSegment segment = context.bottomBoundSegment();
    Map<String, Object> current = context.current();
    if (segment == null) {
      LOG.warn("Device {} requested by agent {} on network {} not bound, vif_type: {}", device, agentId,
          current.get("network_id"), context.vifType());
      return Map.of("device", device);
    }
    if (((String) current.get("device_owner")).startsWith("compute:") && !context.host().equals(host)) {
      return Map.of("device", device, "no_active_binding", true);
    }
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("device", device);
    entry.put("network_id", current.get("network_id"));
    entry.put("port_id", current.get("id"));
    entry.put("mac_address", current.get("mac_address"));
    entry.put("admin_state_up", current.get("admin_state_up"));
    entry.put("network_type", segment.networkType());
    entry.put("segmentation_id", segment.segmentationId());
    entry.put("physical_network", segment.physicalNetwork());
    entry.put("mtu", context.network().current().get("mtu"));
    entry.put("fixed_ips", current.get("fixed_ips"));
    entry.put("device_owner", current.get("device_owner"));
    entry.put("allowed_address_pairs", current.get("allowed_address_pairs"));
    entry.put("port_security_enabled", current.getOrDefault("port_security_enabled", true));
    entry.put("qos_policy_id", current.get("qos_policy_id"));
    entry.put("network_qos_policy_id", context.network().current().get("qos_policy_id"));
    entry.put("profile", current.get("binding:profile"));
    entry.put("propagate_uplink_status", current.getOrDefault("propagate_uplink_status", false));
    // Not in Neutron's dict (its agents ask the security group RPC); ours read it from here.
    entry.put("security_groups", current.getOrDefault("security_groups", List.of()));
    if (host == null || host.isEmpty() || host.equals(context.host())) {
      String status = Boolean.TRUE.equals(current.get("admin_state_up")) ? "BUILD" : "DOWN";
      if (!status.equals(current.get("status"))) {
        drivers.updateStatus(portId, status, port);
      }
    }
    return entry;
  }

  /** get_devices_details_list: one dict per device, in order. */
  public List<Map<String, Object>> getDevicesDetailsList(List<String> devices, String agentId, String host) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String d : devices) {
      out.add(getDeviceDetails(d, agentId, host));
    }
    return out;
  }

  /**
   * update_device_up: the agent on {@code host} wired the device, which ends the port's L2
   * provisioning block; unless another block is left (a DHCP agent still to serve it) the port
   * becomes ACTIVE (the mechanism drivers follow the status change: l2population sends FDB
   * entries). A port bound to another host is left alone.
   */
  public void updateDeviceUp(String device, String agentId, String host) {
    String portId = portId(device);
    Map<String, Object> port = port(portId);
    if (port == null) {
      LOG.debug("Port of device {} not found", device);
      return;
    }
    if (host != null && !host.isEmpty() && !Objects.equals(host, port.get("binding:host_id"))) {
      LOG.debug("Device {} not bound to the agent host {}", device, host);
      return;
    }
    activateWhenUnblocked(portId, ProvisioningBlocks.L2, port);
  }

  /**
   * dhcp_ready_on_ports (dhcp_rpc.py): the DHCP agent serves these ports now, which ends their DHCP
   * provisioning block; a port with nothing else to wait for becomes ACTIVE. Unknown ids are
   * skipped (ports deleted meanwhile).
   */
  public void dhcpReadyOnPorts(Collection<String> portIds) {
    for (String portId : portIds) {
      Map<String, Object> port = port(portId);
      if (port != null) {
        activateWhenUnblocked(portId, ProvisioningBlocks.DHCP, port);
      }
    }
  }

  private void activateWhenUnblocked(String portId, String entity, Map<String, Object> port) {
    if (blocks.complete(portId, entity)) {
      drivers.updateStatus(portId, "ACTIVE", port);
    } else {
      LOG.debug("Port {} done by {}; waits for {}", portId, entity, blocks.of(portId));
    }
  }

  /**
   * update_device_down: the device is gone from the agent on {@code host}; the port becomes DOWN
   * when bound there. Answers {@code {"device": ..., "exists": true|false}} as Neutron does.
   */
  public Map<String, Object> updateDeviceDown(String device, String agentId, String host) {
    String portId = portId(device);
    Map<String, Object> port = port(portId);
    boolean exists = port != null;
    if (port != null && host != null && !host.isEmpty() && !Objects.equals(host, port.get("binding:host_id"))) {
      LOG.debug("Device {} not bound to the agent host {}", device, host);
    } else if (port != null) {
      exists = drivers.updateStatus(portId, "DOWN", port);
    }
    return Map.of("device", device, "exists", exists);
  }
}
