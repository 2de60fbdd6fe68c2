package io.neutrino.server.agent.scheduler;

import io.neutrino.lib.apidef.Agent;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.InvalidConfiguration;
import io.neutrino.server.db.Batches;
import io.neutrino.server.db.Database;
import io.neutrino.server.db.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places routers on L3 agents (neutron/scheduler/l3_agent_scheduler.py and
 * neutron/db/l3_agentschedulers_db.py): a router is hosted by one alive, enabled L3 agent whose
 * mode and configuration suit it, chosen by {@code router_scheduler_driver}; routers on agents
 * that stopped reporting move when {@code allow_automatic_l3agent_failover} is on. A binding
 * always takes index 1, so the unique (router, binding_index) pair lets only one of two
 * concurrent schedulers bind a router.
 *
 * <p>Neutrino has no L3 HA (VRRP) routers yet: an {@code ha} router is scheduled like a legacy
 * one, to one agent. Agents in {@code dvr} or {@code dvr_no_external} mode never host routers
 * (they serve DVR routers implicitly in Neutron, which Neutrino does not implement either).
 */
public final class L3AgentScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(L3AgentScheduler.class);
  private static final int INDEX = BindingTable.LOWEST_INDEX;

  /** router_scheduler_driver, by Neutron's class path. */
  public enum Driver {
    CHANCE("neutron.scheduler.l3_agent_scheduler.ChanceScheduler"),
    LEAST_ROUTERS("neutron.scheduler.l3_agent_scheduler.LeastRoutersScheduler"),
    AZ_LEAST_ROUTERS("neutron.scheduler.l3_agent_scheduler.AZLeastRoutersScheduler");

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
      throw new InvalidConfiguration("DEFAULT", "router_scheduler_driver",
          "unknown L3 scheduler '" + value + "'");
    }
  }

  /** The [DEFAULT] options that shape L3 scheduling. */
  public record Options(Driver driver, boolean autoSchedule, boolean failover,
      List<String> defaultAvailabilityZones, boolean servicesOnDisabledAgents) {
    public Options {
      defaultAvailabilityZones = List.copyOf(defaultAvailabilityZones);
    }
  }

  /** What scheduling needs of a router. */
  record RouterRow(String id, boolean distributed, boolean hasGateway, List<String> hints) {}

  private final Database db;
  private final AgentPool agents;
  private final Options options;
  private final L3AgentNotifier notifier;
  private final Random random = new Random();

  L3AgentScheduler(Database db, AgentPool agents, Options options, L3AgentNotifier notifier) {
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

  L3AgentNotifier notifier() {
    return notifier;
  }

  @SuppressWarnings("unchecked")
  private static Optional<RouterRow> router(Handle h, String id) {
    return h.createQuery("SELECT distributed, gw_port_id, availability_zone_hints FROM routers "
            + "WHERE id = ?").bind(0, id)
        .map((rs, c) -> {
          String hints = rs.getString(3);
          return new RouterRow(id, rs.getBoolean(1), rs.getString(2) != null,
              hints == null || hints.isBlank() ? List.of() : (List<String>) Json.read(hints));
        }).findFirst();
  }

  private static String mode(AgentRow a) {
    return a.configurations().get("agent_mode") instanceof String s ? s : "legacy";
  }

  private static boolean dvrMode(AgentRow a) {
    return mode(a).equals("dvr") || mode(a).equals("dvr_no_external");
  }

  /**
   * get_l3_agent_candidates: the agent's mode and configuration accept the router — not a DVR
   * compute-node agent, not a legacy agent for a distributed router, not pinned to another router
   * (router_id), and not refusing routers without gateway (handle_internal_only_routers).
   */
  private static boolean candidate(AgentRow a, RouterRow r, boolean ignoreAdminState) {
    if (!ignoreAdminState && !a.adminStateUp()) {
      return false;
    }
    if (dvrMode(a) || (mode(a).equals("legacy") && r.distributed())) {
      return false;
    }
    if (a.configurations().get("router_id") instanceof String pinned && !pinned.isEmpty()
        && !pinned.equals(r.id())) {
      return false;
    }
    boolean internalOnly = !Boolean.FALSE.equals(a.configurations().get("handle_internal_only_routers"));
    return r.hasGateway() || internalOnly;
  }

  private boolean inZones(AgentRow a, RouterRow r) {
    if (options.driver() != Driver.AZ_LEAST_ROUTERS) {
      return true;
    }
    List<String> zones = r.hints().isEmpty() ? options.defaultAvailabilityZones() : r.hints();
    return zones.isEmpty() || zones.contains(a.availabilityZone());
  }

  /** _get_candidates: none when an enabled agent already hosts the router. */
  private List<AgentRow> candidates(Handle h, RouterRow r) {
    List<AgentRow> all = agents.ofType(h, Agent.TYPE_L3);
    List<String> hosting = BindingTable.L3.agentsOf(h, r.id());
    if (all.stream().anyMatch(a -> a.adminStateUp() && hosting.contains(a.id()))) {
      return List.of();
    }
    return all.stream().filter(a -> a.adminStateUp() && agents.alive(a) && candidate(a, r, false)
        && inZones(a, r)).toList();
  }

  private AgentRow choose(Handle h, List<AgentRow> candidates) {
    if (options.driver() == Driver.CHANCE) {
      return candidates.get(random.nextInt(candidates.size()));
    }
    AgentRow least = null;
    int fewest = Integer.MAX_VALUE;
    for (AgentRow a : candidates) {
      int n = BindingTable.L3.countOf(h, a.id());
      if (n < fewest) {
        least = a;
        fewest = n;
      }
    }
    return least;
  }

  /**
   * _schedule_router in the caller's transaction: binds the router to the chosen candidate (of
   * {@code only}, when given) unless it is hosted already. The chosen agent, or null.
   */
  private AgentRow scheduleIn(Handle h, String routerId, List<AgentRow> only) {
    Optional<RouterRow> r = router(h, routerId);
    if (r.isEmpty()) {
      return null;
    }
    List<AgentRow> candidates = only != null ? only : candidates(h, r.get());
    if (candidates.isEmpty()) {
      return null;
    }
    AgentRow chosen = choose(h, candidates);
    if (!BindingTable.L3.indices(h, routerId).isEmpty()) {
      return null; // bind_router: a non-HA router is hosted once
    }
    BindingTable.L3.insert(h, routerId, chosen.id(), INDEX);
    return chosen;
  }

  /**
   * schedule_router: hosts an unhosted router on an agent. Returns the agent that got it, or
   * null (hosted already, no candidate, router gone, or another server was first).
   */
  public AgentRow schedule(String routerId) {
    try {
      return db.tx(h -> scheduleIn(h, routerId, null));
    } catch (RuntimeException e) {
      if (BindingTable.lostRace(e)) {
        LOG.info("router {}: scheduled concurrently or gone", routerId);
        return null;
      }
      throw e;
    }
  }

  /**
   * routers_updated with scheduling, as L3AgentNotifyAPI does it: schedule each router, then tell
   * the enabled, alive agents hosting it.
   */
  void routersUpdated(RequestContext ctx, List<String> routerIds) {
    for (String id : routerIds) {
      schedule(id);
      for (AgentRow a : hostsToNotify(id)) {
        notifier.routersUpdated(ctx, a.host(), List.of(id));
      }
    }
  }

  /** get_hosts_to_notify: hosting agents that are enabled (or allowed when disabled) and alive. */
  List<AgentRow> hostsToNotify(String routerId) {
    return db.read(h -> {
      List<AgentRow> out = new ArrayList<>();
      for (String id : BindingTable.L3.agentsOf(h, routerId)) {
        agents.find(h, id).filter(a -> (a.adminStateUp() || options.servicesOnDisabledAgents())
            && agents.alive(a)).ifPresent(out::add);
      }
      return out;
    });
  }

  /**
   * auto_schedule_routers, for the L3 agent on {@code host} syncing its routers (when
   * router_auto_schedule allows): it takes every unhosted router it can host. Returns their ids.
   */
  public List<String> autoScheduleRouters(String host) {
    if (!options.autoSchedule()) {
      return List.of();
    }
    List<String> bound = new ArrayList<>();
    List<String> unhosted = db.read(h -> h.createQuery("SELECT r.id FROM routers r WHERE NOT EXISTS "
        + "(SELECT 1 FROM routerl3agentbindings b WHERE b.router_id = r.id) ORDER BY r.id")
        .mapTo(String.class).list());
    for (String routerId : unhosted) {
      try {
        AgentRow got = db.tx(h -> {
          Optional<AgentRow> agent = agents.ofType(h, Agent.TYPE_L3).stream()
              .filter(a -> a.host().equals(host) && a.adminStateUp() && agents.alive(a)).findFirst();
          Optional<RouterRow> r = router(h, routerId);
          if (agent.isEmpty() || r.isEmpty() || !candidate(agent.get(), r.get(), false)
              || !inZones(agent.get(), r.get())) {
            return null;
          }
          return scheduleIn(h, routerId, List.of(agent.get()));
        });
        if (got != null) {
          bound.add(routerId);
        }
      } catch (RuntimeException e) {
        if (!BindingTable.lostRace(e)) {
          throw e;
        }
      }
    }
    return bound;
  }

  /**
   * reschedule_routers_from_down_agents, the periodic failover check: a router bound to an
   * enabled L3 agent silent for twice agent_down_time moves to another agent — unbound and
   * rebound in one transaction, so that it stays where it was when no agent can take it. The old
   * host is told it lost the router, the new one that it got it. Returns the routers moved.
   */
  public List<String> rescheduleRoutersFromDownAgents() {
    RequestContext ctx = RequestContext.admin("l3-agent-failover");
    List<BindingTable.Binding> down = db.read(h ->
        BindingTable.L3.withAgentsSilentSince(h, agents.deadCutoff()).stream()
            .filter(b -> agents.find(h, b.agentId()).map(AgentRow::adminStateUp).orElse(false))
            .toList());
    Set<String> backOnline = new HashSet<>();
    List<String> moved = new ArrayList<>();
    for (BindingTable.Binding b : down) {
      if (backOnline.contains(b.agentId())) {
        continue;
      }
      Optional<AgentRow> old = db.read(h -> agents.find(h, b.agentId()));
      if (old.isEmpty()) {
        continue;
      }
      if (agents.alive(old.get())) {
        backOnline.add(b.agentId());
        continue;
      }
      LOG.warn("Rescheduling router {} from L3 agent {}: no report for {}s", b.resourceId(),
          b.agentId(), agents.downTime().multipliedBy(2).toSeconds());
      try {
        moved.add(reschedule(ctx, b.resourceId()));
      } catch (NeutronException e) {
        LOG.error("Failed to reschedule router {}: {}", b.resourceId(), e.getMessage());
      } catch (RuntimeException e) {
        if (!BindingTable.lostRace(e)) {
          LOG.error("Failed to reschedule router {}", b.resourceId(), e);
        }
      }
    }
    return moved;
  }

  /** reschedule_router. */
  private String reschedule(RequestContext ctx, String routerId) {
    record Move(List<AgentRow> from, AgentRow to) {}
    Move move = db.tx(h -> {
      List<AgentRow> from = new ArrayList<>();
      for (String id : BindingTable.L3.agentsOf(h, routerId)) {
        agents.find(h, id).ifPresent(from::add);
      }
      BindingTable.L3.deleteAll(h, routerId);
      AgentRow to = scheduleIn(h, routerId, null);
      if (to == null) {
        throw Faults.conflict("RouterReschedulingFailed",
            "Failed rescheduling router " + routerId + ": no eligible l3 agent found.");
      }
      return new Move(from, to);
    });
    for (AgentRow a : move.from()) {
      if (!a.host().equals(move.to().host())) {
        notifier.routerRemovedFromAgent(ctx, a.host(), routerId);
      }
    }
    notifier.routerAddedToAgent(ctx, move.to().host(), List.of(routerId));
    return routerId;
  }

  // --- the l3_agent_scheduler API (L3AgentSchedulerDbMixin) ---

  /** add_router_to_l3_agent. */
  public void addRouterToAgent(RequestContext ctx, String agentId, String routerId) {
    AgentRow agent = db.read(h -> {
      RouterRow r = router(h, routerId).orElseThrow(() -> routerNotFound(routerId));
      AgentRow a = agents.find(h, agentId).orElseThrow(() -> DhcpAgentScheduler.agentNotFound(agentId));
      validate(a, r);
      List<String> hosting = BindingTable.L3.agentsOf(h, routerId);
      if (hosting.contains(agentId)) {
        return null; // already there: nothing to do
      }
      if (!hosting.isEmpty()) {
        throw routerHosted(routerId, hosting.get(0));
      }
      return a;
    });
    if (agent == null) {
      return;
    }
    try {
      db.txVoid(h -> BindingTable.L3.insert(h, routerId, agentId, INDEX));
    } catch (RuntimeException e) {
      if (!BindingTable.lostRace(e)) {
        throw e;
      }
      List<String> hosting = db.read(h -> BindingTable.L3.agentsOf(h, routerId));
      if (hosting.contains(agentId)) {
        return;
      }
      if (hosting.isEmpty()) {
        throw routerNotFound(routerId);
      }
      throw routerHosted(routerId, hosting.get(0));
    }
    notifier.routerAddedToAgent(ctx, agent.host(), List.of(routerId));
  }

  /** validate_agent_router_combination. */
  private void validate(AgentRow a, RouterRow r) {
    if (!a.type().equals(Agent.TYPE_L3)) {
      throw invalidAgent(a.id());
    }
    if (dvrMode(a)) {
      throw Faults.conflict("DVRL3CannotAssignToDvrAgent",
          "Not allowed to manually assign a router to an agent in 'dvr' mode.");
    }
    if (mode(a).equals("legacy") && r.distributed()) {
      throw Faults.conflict("RouterL3AgentMismatch", "Cannot host distributed router " + r.id()
          + " on legacy L3 agent " + a.id() + ".");
    }
    if (!(a.adminStateUp() || options.servicesOnDisabledAgents()) || !candidate(a, r, true)) {
      throw invalidAgent(a.id());
    }
  }

  /** remove_router_from_l3_agent: unbinding a router the agent does not host is no error. */
  public void removeRouterFromAgent(RequestContext ctx, String agentId, String routerId) {
    AgentRow agent = db.tx(h -> {
      AgentRow a = agents.find(h, agentId).orElseThrow(() -> DhcpAgentScheduler.agentNotFound(agentId));
      if (dvrMode(a)) {
        throw Faults.conflict("DVRL3CannotRemoveFromDvrAgent",
            "Not allowed to manually remove a router from an agent in 'dvr' mode.");
      }
      BindingTable.L3.delete(h, routerId, agentId);
      return a;
    });
    if (db.read(h -> router(h, routerId)).isEmpty()) {
      throw routerNotFound(routerId);
    }
    notifier.routerRemovedFromAgent(ctx, agent.host(), routerId);
  }

  /** list_routers_on_l3_agent: the ids, or AgentNotFound for an unknown agent. */
  public List<String> routersOnAgent(String agentId) {
    return db.read(h -> {
      List<String> ids = BindingTable.L3.resourcesOf(h, agentId);
      if (ids.isEmpty() && agents.find(h, agentId).isEmpty()) {
        throw DhcpAgentScheduler.agentNotFound(agentId);
      }
      return ids;
    });
  }

  /** list_l3_agents_hosting_router (an unknown router simply has none). */
  public List<String> agentsHostingRouter(String routerId) {
    return db.read(h -> BindingTable.L3.agentsOf(h, routerId));
  }

  private static NeutronException invalidAgent(String id) {
    return Faults.notFoundWith("InvalidL3Agent",
        "Agent " + id + " is not a L3 Agent or has been disabled");
  }

  private static NeutronException routerHosted(String routerId, String agentId) {
    return Faults.conflict("RouterHostedByL3Agent", "The router " + routerId
        + " has been already hosted by the L3 Agent " + agentId + ".");
  }

  static NeutronException routerNotFound(String id) {
    return Faults.notFoundWith("RouterNotFound", "Router " + id + " could not be found");
  }

  /**
   * The zones of the agents hosting each of {@code ids} (in {@code table}, binding {@code resource}
   * to {@code agent}), stated: what {@code show} gets is resource id to its zones, sorted.
   */
  static Callbacks.PageRead zonesOf(String table, String resource, String agent, List<Object> ids,
      java.util.function.Consumer<Map<Object, List<String>>> show) {
    return Batches.stated("SELECT DISTINCT b." + resource + ", a.availability_zone FROM " + table
            + " b JOIN agents a ON a.id = b." + agent + " WHERE a.availability_zone IS NOT NULL AND", List.of(),
            "b." + resource, ids, "a.availability_zone", rs -> Map.entry(rs.getString(1), rs.getString(2)),
            Map.Entry::getKey)
        .grouped(Map.Entry::getValue, show);
  }
}
