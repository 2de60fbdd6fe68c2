package io.neutrino.server.agent.scheduler;

import io.neutrino.lib.context.RequestContext;
import java.util.Map;

/**
 * The casts the server sends DHCP agents (neutron/api/rpc/agentnotifiers/dhcp_rpc_agent_api.py
 * DhcpAgentNotifyAPI): each one goes to topic {@value #TOPIC} on the named host, or to every
 * DHCP agent (fanout) when {@code host} is null, with keyword argument {@code payload}. Which
 * hosts hear of what is decided by {@link DhcpNotifications}; an implementation only carries the
 * cast. The named methods all end in {@link #cast}, which is all a transport has to implement.
 */
@FunctionalInterface
public interface DhcpAgentNotifier {
  String TOPIC = "dhcp_agent";

  /** Sends nothing: the server without an RPC transport. */
  DhcpAgentNotifier NONE = (ctx, host, method, payload) -> {};

  void cast(RequestContext ctx, String host, String method, Map<String, Object> payload);

  default void networkCreateEnd(RequestContext ctx, String host, Map<String, Object> payload) {
    cast(ctx, host, "network_create_end", payload);
  }

  default void networkUpdateEnd(RequestContext ctx, String host, Map<String, Object> payload) {
    cast(ctx, host, "network_update_end", payload);
  }

  default void networkDeleteEnd(RequestContext ctx, String host, Map<String, Object> payload) {
    cast(ctx, host, "network_delete_end", payload);
  }

  default void subnetCreateEnd(RequestContext ctx, String host, Map<String, Object> payload) {
    cast(ctx, host, "subnet_create_end", payload);
  }

  default void subnetUpdateEnd(RequestContext ctx, String host, Map<String, Object> payload) {
    cast(ctx, host, "subnet_update_end", payload);
  }

  default void subnetDeleteEnd(RequestContext ctx, String host, Map<String, Object> payload) {
    cast(ctx, host, "subnet_delete_end", payload);
  }

  default void portCreateEnd(RequestContext ctx, String host, Map<String, Object> payload) {
    cast(ctx, host, "port_create_end", payload);
  }

  default void portUpdateEnd(RequestContext ctx, String host, Map<String, Object> payload) {
    cast(ctx, host, "port_update_end", payload);
  }

  default void portDeleteEnd(RequestContext ctx, String host, Map<String, Object> payload) {
    cast(ctx, host, "port_delete_end", payload);
  }
}
