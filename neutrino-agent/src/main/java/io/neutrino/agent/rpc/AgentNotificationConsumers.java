package io.neutrino.agent.rpc;

import io.neutrino.agent.dhcp.DhcpAgentRpcCallbacks;
import io.neutrino.agent.l2.L2AgentRpcCallbacks;
import io.neutrino.agent.l3.L3AgentRpcCallbacks;
import io.neutrino.messaging.Endpoint;
import io.neutrino.messaging.Messaging;
import io.neutrino.messaging.RpcServer;
import io.neutrino.messaging.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the agents hear from the server, consumed on Neutron's topics so a Neutron server's casts
 * reach a Neutrino agent: the L2 agent's fanout topics {@code q-agent-notifier-<resource>-<op>}
 * (plus the host's own l2population topic), the DHCP agent's {@code dhcp_agent.<host>} and the
 * L3 agent's {@code l3_agent.<host>}.
 */
public final class AgentNotificationConsumers {
  private AgentNotificationConsumers() {}

  /** neutron/common/topics.py get_topic_name. */
  static String topic(String resource, String operation) {
    return "q-agent-notifier-" + resource + "-" + operation;
  }

  /** The L2 agent's consumers (neutron/agent/rpc.py create_consumers); start them, close them. */
  public static List<RpcServer> l2(Messaging messaging, String host, L2AgentRpcCallbacks cb) {
    Map<String, Endpoint.Method> m = new LinkedHashMap<>();
    m.put("port_update", (ctx, a) -> {
      cb.portUpdate(map(a.get("port")));
      return null;
    });
    m.put("port_delete", (ctx, a) -> {
      cb.portDelete(str(a.get("port_id")));
      return null;
    });
    m.put("network_delete", (ctx, a) -> {
      cb.networkDelete(str(a.get("network_id")));
      return null;
    });
    m.put("network_update", (ctx, a) -> {
      cb.networkUpdate(map(a.get("network")));
      return null;
    });
    m.put("security_groups_rule_updated", (ctx, a) -> {
      cb.securityGroupsRuleUpdated(strings(a.get("security_groups")));
      return null;
    });
    m.put("security_groups_member_updated", (ctx, a) -> {
      cb.securityGroupsMemberUpdated(strings(a.get("security_groups")));
      return null;
    });
    m.put("add_fdb_entries", (ctx, a) -> {
      cb.fdbAdd(map(a.get("fdb_entries")));
      return null;
    });
    m.put("remove_fdb_entries", (ctx, a) -> {
      cb.fdbRemove(map(a.get("fdb_entries")));
      return null;
    });
    m.put("update_fdb_entries", (ctx, a) -> {
      cb.updateFdb(map(a.get("fdb_entries")));
      return null;
    });
    List<Endpoint> endpoints = List.of(Endpoint.of("1.5", m));
    List<RpcServer> servers = new ArrayList<>();
    for (String[] t : new String[][] {{"port", "update"}, {"network", "delete"}, {"network", "update"},
        {"securitygroup", "update"}, {"port", "delete"}, {"l2population", "update"}}) {
      // An oslo RPC server consumes its topic, topic.server and topic's fanout exchange alike.
      servers.add(messaging.rpcServer(Target.topic(topic(t[0], t[1])).withServer(host), endpoints));
    }
    servers.add(messaging.rpcServer(
        Target.topic(topic("l2population", "update") + "." + host).withServer(host), endpoints));
    return servers;
  }

  /** The DHCP agent's consumer: topic {@code dhcp_agent}, server {@code host}. */
  public static RpcServer dhcp(Messaging messaging, String host, DhcpAgentRpcCallbacks cb) {
    Map<String, Endpoint.Method> m = new LinkedHashMap<>();
    m.put("network_create_end", (ctx, a) -> run(() -> cb.networkCreateEnd(map(a.get("payload")))));
    m.put("network_update_end", (ctx, a) -> run(() -> cb.networkUpdateEnd(map(a.get("payload")))));
    m.put("network_delete_end", (ctx, a) -> run(() -> cb.networkDeleteEnd(map(a.get("payload")))));
    m.put("subnet_create_end", (ctx, a) -> run(() -> cb.subnetCreateEnd(map(a.get("payload")))));
    m.put("subnet_update_end", (ctx, a) -> run(() -> cb.subnetUpdateEnd(map(a.get("payload")))));
    m.put("subnet_delete_end", (ctx, a) -> run(() -> cb.subnetDeleteEnd(map(a.get("payload")))));
    m.put("port_create_end", (ctx, a) -> run(() -> cb.portCreateEnd(map(a.get("payload")))));
    m.put("port_update_end", (ctx, a) -> run(() -> cb.portUpdateEnd(map(a.get("payload")))));
    m.put("port_delete_end", (ctx, a) -> run(() -> cb.portDeleteEnd(map(a.get("payload")))));
    m.put("agent_updated", (ctx, a) -> run(() -> cb.agentUpdated(map(a.get("payload")))));
    return messaging.rpcServer(Target.topic("dhcp_agent").withServer(host), List.of(Endpoint.of("1.0", m)));
  }

  /** The L3 agent's consumer: topic {@code l3_agent}, server {@code host}. */
  public static RpcServer l3(Messaging messaging, String host, L3AgentRpcCallbacks cb) {
    Map<String, Endpoint.Method> m = new LinkedHashMap<>();
    m.put("routers_updated", (ctx, a) -> run(() -> cb.routersUpdated(strings(a.get("routers")))));
    m.put("router_deleted", (ctx, a) -> run(() -> cb.routerDeleted(str(a.get("router_id")))));
    m.put("router_added_to_agent", (ctx, a) -> run(() -> cb.routerAddedToAgent(strings(a.get("payload")))));
    m.put("router_removed_from_agent", (ctx, a) -> run(() -> cb.routerRemovedFromAgent(map(a.get("payload")))));
    m.put("agent_updated", (ctx, a) -> run(() -> cb.agentUpdated(map(a.get("payload")))));
    return messaging.rpcServer(Target.topic("l3_agent").withServer(host), List.of(Endpoint.of("1.5", m)));
  }

  private static Object run(Runnable r) {
    r.run();
    return null;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }

  /** A list of ids; Neutron sometimes sends a list of router dicts with an {@code id} instead. */
  @SuppressWarnings("unchecked")
  private static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      for (Object x : l) {
        out.add(x instanceof Map<?, ?> m ? String.valueOf(((Map<String, Object>) m).get("id")) : String.valueOf(x));
      }
    }
    return out;
  }
}
