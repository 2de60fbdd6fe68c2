package io.neutrino.server.rpc;

import io.neutrino.messaging.Endpoint;
import io.neutrino.server.agent.AgentRegistry;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's RPC endpoints, on Neutron's topics, namespaces and versions, so Neutron's own
 * agents and Neutrino's can talk to it: each maps a Neutron method name and its keyword
 * arguments onto the transport-independent handlers of this package.
 */
public final class AgentRpcEndpoints {
  /** Topics as neutron/common/topics.py names them. */
  public static final String TOPIC_PLUGIN = "q-plugin";
  public static final String TOPIC_REPORTS = "q-reports-plugin";
  public static final String TOPIC_L3_PLUGIN = "q-l3-plugin";

  private final AgentRegistry agents;
  private final Instant serverStart;
  private final L2DeviceRpc l2;
  private final SecurityGroupRpc securityGroups;
  private final DhcpRpc dhcp;
  private final L3Rpc l3;

  AgentRpcEndpoints(AgentRegistry agents, Instant serverStart, L2DeviceRpc l2,
      SecurityGroupRpc securityGroups, DhcpRpc dhcp, L3Rpc l3) {
    this.agents = agents;
    this.serverStart = serverStart;
    this.l2 = l2;
    this.securityGroups = securityGroups;
    this.dhcp = dhcp;
    this.l3 = l3;
  }

  /** {@code q-reports-plugin}: AgentExtRpcCallback (namespace {@code state}, 1.2). */
  public List<Endpoint> reports() {
    return List.of(new Endpoint("state", "1.2", Map.of(
        "report_state", (ctx, args) -> reportState(args),
        "has_alive_neutron_server", (ctx, args) -> true)));
  }

  /**
   * {@code q-plugin}: ML2's RpcCallbacks (1.9), the security-group callback ({@code securitygroup},
   * 1.3) and the DHCP callback ({@code dhcp}, 1.10).
   */
  public List<Endpoint> plugin() {
    Map<String, Endpoint.Method> ml2 = new LinkedHashMap<>();
    ml2.put("get_device_details", (ctx, a) ->
        l2.deviceDetails(str(a, "device"), str(a, "agent_id"), str(a, "host")));
    ml2.put("get_devices_details_list", (ctx, a) ->
        strings(a, "devices").stream().map(d -> l2.deviceDetails(d, str(a, "agent_id"), str(a, "host"))).toList());
    ml2.put("get_devices_details_list_and_failed_devices", (ctx, a) ->
        l2.devicesDetails(strings(a, "devices"), str(a, "agent_id"), str(a, "host")));
    ml2.put("update_device_up", (ctx, a) -> {
      l2.deviceUp(str(a, "device"), str(a, "agent_id"), str(a, "host"));
      return null;
    });
    ml2.put("update_device_down", (ctx, a) ->
        l2.deviceDown(str(a, "device"), str(a, "agent_id"), str(a, "host")));
    ml2.put("update_device_list", (ctx, a) -> l2.deviceList(strings(a, "devices_up"),
        strings(a, "devices_down"), str(a, "agent_id"), str(a, "host")));
    Map<String, Endpoint.Method> sg = Map.of(
        "security_group_info_for_devices", (ctx, a) -> securityGroups.infoForDevices(strings(a, "devices")));
    Map<String, Endpoint.Method> d = new LinkedHashMap<>();
    d.put("get_active_networks_info", (ctx, a) -> dhcp.activeNetworksInfo(str(a, "host"),
        !Boolean.FALSE.equals(a.get("enable_dhcp_filter"))));
    d.put("get_network_info", (ctx, a) -> dhcp.networkInfo(str(a, "network_id")).orElse(null));
    // The DHCP agent sends port={'port': {...}}, as a POST body would be.
    d.put("create_dhcp_port", (ctx, a) -> dhcp.createDhcpPort(str(a, "host"), member(member(a, "port"), "port")));
    d.put("update_dhcp_port", (ctx, a) -> dhcp.updateDhcpPort(str(a, "host"), str(a, "port_id"),
        member(member(a, "port"), "port")).orElse(null));
    d.put("get_dhcp_port", (ctx, a) -> dhcp.port(str(a, "port_id")).orElse(null));
    d.put("release_dhcp_port", (ctx, a) -> {
      dhcp.releaseDhcpPort(str(a, "network_id"), str(a, "device_id"));
      return null;
    });
    // Ends the ports' DHCP provisioning blocks, which ML2 keeps (no ML2: nothing waits for them).
    d.put("dhcp_ready_on_ports", (ctx, a) -> {
      if (l2 != null) {
        l2.dhcpReady(strings(a, "port_ids"));
      }
      return null;
    });
    List<Endpoint> all = new java.util.ArrayList<>(List.of(new Endpoint("securitygroup", "1.3", sg),
        new Endpoint("dhcp", "1.10", d)));
    if (l2 != null) {
      all.add(0, Endpoint.of("1.9", ml2));
    }
    return all;
  }

  /** {@code q-l3-plugin}: L3RpcCallback (1.12). */
  public List<Endpoint> l3() {
    Map<String, Endpoint.Method> m = new LinkedHashMap<>();
    m.put("sync_routers", (ctx, a) -> l3.syncRouters(str(a, "host"),
        a.get("router_ids") == null ? null : strings(a, "router_ids")));
    m.put("get_router_ids", (ctx, a) -> l3.routerIds(str(a, "host")));
    m.put("get_service_plugin_list", (ctx, a) -> List.of("router"));
    m.put("update_floatingip_statuses", (ctx, a) -> {
      @SuppressWarnings("unchecked")
      Map<String, String> statuses = (Map<String, String>) a.getOrDefault("fip_statuses", Map.of());
      l3.updateFloatingipStatuses(str(a, "router_id"), statuses);
      return null;
    });
    m.put("get_external_network_id", (ctx, a) -> l3.externalNetworkId());
    return List.of(Endpoint.of("1.12", m));
  }

  /**
   * report_state: {@code agent_state} comes wrapped as {@code {"agent_state": {...}}}, {@code time}
   * as the agent's clock in oslo's strtime; reports older than the server's start are stale
   * (queued while it was down) and skipped, as Neutron does.
   */
  private Object reportState(Map<String, Object> args) {
    Map<String, Object> outer = member(args, "agent_state");
    Map<String, Object> state = outer.get("agent_state") instanceof Map<?, ?> ? member(outer, "agent_state") : outer;
    Instant sent = parseTime(args.get("time"));
    if (sent != null && sent.isBefore(serverStart)) {
      return null;
    }
    return agents.reportState(state).status().wire;
  }

  static Instant parseTime(Object time) {
    if (!(time instanceof String s) || s.isBlank()) {
      return null;
    }
    try {
      return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String str(Map<String, Object> args, String key) {
    Object v = args.get(key);
    return v == null ? null : v.toString();
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Map<String, Object> args, String key) {
    Object v = args.get(key);
    return v instanceof List<?> l ? (List<String>) l : List.of();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> member(Map<String, Object> args, String key) {
    Object v = args.get(key);
    return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
