package io.neutrino.agent.l3;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The notifications the server casts to L3 agents (topic {@code l3_agent.<host>}; sender:
 * neutron/api/rpc/agentnotifiers/l3_rpc_agent_api.py), with Neutron's method names and payloads.
 * Each handler only queues the work on the agent's thread.
 */
public final class L3AgentRpcCallbacks {
  private final L3Agent agent;

  public L3AgentRpcCallbacks(L3Agent agent) {
    this.agent = Objects.requireNonNull(agent);
  }

  /** {@code routers_updated(routers=[router id, ...])}: fetch and process those routers. */
  public void routersUpdated(List<String> routers) {
    List<String> ids = List.copyOf(routers);
    agent.submit(() -> agent.routersUpdated(ids));
  }

  /** {@code router_deleted(router_id)}. */
  public void routerDeleted(String routerId) {
    agent.submit(() -> agent.routerDeleted(routerId));
  }

  /** {@code router_added_to_agent(payload=[router id, ...])}: as an update of those routers. */
  public void routerAddedToAgent(List<String> payload) {
    routersUpdated(payload);
  }

  /** {@code router_removed_from_agent(payload={'router_id': ...})}. */
  public void routerRemovedFromAgent(Map<String, ?> payload) {
    Object id = payload.get("router_id");
    if (id == null) {
      throw new IllegalArgumentException("payload has no router_id: " + payload);
    }
    routerDeleted(id.toString());
  }

  /** {@code agent_updated(payload={'admin_state_up': ...})}: Neutron resyncs everything. */
  public void agentUpdated(Map<String, ?> payload) {
    agent.submit(() -> agent.scheduleFullResync("agent updated: " + payload));
  }
}
