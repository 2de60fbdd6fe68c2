package io.neutrino.server.agent.scheduler;

import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.events.Event;
import io.neutrino.lib.events.ResourceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When routers are scheduled and their agents told (neutron/db/l3_db.py L3_NAT_db_mixin with
 * L3AgentNotifyAPI): a router created with a gateway, any router update (a gateway set or
 * cleared among them), an interface added or removed, a floating IP created, moved or deleted
 * each schedule the router if it is unhosted and send routers_updated to the hosts serving it. A
 * deleted router is announced to every L3 agent.
 */
final class L3Notifications {
  /** Port owners that make a port a router interface (the HA/DVR ones included). */
  private static final Set<String> INTERFACE_OWNERS = Set.of("network:router_interface",
      "network:ha_router_replicated_interface", "network:router_interface_distributed");

  private final L3AgentScheduler scheduler;

  L3Notifications(L3AgentScheduler scheduler) {
    this.scheduler = scheduler;
  }

  void subscribe(Callbacks callbacks) {
    callbacks.subscribe("router", Event.AFTER_CREATE, e -> {
      if (e.latest().get("external_gateway_info") != null) {
        scheduler.routersUpdated(e.context(), List.of(e.resourceId()));
      }
    });
    callbacks.subscribe("router", Event.AFTER_UPDATE,
        e -> scheduler.routersUpdated(e.context(), List.of(e.resourceId())));
    callbacks.subscribe("router", Event.AFTER_DELETE,
        e -> scheduler.notifier().routerDeleted(e.context(), e.resourceId()));
    callbacks.subscribe("port", Event.AFTER_CREATE, e -> interfaceChanged(e, e.latest()));
    callbacks.subscribe("port", Event.AFTER_UPDATE, e -> interfaceChanged(e, e.latest()));
    callbacks.subscribe("port", Event.AFTER_DELETE, e -> interfaceChanged(e, e.original()));
    for (Event ev : List.of(Event.AFTER_CREATE, Event.AFTER_UPDATE, Event.AFTER_DELETE)) {
      callbacks.subscribe("floatingip", ev, this::floatingIpChanged);
    }
  }

  private void interfaceChanged(ResourceEvent e, Map<String, Object> port) {
    if (port != null && port.get("device_owner") instanceof String owner
        && INTERFACE_OWNERS.contains(owner)
        && port.get("device_id") instanceof String routerId && !routerId.isEmpty()) {
      scheduler.routersUpdated(e.context(), List.of(routerId));
    }
  }

  private void floatingIpChanged(ResourceEvent e) {
    List<String> routers = new ArrayList<>();
    for (Map<String, Object> fip : java.util.Arrays.asList(e.original(), e.latest())) {
      if (fip != null && fip.get("router_id") instanceof String r && !routers.contains(r)) {
        routers.add(r);
      }
    }
    if (!routers.isEmpty()) {
      scheduler.routersUpdated(e.context(), routers);
    }
  }
}
