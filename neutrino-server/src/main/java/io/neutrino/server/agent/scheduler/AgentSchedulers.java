package io.neutrino.server.agent.scheduler;

import io.neutrino.config.Config;
import io.neutrino.server.db.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The two schedulers, built once at start-up from [DEFAULT] options (Neutron's defaults: the
 * WeightScheduler with one DHCP agent per network and failover on; the LeastRoutersScheduler
 * with failover off). They are server services, for the plugins that serve their APIs and for
 * the agents' RPC (get_active_networks_info and sync_routers auto-schedule through them).
 */
public record AgentSchedulers(DhcpAgentScheduler dhcp, L3AgentScheduler l3) {

  public static AgentSchedulers create(Config config, Database db, Clock clock,
      DhcpAgentNotifier dhcpNotifier, L3AgentNotifier l3Notifier) {
    AgentPool agents = new AgentPool(clock,
        Duration.ofSeconds(config.getInt("DEFAULT", "agent_down_time", 75)));
    List<String> zones = config.getList("DEFAULT", "default_availability_zones", List.of());
    boolean disabledServe = config.getBool("DEFAULT",
        "enable_services_on_agents_with_admin_state_down", false);
    var dhcp = new DhcpAgentScheduler(db, agents, new DhcpAgentScheduler.Options(
        DhcpAgentScheduler.Driver.parse(config.get("DEFAULT", "network_scheduler_driver",
            DhcpAgentScheduler.Driver.WEIGHT.classPath)),
        config.getInt("DEFAULT", "dhcp_agents_per_network", 1),
        config.getBool("DEFAULT", "network_auto_schedule", true),
        config.getBool("DEFAULT", "allow_automatic_dhcp_failover", true), zones, disabledServe),
        dhcpNotifier);
    var l3 = new L3AgentScheduler(db, agents, new L3AgentScheduler.Options(
        L3AgentScheduler.Driver.parse(config.get("DEFAULT", "router_scheduler_driver",
            L3AgentScheduler.Driver.LEAST_ROUTERS.classPath)),
        config.getBool("DEFAULT", "router_auto_schedule", true),
        config.getBool("DEFAULT", "allow_automatic_l3agent_failover", false), zones, disabledServe),
        l3Notifier);
    return new AgentSchedulers(dhcp, l3);
  }

  /**
   * How often the failover checks run: half of agent_down_time, at least a second, as Neutron's
   * add_agent_status_check_worker computes it.
   */
  static Duration checkInterval(Duration downTime) {
    return Duration.ofSeconds(Math.max(downTime.toSeconds() / 2, 1));
  }
}
