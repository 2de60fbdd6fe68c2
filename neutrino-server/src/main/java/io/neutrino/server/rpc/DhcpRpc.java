package io.neutrino.server.rpc;

import io.neutrino.lib.apidef.ResourceDef;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.server.api.RequestBodies;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The server side of the DHCP agent's RPC (neutron/api/rpc/handlers/dhcp_rpc.py, namespace
 * {@code dhcp}): the networks an agent serves with their DHCP-enabled subnets and ports, and the
 * agent's own DHCP ports, created and changed through the core plugin exactly as an API request
 * would be (same defaults, validation and quota).
 */
public final class DhcpRpc {
  static final String DEVICE_OWNER_DHCP = "network:dhcp";

  private final CoreReads reads;
  private final PluginContext plugins;
  private final ResourceDef ports;
  private final Function<String, Set<String>> networksOfHost;

  /**
   * @param networksOfHost the networks the DHCP agent on a host serves (the scheduler's answer,
   *     scheduling first what is not yet placed)
   */
  DhcpRpc(CoreReads reads, PluginContext plugins, ResourceDef ports,
      Function<String, Set<String>> networksOfHost) {
    this.reads = reads;
    this.plugins = plugins;
    this.ports = ports;
    this.networksOfHost = networksOfHost;
  }

  /** {@code get_active_networks_info}: every network the agent on {@code host} serves. */
  public List<Map<String, Object>> activeNetworksInfo(String host, boolean enableDhcpFilter) {
    Set<String> ids = networksOfHost.apply(host);
    Map<String, List<Map<String, Object>>> portsByNetwork = new LinkedHashMap<>();
    for (Map<String, Object> p : reads.where("ports", "network_id", ids)) {
      portsByNetwork.computeIfAbsent((String) p.get("network_id"), k -> new ArrayList<>()).add(p);
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> net : reads.where("networks", "id", ids)) {
      out.add(info(net, portsByNetwork.getOrDefault((String) net.get("id"), List.of()),
          enableDhcpFilter ? Boolean.TRUE : null));
    }
    return out;
  }

  /** {@code get_network_info}: one network, or empty if it was deleted meanwhile. */
  public Optional<Map<String, Object>> networkInfo(String networkId) {
    return reads.find("networks", networkId)
        .map(net -> info(net, reads.where("ports", "network_id", List.of(networkId)), Boolean.TRUE));
  }

  private Map<String, Object> info(Map<String, Object> net, List<Map<String, Object>> netPorts,
      Boolean enableDhcp) {
    List<Map<String, Object>> subnets = new ArrayList<>();
    for (Map<String, Object> s : reads.where("subnets", "network_id", List.of(net.get("id")))) {
      if (enableDhcp == null || enableDhcp.equals(s.get("enable_dhcp"))) {
        subnets.add(s);
      }
    }
    subnets.sort(Comparator.comparing(s -> (String) s.get("id")));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", net.get("id"));
    out.put("project_id", net.get("project_id"));
    out.put("tenant_id", net.get("project_id"));
    out.put("admin_state_up", net.get("admin_state_up"));
    out.put("subnets", subnets);
    out.put("non_local_subnets", List.of());
    out.put("ports", netPorts);
    out.put("mtu", net.get("mtu"));
    return out;
  }

  /** {@code get_dhcp_port} (1.8): a port as the agent reads it; empty when it is gone. */
  public Optional<Map<String, Object>> port(String portId) {
    return portId == null ? Optional.empty() : reads.find("ports", portId);
  }

  /** {@code create_dhcp_port}: the agent's port on a network, bound to its host. */
  public Map<String, Object> createDhcpPort(String host, Map<String, Object> port) {
    Map<String, Object> req = new LinkedHashMap<>(port);
    req.put("device_owner", DEVICE_OWNER_DHCP);
    req.put("binding:host_id", host);
    req.remove("mac_address");
    if (req.get("project_id") == null && req.get("tenant_id") == null) {
      // The port belongs to the network's project, as Neutron's DHCP agent asks for.
      reads.find("networks", String.valueOf(req.get("network_id")))
          .ifPresent(net -> req.put("project_id", net.get("project_id")));
    }
    var ready = RequestBodies.forCreate(ports, req, CoreReads.admin());
    return plugins.handler("ports").create(CoreReads.admin(), ready);
  }

  /** {@code update_dhcp_port}: changes to the agent's port (e.g. its fixed IPs); empty if gone. */
  public Optional<Map<String, Object>> updateDhcpPort(String host, String portId,
      Map<String, Object> port) {
    Map<String, Object> req = new LinkedHashMap<>(port);
    req.remove("id");
    req.remove("network_id");
    req.put("binding:host_id", host);
    try {
      return Optional.of(plugins.handler("ports").update(CoreReads.admin(), portId,
          RequestBodies.forUpdate(ports, req)));
    } catch (NeutronException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** {@code release_dhcp_port}: deletes the agent's ports ({@code device_id}) on a network. */
  public void releaseDhcpPort(String networkId, String deviceId) {
    for (Map<String, Object> p : reads.where("ports", "device_id", List.of(deviceId))) {
      if (networkId.equals(p.get("network_id"))) {
        try {
          plugins.handler("ports").delete(CoreReads.admin(), (String) p.get("id"));
        } catch (NeutronException e) {
          if (e.status() != 404) {
            throw e;
          }
        }
      }
    }
  }
}
