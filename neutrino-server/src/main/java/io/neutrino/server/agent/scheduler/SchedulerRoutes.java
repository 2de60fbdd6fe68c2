package io.neutrino.server.agent.scheduler;

import io.neutrino.lib.apidef.NestedCollection;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.spi.ListQuery;
import io.neutrino.lib.spi.NestedCollectionHandler;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.ResourceHandler;
import java.util.List;
import java.util.Map;

/**
 * The four nested collections of dhcp_agent_scheduler and l3_agent_scheduler. Items are shown
 * through the handlers of the collections they belong to (networks, routers, agents), as the
 * caller would see them there.
 */
final class SchedulerRoutes {
  private SchedulerRoutes() {}

  static List<Map<String, Object>> items(ResourceHandler handler, RequestContext ctx,
      List<String> ids) {
    return ids.isEmpty() ? List.of() : handler.list(ctx, ListQuery.where("id", ids.toArray()));
  }

  /** The one id a POST names: {"network_id": …} or {"router_id": …}. */
  static String idIn(Map<String, Object> body, String key) {
    if (!(body.get(key) instanceof String id) || id.isEmpty()) {
      throw Faults.badRequest("Bad request: '" + key + "' is required");
    }
    return id;
  }

  static List<NestedCollectionHandler> dhcp(DhcpAgentScheduler scheduler, PluginContext plugins) {
    NestedCollectionHandler networksOfAgent = new NestedCollectionHandler() {
      @Override
      public NestedCollection definition() {
        return io.neutrino.lib.apidef.DhcpAgentScheduler.DHCP_NETWORKS;
      }

      @Override
      public List<Map<String, Object>> list(RequestContext ctx, String agentId) {
        return items(plugins.handler("networks"), ctx, scheduler.networksOnAgent(agentId));
      }

      @Override
      public Map<String, Object> create(RequestContext ctx, String agentId, Map<String, Object> body) {
        scheduler.addNetworkToAgent(ctx, agentId, idIn(body, "network_id"));
        return null;
      }

      @Override
      public void delete(RequestContext ctx, String agentId, String networkId) {
        scheduler.removeNetworkFromAgent(ctx, agentId, networkId);
      }
    };
    NestedCollectionHandler agentsOfNetwork = new NestedCollectionHandler() {
      @Override
      public NestedCollection definition() {
        return io.neutrino.lib.apidef.DhcpAgentScheduler.DHCP_AGENTS;
      }

      @Override
      public List<Map<String, Object>> list(RequestContext ctx, String networkId) {
        return items(plugins.handler("agents"), ctx, scheduler.agentsHostingNetwork(networkId));
      }
    };
    return List.of(networksOfAgent, agentsOfNetwork);
  }

  static List<NestedCollectionHandler> l3(L3AgentScheduler scheduler, PluginContext plugins) {
    NestedCollectionHandler routersOfAgent = new NestedCollectionHandler() {
      @Override
      public NestedCollection definition() {
        return io.neutrino.lib.apidef.L3AgentScheduler.L3_ROUTERS;
      }

      @Override
      public List<Map<String, Object>> list(RequestContext ctx, String agentId) {
        return items(plugins.handler("routers"), ctx, scheduler.routersOnAgent(agentId));
      }

      @Override
      public Map<String, Object> create(RequestContext ctx, String agentId, Map<String, Object> body) {
        scheduler.addRouterToAgent(ctx, agentId, idIn(body, "router_id"));
        return null;
      }

      @Override
      public void delete(RequestContext ctx, String agentId, String routerId) {
        scheduler.removeRouterFromAgent(ctx, agentId, routerId);
      }
    };
    NestedCollectionHandler agentsOfRouter = new NestedCollectionHandler() {
      @Override
      public NestedCollection definition() {
        return io.neutrino.lib.apidef.L3AgentScheduler.L3_AGENTS;
      }

      @Override
      public List<Map<String, Object>> list(RequestContext ctx, String routerId) {
        return items(plugins.handler("agents"), ctx, scheduler.agentsHostingRouter(routerId));
      }
    };
    return List.of(routersOfAgent, agentsOfRouter);
  }
}
