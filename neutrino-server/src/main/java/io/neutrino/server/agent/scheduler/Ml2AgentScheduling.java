package io.neutrino.server.agent.scheduler;

import io.neutrino.lib.apidef.AvailabilityZone;
import io.neutrino.lib.apidef.ExtensionDef;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.spi.NestedCollectionHandler;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.server.db.Database;
import java.util.List;
import java.util.Map;

/**
 * The core plugin's share of agent scheduling (Ml2Plugin mixes in Neutron's
 * AZDhcpAgentSchedulerDbMixin and AgentAvailabilityZoneMixin): DHCP scheduling on network
 * events, the dhcp_agent_scheduler routes, availability zones of networks, the availability_zones
 * list, and the periodic DHCP failover check while the plugin runs.
 */
public final class Ml2AgentScheduling {
  private final Map<String, ResourceHandler> handlers;
  private final List<NestedCollectionHandler> nested;
  private final PeriodicCheck failover;

  public Ml2AgentScheduling(PluginContext ctx) {
    DhcpAgentScheduler dhcp = ctx.service(DhcpAgentScheduler.class);
    Callbacks callbacks = ctx.service(Callbacks.class);
    new DhcpNotifications(dhcp).subscribe(callbacks);
    AvailabilityZones zones = new AvailabilityZones(ctx.service(Database.class));
    zones.serveNetworks(callbacks);
    this.handlers = Map.of(AvailabilityZone.COLLECTION, zones);
    this.nested = SchedulerRoutes.dhcp(dhcp, ctx);
    this.failover = dhcp.options().failover()
        ? new PeriodicCheck("dhcp-agent-failover", dhcp::removeNetworksFromDownAgents,
            AgentSchedulers.checkInterval(dhcp.downTime()))
        : null;
  }

  public Map<String, ResourceHandler> handlers() {
    return handlers;
  }

  public List<ExtensionDef> extensions() {
    return List.of(io.neutrino.lib.apidef.DhcpAgentScheduler.extension(), AvailabilityZone.extension(),
        AvailabilityZone.filter(), AvailabilityZone.network());
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
