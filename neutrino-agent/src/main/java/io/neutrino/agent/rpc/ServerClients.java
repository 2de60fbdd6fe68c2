package io.neutrino.agent.rpc;

import io.neutrino.agent.dhcp.DhcpPluginApi;
import io.neutrino.agent.l2.L2PluginApi;
import io.neutrino.agent.l3.L3PluginApi;
import io.neutrino.messaging.Messaging;
import io.neutrino.messaging.RpcClient;
import io.neutrino.messaging.Target;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agents' side of the server's RPC, as Neutron's agents call it (neutron/agent/rpc.py
 * PluginApi and PluginReportStateAPI, securitygroups_rpc SecurityGroupServerRpcApi, the DHCP
 * agent's DhcpPluginApi, the L3 agent's L3PluginApi): same topics, namespaces, versions and
 * keyword arguments, so a Neutrino agent works with a Neutron server and the other way round.
 */
public final class ServerClients {
  /** Agents call as the admin context, as Neutron's agents do. */
  static final Map<String, Object> CONTEXT = Map.of("is_admin", true, "request_id", "agent");

  private final Messaging messaging;

  public ServerClients(Messaging messaging) {
    this.messaging = messaging;
  }

  private RpcClient client(String topic, String namespace, String version) {
    return messaging.rpcClient(Target.topic(topic).withNamespace(namespace).withVersion(version));
  }

  /** oslo's strtime of now (UTC, microseconds), which report_state carries as {@code time}. */
  static String now() {
    return LocalDateTime.ofInstant(Instant.now().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC).toString();
  }

  /** {@code report_state} on {@code q-reports-plugin} (namespace {@code state}, 1.2): a call. */
  String reportState(Map<String, Object> agentState, String time) {
    Object status = client("q-reports-plugin", "state", "1.2").call(CONTEXT, "report_state",
        Map.of("agent_state", Map.of("agent_state", agentState), "time", time));
    return status == null ? "alive" : status.toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object o) {
    return o instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
  }

  /** The L2 agent's calls: device RPC on {@code q-plugin} (1.5) and security groups (1.3). */
  public L2PluginApi l2() {
    RpcClient plugin = client("q-plugin", null, "1.5");
    RpcClient sg = client("q-plugin", "securitygroup", "1.3");
    return new L2PluginApi() {
      @Override
      public Map<String, Object> getDevicesDetailsListAndFailedDevices(List<String> devices,
          String agentId, String host) {
        return map(plugin.call(CONTEXT, "get_devices_details_list_and_failed_devices",
            Map.of("devices", devices, "agent_id", agentId, "host", host)));
      }

      @Override
      public Map<String, Object> updateDeviceList(List<String> up, List<String> down,
          String agentId, String host) {
        return map(plugin.call(CONTEXT, "update_device_list", Map.of("devices_up", up,
            "devices_down", down, "agent_id", agentId, "host", host)));
      }

      @Override
      public Map<String, Object> securityGroupInfoForDevices(List<String> devices) {
        return map(sg.call(CONTEXT, "security_group_info_for_devices", Map.of("devices", devices)));
      }

      @Override
      public String reportState(Map<String, Object> agentState, String time) {
        return ServerClients.this.reportState(agentState, time);
      }
    };
  }

  /** The DHCP agent's calls on {@code q-plugin}, namespace {@code dhcp} (1.1 as Neutron's agent). */
  public DhcpPluginApi dhcp(String host) {
    RpcClient dhcp = client("q-plugin", "dhcp", "1.1");
    return new DhcpPluginApi() {
      @Override
      public List<Map<String, Object>> getActiveNetworksInfo(boolean enableDhcpFilter) {
        return list(dhcp.call(CONTEXT, "get_active_networks_info",
            Map.of("host", host, "enable_dhcp_filter", enableDhcpFilter)));
      }

      @Override
      public Optional<Map<String, Object>> getNetworkInfo(String networkId) {
        Object net = dhcp.call(CONTEXT, "get_network_info", Map.of("network_id", networkId, "host", host));
        return net == null ? Optional.empty() : Optional.of(map(net));
      }

      @Override
      public Map<String, Object> createDhcpPort(Map<String, Object> port) {
        return map(dhcp.call(CONTEXT, "create_dhcp_port", Map.of("port", port, "host", host)));
      }

      @Override
      public Map<String, Object> updateDhcpPort(String portId, Map<String, Object> port) {
        return map(dhcp.call(CONTEXT, "update_dhcp_port",
            Map.of("port_id", portId, "port", port, "host", host)));
      }

      @Override
      public void releaseDhcpPort(String networkId, String deviceId) {
        dhcp.call(CONTEXT, "release_dhcp_port",
            Map.of("network_id", networkId, "device_id", deviceId, "host", host));
      }

      @Override
      public void dhcpReadyOnPorts(Collection<String> portIds) {
        dhcp.version("1.5").call(CONTEXT, "dhcp_ready_on_ports", Map.of("port_ids", List.copyOf(portIds)));
      }

      @Override
      public String reportState(Map<String, Object> agentState) {
        return ServerClients.this.reportState(agentState, now());
      }
    };
  }

  /** The L3 agent's calls on {@code q-l3-plugin} (1.0 as Neutron's agent asks for sync_routers). */
  public L3PluginApi l3(String host) {
    RpcClient l3 = client("q-l3-plugin", null, "1.0");
    return new L3PluginApi() {
      @Override
      public List<Map<String, Object>> syncRouters(Collection<String> routerIds) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("host", host);
        args.put("router_ids", routerIds == null ? null : List.copyOf(routerIds));
        return list(l3.call(CONTEXT, "sync_routers", args));
      }

      @Override
      public void updateFloatingipStatuses(String routerId, Map<String, String> fipStatuses) {
        l3.call(CONTEXT, "update_floatingip_statuses",
            Map.of("router_id", routerId, "fip_statuses", fipStatuses));
      }

      @Override
      public String getExternalNetworkId() {
        Object id = l3.call(CONTEXT, "get_external_network_id", Map.of("host", host));
        return id == null ? null : id.toString();
      }

      @Override
      public String reportState(Map<String, Object> agentState) {
        return ServerClients.this.reportState(agentState, now());
      }
    };
  }
}
