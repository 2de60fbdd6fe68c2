package io.neutrino.lib.apidef;

import java.util.List;

/**
 * dhcp_agent_scheduler (neutron_lib/api/definitions/dhcpagentscheduler.py): the networks a DHCP
 * agent serves, {@code /agents/{id}/dhcp-networks}, and the DHCP agents serving a network,
 * {@code /networks/{id}/dhcp-agents}.
 */
public final class DhcpAgentScheduler {
  private DhcpAgentScheduler() {}

  public static final String ALIAS = "dhcp_agent_scheduler";

  public static final NestedCollection DHCP_NETWORKS = new NestedCollection(ALIAS,
      Agent.COLLECTION, "dhcp-networks", "dhcp-network", Network.COLLECTION);
  public static final NestedCollection DHCP_AGENTS = new NestedCollection(ALIAS,
      Network.COLLECTION, "dhcp-agents", "dhcp-agent", Agent.COLLECTION);

  public static ExtensionDef extension() {
    return new ExtensionDef(ALIAS, "DHCP Agent Scheduler", "Schedule networks among dhcp agents",
        "2013-02-07T10:00:00-00:00", List.of(), java.util.Map.of(), java.util.Map.of(),
        List.of("agent"));
  }
}
