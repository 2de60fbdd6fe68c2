package io.neutrino.server.rpc;

import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.events.Event;
import io.neutrino.lib.events.ResourceEvent;
import io.neutrino.messaging.Messaging;
import io.neutrino.messaging.Target;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.server.agent.scheduler.DhcpAgentNotifier;
import io.neutrino.server.agent.scheduler.L3AgentNotifier;
import io.neutrino.server.ml2.mech.L2populationNotifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's casts to agents, as Neutron's notifiers send them (ml2 rpc.py AgentNotifierApi,
 * l2pop_rpc, dhcp_rpc_agent_api, l3_rpc_agent_api): L2 agents hear port, network and
 * security-group changes on the {@code q-agent-notifier-*} fanout topics; DHCP and L3 agents hear
 * about their networks and routers on {@code dhcp_agent.<host>} / {@code l3_agent.<host>}, when
 * and where the schedulers' notifications say. Casts are sent after commit; a lost cast is
 * repaired by the agents' periodic resync.
 */
public final class AgentNotifier implements L2populationNotifier {
  private static final Logger LOG = LoggerFactory.getLogger(AgentNotifier.class);
  private static final Map<String, Object> CONTEXT = Map.of("is_admin", true, "request_id", "server");

  private final Messaging messaging;

  AgentNotifier(Messaging messaging) {
    this.messaging = messaging;
  }

  /** The DHCP agents' casts, which the DHCP scheduling decides on: one host, or all (null). */
  public void dhcpCast(RequestContext ctx, String host, String method, Map<String, Object> payload) {
    Target t = Target.topic(DhcpAgentNotifier.TOPIC);
    cast(host == null ? t.withFanout() : t.withServer(host), method, Map.of("payload", payload));
  }

  /** The L3 agents' casts, which the L3 scheduling decides on: one host, or all (null). */
  public void l3Cast(RequestContext ctx, String host, String method, Map<String, Object> kwargs) {
    Target t = Target.topic(L3AgentNotifier.TOPIC);
    cast(host == null ? t.withFanout() : t.withServer(host), method, kwargs);
  }

  private void cast(Target target, String method, Map<String, ?> args) {
    try {
      messaging.rpcClient(target).cast(CONTEXT, method, args);
    } catch (RuntimeException e) {
      LOG.warn("Cast {} to {} failed: {}", method, target.topic(), e.getMessage());
    }
  }

  private void fanout(String resource, String op, String method, Map<String, ?> args) {
    cast(Target.topic("q-agent-notifier-" + resource + "-" + op).withFanout(), method, args);
  }

  void subscribe(Callbacks callbacks) {
    for (Event e : List.of(Event.AFTER_CREATE, Event.AFTER_UPDATE, Event.AFTER_DELETE)) {
      callbacks.subscribe("port", e, this::portChanged);
    }
    callbacks.subscribe("network", Event.AFTER_DELETE, e ->
        fanout("network", "delete", "network_delete", Map.of("network_id", e.resourceId())));
    // ML2's update_network: agents re-wire the network's ports when its MTU or QoS policy is set.
    callbacks.subscribe("network", Event.AFTER_UPDATE, e -> {
      if (e.request() != null && (e.request().containsKey("mtu") || e.request().containsKey("qos_policy_id"))) {
        fanout("network", "update", "network_update", Map.of("network", e.latest()));
      }
    });
    // Rules publish only inside their transaction: the cast waits for the commit.
    callbacks.subscribe("security_group_rule", Event.PRECOMMIT_CREATE, this::ruleChanged);
    callbacks.subscribe("security_group_rule", Event.PRECOMMIT_DELETE, this::ruleChanged);
  }

  @SuppressWarnings("unchecked")
  private void portChanged(ResourceEvent e) {
    Map<String, Object> port = e.latest() != null ? e.latest() : e.original();
    if (port == null) {
      return;
    }
    Set<String> groups = new LinkedHashSet<>();
    for (Map<String, Object> p : new Map[] {e.original(), e.latest()}) {
      if (p != null && p.get("security_groups") instanceof List<?> l) {
        l.forEach(g -> groups.add(String.valueOf(g)));
      }
    }
    if (e.event() == Event.AFTER_UPDATE) {
      fanout("port", "update", "port_update", Map.of("port", port));
    } else if (e.event() == Event.AFTER_DELETE) {
      fanout("port", "delete", "port_delete", Map.of("port_id", port.get("id")));
    }
    if (!groups.isEmpty() && (e.event() != Event.AFTER_UPDATE || addressesOrGroupsChanged(e))) {
      fanout("securitygroup", "update", "security_groups_member_updated",
          Map.of("security_groups", new ArrayList<>(groups)));
    }
  }

  private static boolean addressesOrGroupsChanged(ResourceEvent e) {
    if (e.original() == null || e.latest() == null) {
      return true;
    }
    for (String k : List.of("fixed_ips", "security_groups", "allowed_address_pairs", "mac_address")) {
      if (!Objects.equals(e.original().get(k), e.latest().get(k))) {
        return true;
      }
    }
    return false;
  }

  private void ruleChanged(ResourceEvent e) {
    Map<String, Object> rule = e.latest() != null ? e.latest() : e.original();
    if (rule == null || !(e.transaction() instanceof Handle h)) {
      return;
    }
    Object group = rule.get("security_group_id");
    h.afterCommit(() -> fanout("securitygroup", "update", "security_groups_rule_updated",
        Map.of("security_groups", List.of(String.valueOf(group)))));
  }

  @Override
  public void addFdbEntries(Map<String, Object> fdbEntries, String host) {
    l2pop("add_fdb_entries", fdbEntries, host);
  }

  @Override
  public void removeFdbEntries(Map<String, Object> fdbEntries, String host) {
    l2pop("remove_fdb_entries", fdbEntries, host);
  }

  @Override
  public void updateFdbEntries(Map<String, Object> fdbEntries, String host) {
    l2pop("update_fdb_entries", fdbEntries, host);
  }

  /** To one agent's host topic, or to every L2 agent when {@code host} is null. */
  private void l2pop(String method, Map<String, Object> entries, String host) {
    Target t = Target.topic("q-agent-notifier-l2population-update");
    cast(host == null ? t.withFanout() : t.withServer(host), method, Map.of("fdb_entries", entries));
  }
}
