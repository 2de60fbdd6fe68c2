package io.neutrino.server.agent.scheduler;

import io.neutrino.lib.apidef.Agent;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.InvalidConfiguration;
import io.neutrino.server.db.Database;
import io.neutrino.server.db.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places networks on DHCP agents (neutron/scheduler/dhcp_agent_scheduler.py and the DHCP half of
 * neutron/db/agentschedulers_db.py): a network is bound to {@code dhcp_agents_per_network} alive,
 * enabled DHCP agents of its availability zones, chosen by {@code network_scheduler_driver}, and
 * moved off agents that stopped reporting ({@link #removeNetworksFromDownAgents}). Every binding
 * is its own transaction; the unique (network, binding_index) pair makes a concurrent scheduler's
 * duplicate binding fail, which is taken as "someone did it already".
 *
 * <p>Neutrino has no mechanism drivers that limit which hosts reach a network
 * (filter_hosts_with_network_access), no routed networks (segment host mappings), and nothing
 * yet creates DHCP ports, so a removed binding reserves no port.
 */
public final class DhcpAgentScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(DhcpAgentScheduler.class);

  /** network_scheduler_driver, by Neutron's class path. */
  public enum Driver {
    CHANCE("neutron.scheduler.dhcp_agent_scheduler.ChanceScheduler"),
    WEIGHT("neutron.scheduler.dhcp_agent_scheduler.WeightScheduler"),
    AZ_AWARE_WEIGHT("neutron.scheduler.dhcp_agent_scheduler.AZAwareWeightScheduler");

    final String classPath;

    Driver(String classPath) {
      this.classPath = classPath;
    }

    public static Driver parse(String value) {
      for (Driver d : values()) {
        if (d.classPath.equals(value.trim())) {
          return d;
        }
      }
      throw new InvalidConfiguration("DEFAULT", "network_scheduler_driver",
          "unknown DHCP scheduler '" + value + "'");
    }
  }

  /** The [DEFAULT] options that shape DHCP scheduling. */
  public record Options(Driver driver, int agentsPerNetwork, boolean autoSchedule,
      boolean failover, List<String> defaultAvailabilityZones, boolean servicesOnDisabledAgents) {
    public Options {
      if (agentsPerNetwork < 1) {
        throw new InvalidConfiguration("DEFAULT", "dhcp_agents_per_network",
            agentsPerNetwork + " is less than 1");
      }
      defaultAvailabilityZones = List.copyOf(defaultAvailabilityZones);
    }
  }

  private final Database db;
  private final AgentPool agents;
  private final Options options;
  private final DhcpAgentNotifier notifier;
  private final Random random = new Random();
  /**
   * How long "is there any DHCP agent?" is remembered. A deployment without DHCP agents then pays
   * nothing per port. An agent registering here resets it ({@link #agentRegistered}); one
   * registering through another server loses nothing either, since its first sync
   * (get_active_networks_info) schedules every network that lacks an agent.
   */
  private static final long AGENTS_RECHECK_NANOS = 1_000_000_000L;

  /** When {@link #anyAgents} last asked the database, and what it found. */
  private volatile long agentsCheckedAt = System.nanoTime() - AGENTS_RECHECK_NANOS;
  private volatile boolean agentsSeen;

  DhcpAgentScheduler(Database db, AgentPool agents, Options options, DhcpAgentNotifier notifier) {
    this.db = db;
    this.agents = agents;
    this.options = options;
    this.notifier = notifier;
  }

  Options options() {
    return options;
  }

  java.time.Duration downTime() {
    return agents.downTime();
  }

  DhcpAgentNotifier notifier() {
    return notifier;
  }

  /**
   * schedule_network: binds the network to as many more agents as it lacks, when
   * network_auto_schedule allows. Returns the agents newly bound (none when the network is gone,
   * already served, no agent qualifies, or another server bound it first).
   */
  public List<AgentRow> schedule(String networkId) {
    if (!options.autoSchedule()) {
      return List.of();
    }
    record Plan(List<AgentRow> chosen, int dhcpAgents) {}
    Plan plan = db.read(h -> {
      Optional<List<String>> hints = networkHints(h, networkId);
      if (hints.isEmpty()) {
        return null;
      }
      List<AgentRow> all = agents.ofType(h, Agent.TYPE_DHCP);
      List<String> hostedIds = BindingTable.DHCP.agentsOf(h, networkId);
      if (hostedIds.size() >= options.agentsPerNetwork()) {
        return null;
      }
      List<String> zones = hints.get().isEmpty() ? options.defaultAvailabilityZones() : hints.get();
      List<AgentRow> hostable = new ArrayList<>();
      List<AgentRow> hosted = new ArrayList<>();
      for (AgentRow a : all) {
        if (hostedIds.contains(a.id())) {
          hosted.add(a);
        } else if (a.adminStateUp() && (zones.isEmpty() || zones.contains(a.availabilityZone()))
            && eligible(h, a)) {
          hostable.add(a);
        }
      }
      int wanted = Math.min(hostable.size(), options.agentsPerNetwork() - hostedIds.size());
      return new Plan(select(hostable, hosted, wanted), all.size());
    });
    if (plan == null || plan.chosen().isEmpty()) {
      return List.of();
    }
    List<AgentRow> bound = new ArrayList<>();
    for (AgentRow a : plan.chosen()) {
      if (bind(networkId, a, false)) {
        bound.add(a);
      }
    }
    LOG.debug("network {} scheduled to DHCP agents {}", networkId,
        bound.stream().map(AgentRow::host).toList());
    return bound;
  }

  /** schedule() and a network_create_end to each agent that got the network. */
  List<AgentRow> scheduleAndNotify(RequestContext ctx, String networkId) {
    List<AgentRow> bound = schedule(networkId);
    for (AgentRow a : bound) {
      notifier.networkCreateEnd(ctx, a.host(), networkCreated(networkId));
    }
    return bound;
  }

  static Map<String, Object> networkCreated(String networkId) {
    return Map.of("network", Map.of("id", networkId), "priority", 0);
  }

  /** is_eligible_agent with active=True: alive, or dead only because it is still starting. */
  private boolean eligible(Handle h, AgentRow a) {
    return agents.alive(a) || agents.startingUp(a, BindingTable.DHCP.countOf(h, a.id()));
  }

  private List<AgentRow> select(List<AgentRow> hostable, List<AgentRow> hosted, int wanted) {
    if (wanted <= 0) {
      return List.of();
    }
    return switch (options.driver()) {
      case CHANCE -> {
        List<AgentRow> shuffled = new ArrayList<>(hostable);
        java.util.Collections.shuffle(shuffled, random);
        yield shuffled.subList(0, wanted);
      }
      case WEIGHT -> byLoad(hostable).subList(0, wanted);
      case AZ_AWARE_WEIGHT -> azAware(hostable, hosted, wanted);
    };
  }

  private static List<AgentRow> byLoad(List<AgentRow> list) {
    List<AgentRow> sorted = new ArrayList<>(list);
    sorted.sort(Comparator.comparingInt(AgentRow::load));
    return sorted;
  }

  /**
   * AZAwareWeightScheduler.select: take agents from the zone that serves the network least so
   * far (ties go to the zone whose lightest agent is lightest), the lightest agent of that zone.
   */
  static List<AgentRow> azAware(List<AgentRow> hostable, List<AgentRow> hosted, int wanted) {
    Map<String, List<AgentRow>> byZone = new LinkedHashMap<>();
    Map<String, Integer> count = new LinkedHashMap<>();
    for (AgentRow a : byLoad(hostable)) {
      byZone.computeIfAbsent(a.availabilityZone(), z -> new ArrayList<>()).add(a);
      count.putIfAbsent(a.availabilityZone(), 0);
    }
    for (AgentRow a : hosted) {
      count.computeIfPresent(a.availabilityZone(), (z, n) -> n + 1);
    }
    List<AgentRow> chosen = new ArrayList<>();
    while (chosen.size() < wanted && !count.isEmpty()) {
      String zone = null;
      for (Map.Entry<String, Integer> e : count.entrySet()) {
        if (zone == null || e.getValue() < count.get(zone)) {
          zone = e.getKey();
        }
      }
      List<AgentRow> inZone = byZone.get(zone);
      chosen.add(inZone.remove(0));
      if (inZone.isEmpty()) {
        count.remove(zone);
      } else {
        count.merge(zone, 1, Integer::sum);
      }
    }
    return chosen;
  }

  /**
   * DhcpFilter.bind for one agent: the lowest free binding index up to the number of agents the
   * network should have (any free one when forced by an admin), then the agent's load goes up by
   * one until its next report corrects it. False when the race was lost or no index is free.
   */
  private boolean bind(String networkId, AgentRow agent, boolean force) {
    try {
      return db.tx(h -> {
        int dhcpAgents = h.createQuery("SELECT COUNT(*) FROM agents WHERE agent_type = ?")
            .bind(0, Agent.TYPE_DHCP).mapTo(Integer.class).one();
        int index = BindingTable.vacantIndex(Math.min(dhcpAgents, options.agentsPerNetwork()),
            BindingTable.DHCP.indices(h, networkId), force);
        if (index < BindingTable.LOWEST_INDEX) {
          return false;
        }
        BindingTable.DHCP.insert(h, networkId, agent.id(), index);
        h.createUpdate("UPDATE agents SET agent_load = agent_load + 1 WHERE id = ?")
            .bind(0, agent.id()).execute();
        return true;
      });
    } catch (RuntimeException e) {
      if (BindingTable.lostRace(e)) {
        LOG.info("network {} on DHCP agent {}: bound concurrently or gone", networkId, agent.id());
        return false;
      }
      throw e;
    }
  }

  /** The network's availability_zone_hints, or empty when the network does not exist. */
  @SuppressWarnings("unchecked")
  private static Optional<List<String>> networkHints(Handle h, String networkId) {
    return h.createQuery("SELECT availability_zone_hints FROM networks WHERE id = ?")
        .bind(0, networkId).mapTo(String.class).findFirst()
        .map(text -> text == null || text.isBlank() ? List.of() : (List<String>) Json.read(text));
  }

  /**
   * auto_schedule_networks, for the DHCP agent on {@code host} asking for its networks: binds it
   * to every network with a DHCP-enabled subnet that still lacks agents and whose zones it is in.
   * Returns the networks it got.
   */
  public List<String> autoScheduleNetworks(String host) {
    if (!options.autoSchedule()) {
      return List.of();
    }
    List<Map.Entry<AgentRow, String>> toBind = db.read(h -> {
      List<String> networks = h.createQuery("SELECT DISTINCT network_id FROM subnets WHERE "
          + "enable_dhcp = ? ORDER BY network_id").bind(0, true).mapTo(String.class).list();
      List<Map.Entry<AgentRow, String>> out = new ArrayList<>();
      for (AgentRow a : agents.ofType(h, Agent.TYPE_DHCP)) {
        if (!a.host().equals(host) || !a.adminStateUp() || !agents.alive(a)) {
          continue;
        }
        for (String net : networks) {
          List<String> hosted = BindingTable.DHCP.agentsOf(h, net);
          if (hosted.size() >= options.agentsPerNetwork() || hosted.contains(a.id())) {
            continue;
          }
          List<String> hints = networkHints(h, net).orElse(List.of());
          List<String> zones = hints.isEmpty() ? options.defaultAvailabilityZones() : hints;
          if (!zones.isEmpty() && !zones.contains(a.availabilityZone())) {
            continue;
          }
          out.add(Map.entry(a, net));
        }
      }
      return out;
    });
    List<String> bound = new ArrayList<>();
    for (Map.Entry<AgentRow, String> e : toBind) {
      if (bind(e.getValue(), e.getKey(), false)) {
        bound.add(e.getValue());
      }
    }
    return bound;
  }

  /**
   * remove_networks_from_down_agents, the periodic failover check: every network bound to a DHCP
   * agent silent for twice agent_down_time (and not just starting) loses that binding and is
   * scheduled again. Nothing moves while no DHCP agent at all is eligible, so that a server cut
   * off from every agent does not empty them all. The dead agent is not told (it would act on
   * the message after restarting). Returns the networks taken off dead agents.
   */
  public List<String> removeNetworksFromDownAgents() {
    RequestContext ctx = RequestContext.admin("dhcp-agent-failover");
    record Dead(String networkId, String agentId) {}
    List<Dead> dead = db.read(h -> {
      List<AgentRow> all = agents.ofType(h, Agent.TYPE_DHCP);
      if (all.isEmpty()) {
        return List.<Dead>of();
      }
      if (all.stream().noneMatch(a -> a.adminStateUp() && eligible(h, a))) {
        LOG.warn("No DHCP agents available, skipping rescheduling");
        return List.<Dead>of();
      }
      Map<String, AgentRow> byId = new LinkedHashMap<>();
      all.forEach(a -> byId.put(a.id(), a));
      Set<String> starting = new HashSet<>();
      List<Dead> out = new ArrayList<>();
      for (BindingTable.Binding b : BindingTable.DHCP.withAgentsSilentSince(h, agents.deadCutoff())) {
        AgentRow a = byId.get(b.agentId());
        if (a == null || starting.contains(a.id())) {
          continue;
        }
        if (agents.startingUp(a, BindingTable.DHCP.countOf(h, a.id()))) {
          starting.add(a.id());
          continue;
        }
        out.add(new Dead(b.resourceId(), b.agentId()));
      }
      return out;
    });
    List<String> moved = new ArrayList<>();
    for (Dead d : dead) {
      LOG.warn("Removing network {} from DHCP agent {}: no report for {}s", d.networkId(),
          d.agentId(), agents.downTime().multipliedBy(2).toSeconds());
      int removed = db.tx(h -> BindingTable.DHCP.delete(h, d.networkId(), d.agentId()));
      if (removed > 0) {
        moved.add(d.networkId());
      }
      if (options.autoSchedule()) {
        try {
          scheduleAndNotify(ctx, d.networkId());
        } catch (RuntimeException e) {
          LOG.error("Failed to schedule network {}", d.networkId(), e);
        }
      }
    }
    return moved;
  }

  // --- the dhcp_agent_scheduler API (DhcpAgentSchedulerDbMixin) ---

  /** add_network_to_dhcp_agent: an admin's binding, past dhcp_agents_per_network if need be. */
  public void addNetworkToAgent(RequestContext ctx, String agentId, String networkId) {
    AgentRow agent = db.read(h -> {
      if (networkHints(h, networkId).isEmpty()) {
        throw Faults.notFound("Network", networkId);
      }
      AgentRow a = agents.find(h, agentId).orElseThrow(() -> agentNotFound(agentId));
      if (!a.type().equals(Agent.TYPE_DHCP)
          || !(a.adminStateUp() || options.servicesOnDisabledAgents())) {
        throw Faults.notFoundWith("InvalidDHCPAgent",
            "Agent " + agentId + " is not a valid DHCP Agent or has been disabled.");
      }
      if (BindingTable.DHCP.agentsOf(h, networkId).contains(agentId)) {
        throw networkHosted(networkId, agentId);
      }
      return a;
    });
    if (!bind(networkId, agent, true)) {
      // Lost to a concurrent request binding the same pair (or the network went away).
      if (db.read(h -> BindingTable.DHCP.agentsOf(h, networkId)).contains(agentId)) {
        throw networkHosted(networkId, agentId);
      }
      throw Faults.notFound("Network", networkId);
    }
    notifier.networkCreateEnd(ctx, agent.host(), networkCreated(networkId));
  }

  private static NeutronException networkHosted(String networkId, String agentId) {
    return Faults.conflict("NetworkHostedByDHCPAgent", "The network " + networkId
        + " has been already hosted by the DHCP Agent " + agentId + ".");
  }

  /** remove_network_from_dhcp_agent. */
  public void removeNetworkFromAgent(RequestContext ctx, String agentId, String networkId) {
    AgentRow agent = db.tx(h -> {
      AgentRow a = agents.find(h, agentId).orElseThrow(() -> agentNotFound(agentId));
      if (BindingTable.DHCP.delete(h, networkId, agentId) == 0) {
        throw Faults.conflict("NetworkNotHostedByDhcpAgent", "The network " + networkId
            + " is not hosted by the DHCP Agent " + agentId + ".");
      }
      return a;
    });
    notifier.networkDeleteEnd(ctx, agent.host(), Map.of("network_id", networkId, "priority", 2));
  }

  /** list_networks_on_dhcp_agent: the ids, or AgentNotFound for an unknown agent. */
  public List<String> networksOnAgent(String agentId) {
    return db.read(h -> {
      List<String> ids = BindingTable.DHCP.resourcesOf(h, agentId);
      if (ids.isEmpty() && agents.find(h, agentId).isEmpty()) {
        throw agentNotFound(agentId);
      }
      return ids;
    });
  }

  /** list_dhcp_agents_hosting_network (an unknown network simply has none). */
  public List<String> agentsHostingNetwork(String networkId) {
    return db.read(h -> BindingTable.DHCP.agentsOf(h, networkId));
  }

  /** A DHCP agent registered here: {@link #anyAgents} asks again rather than remember "none". */
  public void agentRegistered() {
    agentsCheckedAt = System.nanoTime() - AGENTS_RECHECK_NANOS;
  }

  /**
   * {@link #anyAgents}' question. A request thread asks it at most once a second for all requests,
   * so it is no request's own cost (StatementCountTest leaves it out by this text).
   */
  public static final String ANY_AGENTS = "SELECT 1 FROM agents WHERE agent_type = ? LIMIT 1";

  /** Whether any DHCP agent is registered (as seen at most a second ago). */
  public boolean anyAgents() {
    long now = System.nanoTime();
    if (now - agentsCheckedAt < AGENTS_RECHECK_NANOS) {
      return agentsSeen;
    }
    agentsSeen = db.read(h -> h.createQuery(ANY_AGENTS).bind(0, Agent.TYPE_DHCP).mapTo(Integer.class).findOne()
        .isPresent());
    agentsCheckedAt = now;
    return agentsSeen;
  }

  /** The DHCP agents bound to a network, as the notifications pick their hosts. */
  List<AgentRow> hostingAgents(String networkId) {
    return db.read(h -> {
      List<AgentRow> out = new ArrayList<>();
      for (String id : BindingTable.DHCP.agentsOf(h, networkId)) {
        agents.find(h, id).ifPresent(out::add);
      }
      return out;
    });
  }

  static NeutronException agentNotFound(String id) {
    return Faults.notFoundWith("AgentNotFound", "Agent " + id + " could not be found.");
  }
}
