package io.neutrino.agent.dhcp;

import java.util.Map;
import java.util.Objects;

/**
 * The notifications the server casts to DHCP agents (topic {@code dhcp_agent.<host>}; sender:
 * neutron/api/rpc/agentnotifiers/dhcp_rpc_agent_api.py), with Neutron's method names and payloads.
 * Each handler only queues the work on the agent's thread and returns, as the casts expect.
 */
public final class DhcpAgentRpcCallbacks {
  private final DhcpAgent agent;

  public DhcpAgentRpcCallbacks(DhcpAgent agent) {
    this.agent = Objects.requireNonNull(agent);
  }

  /** {@code network_create_end(payload={'network': {'id': ...}})}. */
  public void networkCreateEnd(Map<String, ?> payload) {
    String id = str(map(payload, "network"), "id");
    agent.submit(() -> agent.networkCreated(id));
  }

  /** {@code network_update_end(payload={'network': {'id', 'admin_state_up', ...}})}. */
  public void networkUpdateEnd(Map<String, ?> payload) {
    Map<String, ?> network = map(payload, "network");
    String id = str(network, "id");
    boolean up = !Boolean.FALSE.equals(network.get("admin_state_up"));
    agent.submit(() -> agent.networkUpdated(id, up));
  }

  /** {@code network_delete_end(payload={'network_id': ...})}. */
  public void networkDeleteEnd(Map<String, ?> payload) {
    String id = str(payload, "network_id");
    agent.submit(() -> agent.networkDeleted(id));
  }

  /** {@code subnet_create_end(payload={'subnet': {'network_id': ...}})}: as an update. */
  public void subnetCreateEnd(Map<String, ?> payload) {
    subnetUpdateEnd(payload);
  }

  /** {@code subnet_update_end(payload={'subnet': {'network_id': ...}})}. */
  public void subnetUpdateEnd(Map<String, ?> payload) {
    String networkId = str(map(payload, "subnet"), "network_id");
    agent.submit(() -> agent.subnetChanged(networkId));
  }

  /** {@code subnet_delete_end(payload={'subnet_id': ..., 'network_id': ...})}. */
  public void subnetDeleteEnd(Map<String, ?> payload) {
    String subnetId = str(payload, "subnet_id");
    String networkId = str(payload, "network_id");
    agent.submit(() -> agent.subnetDeleted(subnetId, networkId));
  }

  /** {@code port_create_end(payload={'port': {...}})}. */
  public void portCreateEnd(Map<String, ?> payload) {
    DhcpNetwork.Port port = DhcpNetwork.Port.fromMap(map(payload, "port"));
    agent.submit(() -> agent.portChanged(port));
  }

  /** {@code port_update_end(payload={'port': {...}})}. */
  public void portUpdateEnd(Map<String, ?> payload) {
    DhcpNetwork.Port port = DhcpNetwork.Port.fromMap(map(payload, "port"));
    agent.submit(() -> agent.portChanged(port));
  }

  /** {@code port_delete_end(payload={'port_id': ..., 'network_id': ...})}. */
  public void portDeleteEnd(Map<String, ?> payload) {
    String portId = str(payload, "port_id");
    String networkId = str(payload, "network_id");
    agent.submit(() -> agent.portDeleted(portId, networkId));
  }

  /** {@code agent_updated(payload={'admin_state_up': ...})}: Neutron resyncs everything. */
  public void agentUpdated(Map<String, ?> payload) {
    agent.submit(() -> agent.scheduleFullResync("agent updated: " + payload));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> map(Map<String, ?> m, String key) {
    Object v = m.get(key);
    if (!(v instanceof Map)) {
      throw new IllegalArgumentException("payload has no '" + key + "' dict: " + m);
    }
    return (Map<String, ?>) v;
  }

  private static String str(Map<String, ?> m, String key) {
    return DhcpNetwork.str(m, key);
  }
}
