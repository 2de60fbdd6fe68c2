package io.neutrino.server.agent.scheduler;

import io.neutrino.lib.apidef.ExtensionDef;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.spi.NestedCollectionHandler;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.server.db.Database;
import java.util.List;

/**
 * The router plugin's share of agent scheduling (L3RouterPlugin mixes in Neutron's
 * AZL3AgentSchedulerDbMixin): router scheduling on router, router interface and floating IP
 * events, the l3_agent_scheduler routes, availability zones of routers, and the periodic L3
 * failover check (when allow_automatic_l3agent_failover is on) while the plugin runs.
 */
public final class L3AgentScheduling {
  private final List<NestedCollectionHandler> nested;
  private final PeriodicCheck failover;

  public L3AgentScheduling(PluginContext ctx) {
    L3AgentScheduler l3 = ctx.service(L3AgentScheduler.class);
    Callbacks callbacks = ctx.service(Callbacks.class);
    new L3Notifications(l3).subscribe(callbacks);
    new AvailabilityZones(ctx.service(Database.class)).serveRouters(callbacks);
    this.nested = SchedulerRoutes.l3(l3, ctx);
    this.failover = l3.options().failover()
        ? new PeriodicCheck("l3-agent-failover", l3::rescheduleRoutersFromDownAgents,
            AgentSchedulers.checkInterval(l3.downTime()))
        : null;
  }

  public List<ExtensionDef> extensions() {
    return List.of(io.neutrino.lib.apidef.L3AgentScheduler.extension());
  }

  public List<NestedCollectionHandler> nestedCollections() {
    return nested;
  }

  public void start() {
    if (failover != null) {
      failover.start();
    }
  }

  public void stop() {
    if (failover != null) {
      failover.stop();
    }
  }
}
