package io.neutrino.server.agent.scheduler;

import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.events.Event;
import io.neutrino.lib.events.ResourceEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * What DhcpAgentNotifyAPI does on network, subnet and port events after they commit: a new
 * subnet, or a new port other than a reserved DHCP port, first schedules its network (so a
 * network gets DHCP agents when it first needs them, not when it is created: Neutron leaves the
 * admin a chance to place it by hand); then every enabled agent serving the network hears of the
 * change. One agent hears of a new port first, with higher priority. A deleted network is
 * announced to all DHCP agents.
 */
final class DhcpNotifications {
  /** neutron's DEVICE_ID_RESERVED_DHCP_PORT: a DHCP port kept for an agent that left. */
  static final String RESERVED_DHCP_PORT = "reserved_dhcp_port";

  private final DhcpAgentScheduler scheduler;
  private final DhcpAgentNotifier notifier;
  private final Random random = new Random();

  DhcpNotifications(DhcpAgentScheduler scheduler) {
    this.scheduler = scheduler;
    this.notifier = scheduler.notifier();
  }

  void subscribe(Callbacks callbacks) {
    callbacks.subscribe("network", Event.AFTER_UPDATE, e -> notify(e.context(),
        "network_update_end", Map.of("network", e.latest()), e.resourceId()));
    callbacks.subscribe("network", Event.AFTER_DELETE, e ->
        notifier.networkDeleteEnd(e.context(), null, payload(Map.of("network_id", e.resourceId()), 2)));
    callbacks.subscribe("subnet", Event.AFTER_CREATE, e -> notify(e.context(),
        "subnet_create_end", Map.of("subnet", e.latest()), networkOf(e.latest())));
    callbacks.subscribe("subnet", Event.AFTER_UPDATE, e -> notify(e.context(),
        "subnet_update_end", Map.of("subnet", e.latest()), networkOf(e.latest())));
    callbacks.subscribe("subnet", Event.AFTER_DELETE, e -> notify(e.context(),
        "subnet_delete_end", Map.of("subnet_id", e.resourceId(), "network_id",
            networkOf(e.original())), networkOf(e.original())));
    callbacks.subscribe("port", Event.AFTER_CREATE, e -> notify(e.context(),
        "port_create_end", Map.of("port", e.latest()), networkOf(e.latest())));
    callbacks.subscribe("port", Event.AFTER_UPDATE, this::portUpdated);
    callbacks.subscribe("port", Event.AFTER_DELETE, e -> {
      Map<String, Object> port = e.original();
      notify(e.context(), "port_delete_end", Map.of("port_id", e.resourceId(), "network_id",
          networkOf(port), "fixed_ips", port.getOrDefault("fixed_ips", List.of())), networkOf(port));
    });
  }

  /** Only changes a DHCP server cares about are sent (_notification_is_needed). */
  private void portUpdated(ResourceEvent e) {
    Map<String, Object> before = e.original();
    Map<String, Object> after = e.latest();
    if (before != null && List.of("fixed_ips", "mac_address", "extra_dhcp_opts", "dns_name",
        "dns_assignment", "dns_domain").stream()
        .allMatch(k -> Objects.equals(before.get(k), after.get(k)))) {
      return;
    }
    notify(e.context(), "port_update_end", Map.of("port", after), networkOf(after));
  }

  private static String networkOf(Map<String, Object> resource) {
    return (String) resource.get("network_id");
  }

  private static Map<String, Object> payload(Map<String, Object> body, int priority) {
    Map<String, Object> p = new HashMap<>(body);
    p.put("priority", priority);
    return p;
  }

  /** _notify_agents for the casts to the agents serving the network. */
  @SuppressWarnings("unchecked")
  private void notify(RequestContext ctx, String method, Map<String, Object> body, String networkId) {
    if (!scheduler.anyAgents()) {
      return; // no agent to host the network or to hear of it
    }
    List<AgentRow> hosting = new ArrayList<>(scheduler.hostingAgents(networkId));
    boolean schedule = method.equals("subnet_create_end") || (method.equals("port_create_end")
        && !RESERVED_DHCP_PORT.equals(((Map<String, Object>) body.get("port")).get("device_id")));
    if (schedule) {
      hosting.addAll(scheduler.scheduleAndNotify(RequestContext.admin(ctx.requestId()), networkId));
    }
    List<AgentRow> enabled = new ArrayList<>(hosting.stream()
        .filter(a -> a.adminStateUp() || scheduler.options().servicesOnDisabledAgents()).toList());
    if (enabled.isEmpty()) {
      return;
    }
    int priority = switch (method) {
      case "network_update_end" -> 1;
      case "subnet_create_end", "subnet_update_end" -> 3;
      case "subnet_delete_end" -> 4;
      default -> 6;
    };
    if (method.equals("port_create_end")) {
      AgentRow first = enabled.remove(random.nextInt(enabled.size()));
      notifier.portCreateEnd(ctx, first.host(), payload(body, 5));
    }
    for (AgentRow a : enabled) {
      notifier.cast(ctx, a.host(), method, payload(body, priority));
    }
  }
}
