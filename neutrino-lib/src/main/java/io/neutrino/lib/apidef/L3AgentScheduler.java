package io.neutrino.lib.apidef;

import java.util.List;
import java.util.Map;

/**
 * l3_agent_scheduler (neutron/extensions/l3agentscheduler.py): the routers an L3 agent hosts,
 * {@code /agents/{id}/l3-routers}, and the L3 agents hosting a router,
 * {@code /routers/{id}/l3-agents}.
 */
public final class L3AgentScheduler {
  private L3AgentScheduler() {}

  public static final String ALIAS = "l3_agent_scheduler";

  public static final NestedCollection L3_ROUTERS = new NestedCollection(ALIAS,
      Agent.COLLECTION, "l3-routers", "l3-router", L3.ROUTERS);
  public static final NestedCollection L3_AGENTS = new NestedCollection(ALIAS,
      L3.ROUTERS, "l3-agents", "l3-agent", Agent.COLLECTION);

  public static ExtensionDef extension() {
    return new ExtensionDef(ALIAS, "L3 Agent Scheduler", "Schedule routers among l3 agents",
        "2013-02-07T10:00:00-00:00", List.of(), Map.of(), Map.of(), List.of("router", "agent"));
  }
}
