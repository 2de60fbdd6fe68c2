package io.neutrino.server.agent.scheduler;

import io.neutrino.lib.context.RequestContext;
import java.util.List;
import java.util.Map;

/**
 * What the server tells L3 agents (neutron/api/rpc/agentnotifiers/l3_rpc_agent_api.py
 * L3AgentNotifyAPI), on topic {@value #TOPIC}: to one host, or to every L3 agent (fanout) when
 * {@code host} is null. {@code router_added_to_agent} is a call in Neutron (the server wants to
 * know the agent got it), the others casts. {@link L3Notifications} decides which hosts hear of
 * what; a transport implements {@link #send}.
 */
@FunctionalInterface
public interface L3AgentNotifier {
  String TOPIC = "l3_agent";

  /** Sends nothing: the server without an RPC transport. */
  L3AgentNotifier NONE = (ctx, host, method, kwargs) -> {};

  /** One message: {@code method} with keyword arguments {@code kwargs}. */
  void send(RequestContext ctx, String host, String method, Map<String, Object> kwargs);

  default void routersUpdated(RequestContext ctx, String host, List<String> routerIds) {
    send(ctx, host, "routers_updated", Map.of("routers", routerIds));
  }

  /** Fanout, as Neutron sends it. */
  default void routerDeleted(RequestContext ctx, String routerId) {
    send(ctx, null, "router_deleted", Map.of("router_id", routerId));
  }

  default void routerAddedToAgent(RequestContext ctx, String host, List<String> routerIds) {
    send(ctx, host, "router_added_to_agent", Map.of("payload", routerIds));
  }

  default void routerRemovedFromAgent(RequestContext ctx, String host, String routerId) {
    send(ctx, host, "router_removed_from_agent", Map.of("payload", Map.of("router_id", routerId)));
  }
}
