package io.neutrino.agent.l3;

import io.neutrino.agent.l3.Router.FloatingIp;
import io.neutrino.agent.linux.BridgeInterfaceDriver;
import io.neutrino.agent.linux.HostExecutor;
import io.neutrino.agent.linux.IpCommand;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The L3 agent, legacy mode (neutron/agent/l3/agent.py L3NATAgentWithStateReport): one
 * {@code qrouter-<router id>} namespace per router scheduled to it, kept equal to the router dicts
 * {@code sync_routers} returns. At start and periodically it fetches every router, processes each
 * and removes the routers it built that it was not given; notifications ({@link
 * L3AgentRpcCallbacks}) fetch and process only the routers named. All work runs on one agent thread.
 *
 * <p>Namespaces left by an earlier run are removed as Neutron's NamespaceManager does: once, at
 * the first full sync after start, every {@code qrouter-} namespace of a router it was not given.
 * Only namespaces wired to this agent's host count: named namespaces are shared by the whole
 * machine, and one whose router devices lead to another host namespace belongs to another agent
 * (two "hosts" on one machine, or another test run), so it is left alone.
 */
public final class L3Agent implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(L3Agent.class);
  private static final Pattern ROUTER_NS =
      Pattern.compile("qrouter-[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");

  private final L3AgentConfig conf;
  private final L3PluginApi plugin;
  private final IpCommand rootIp;
  private final RouterProcessor processor;
  private final ScheduledExecutorService thread;
  /** Routers built, with the floating IP statuses last reported. */
  private final Map<String, Built> routers = new LinkedHashMap<>();
  private final Set<String> needsResync = new LinkedHashSet<>();
  private boolean fullResyncNeeded;
  /** Namespaces of an earlier run are still to be looked for (NamespaceManager._clean_stale). */
  private boolean cleanStale = true;
  private boolean startFlag = true;

  /**
   * @param host where the routers' taps and the bridges are (a test's "host" namespace in tests)
   * @param root an executor in the root mount namespace, for the {@code qrouter-} namespaces
   */
  public L3Agent(L3AgentConfig conf, L3PluginApi plugin, HostExecutor host, HostExecutor root) {
    this.conf = Objects.requireNonNull(conf);
    this.plugin = Objects.requireNonNull(plugin);
    this.rootIp = new IpCommand(root);
    this.processor = new RouterProcessor(conf, new BridgeInterfaceDriver(host), root);
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "l3-agent");
      t.setDaemon(true);
      return t;
    });
  }

  public void start() {
    submit(this::fullSync);
    every(conf.resyncInterval(), this::resyncFailed);
    every(conf.fullSyncInterval(), this::fullSync);
    every(conf.reportInterval(), this::reportState);
  }

  private void every(Duration interval, Runnable task) {
    if (!interval.isZero() && !interval.isNegative()) {
      long ms = interval.toMillis();
      thread.scheduleWithFixedDelay(() -> guard(task), ms, ms, TimeUnit.MILLISECONDS);
    }
  }

  private static void guard(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.error("L3 agent task failed", e);
    }
  }

  void submit(Runnable task) {
    thread.execute(() -> guard(task));
  }

  /** Runs {@code task} on the agent thread and waits for it (for tests and tools). */
  public <T> T call(Callable<T> task) {
    try {
      return thread.submit(task).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  /** Ids of the routers this agent has built. */
  public Set<String> routerIds() {
    return call(() -> Set.copyOf(routers.keySet()));
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Every router from the server, processed; the others it built removed, and at the first full
   * sync after start the stale namespaces of its host.
   */
  void fullSync() {
    List<Router> all;
    try {
      all = plugin.syncRouters(null).stream().map(Router::fromMap).toList();
    } catch (RuntimeException e) {
      LOG.error("Failed synchronizing routers", e);
      fullResyncNeeded = true;
      return;
    }
    fullResyncNeeded = false;
    needsResync.clear();
    Set<String> wanted = new HashSet<>();
    for (Router router : all) {
      if (router.adminStateUp()) {
        wanted.add(router.id());
        processSafely(router);
      }
    }
    if (cleanStale) {
      cleanStale = false;
      for (String ns : rootIp.namespaces()) {
        if (ROUTER_NS.matcher(ns).matches() && !wanted.contains(ns.substring(8)) && wiredHere(ns)) {
          LOG.info("Deleting stale router namespace {}", ns);
          removeSafely(ns.substring(8));
        }
      }
    }
    for (String id : Set.copyOf(routers.keySet())) {
      if (!wanted.contains(id)) {
        removeSafely(id);
      }
    }
  }

  /** False also when the namespace went away while it was looked at (another agent removed it). */
  private boolean wiredHere(String ns) {
    try {
      return processor.wiredHere(ns);
    } catch (RuntimeException e) {
      LOG.debug("Could not inspect namespace {}: {}", ns, e.getMessage());
      return false;
    }
  }

  private void resyncFailed() {
    if (fullResyncNeeded) {
      fullSync();
    } else if (!needsResync.isEmpty()) {
      Set<String> ids = new LinkedHashSet<>(needsResync);
      needsResync.clear();
      routersUpdated(ids);
    }
  }

  /** Fetches the named routers; processes those returned and removes the others. */
  void routersUpdated(Collection<String> routerIds) {
    List<Router> got;
    try {
      got = plugin.syncRouters(routerIds).stream().map(Router::fromMap).toList();
    } catch (RuntimeException e) {
      LOG.error("Failed fetching routers {}", routerIds, e);
      needsResync.addAll(routerIds);
      return;
    }
    Set<String> returned = new HashSet<>();
    for (Router router : got) {
      returned.add(router.id());
      if (router.adminStateUp()) {
        processSafely(router);
      } else {
        removeSafely(router.id());
      }
    }
    for (String id : routerIds) {
      if (!returned.contains(id)) {
        removeSafely(id);
      }
    }
  }

  void routerDeleted(String routerId) {
    removeSafely(routerId);
  }

  void scheduleFullResync(String reason) {
    LOG.info("Full resync scheduled: {}", reason);
    fullResyncNeeded = true;
  }

  private void processSafely(Router router) {
    Map<String, String> reported = routers.containsKey(router.id())
        ? routers.get(router.id()).fipStatuses() : Map.of();
    Map<String, String> statuses = new LinkedHashMap<>();
    try {
      List<FloatingIp> configured = processor.process(router);
      configured.forEach(f -> statuses.put(f.id(), "ACTIVE"));
    } catch (RuntimeException e) {
      LOG.error("Failed to process router {}; will retry", router.id(), e);
      router.floatingIps().forEach(f -> statuses.put(f.id(), "ERROR"));
      needsResync.add(router.id());
    }
    // Floating IPs that left the router are down (RouterInfo.update_fip_statuses).
    reported.keySet().stream().filter(id -> !statuses.containsKey(id))
        .forEach(id -> statuses.put(id, "DOWN"));
    routers.put(router.id(), new Built(router, statusesAfter(router, statuses)));
    Map<String, String> changed = new HashMap<>();
    statuses.forEach((id, status) -> {
      String known = reported.containsKey(id) ? reported.get(id) : current(router, id);
      if (!status.equals(known)) {
        changed.put(id, status);
      }
    });
    if (!changed.isEmpty()) {
      try {
        plugin.updateFloatingipStatuses(router.id(), changed);
      } catch (RuntimeException e) {
        LOG.error("Failed reporting floating IP statuses of router {}", router.id(), e);
      }
    }
  }

  private record Built(Router router, Map<String, String> fipStatuses) {}

  private static String current(Router router, String fipId) {
    return router.floatingIps().stream().filter(f -> f.id().equals(fipId)).map(FloatingIp::status)
        .findFirst().orElse(null);
  }

  /** What is remembered: the statuses of floating IPs still on the router. */
  private static Map<String, String> statusesAfter(Router router, Map<String, String> statuses) {
    Map<String, String> kept = new LinkedHashMap<>();
    router.floatingIps().forEach(f -> {
      if (statuses.containsKey(f.id())) {
        kept.put(f.id(), statuses.get(f.id()));
      }
    });
    return kept;
  }

  private void removeSafely(String routerId) {
    try {
      processor.delete(routerId);
      routers.remove(routerId);
    } catch (RuntimeException e) {
      LOG.error("Failed to remove router {}; will retry", routerId, e);
      fullResyncNeeded = true;
    }
  }

  private void reportState() {
    Map<String, Object> configurations = new LinkedHashMap<>();
    configurations.put("agent_mode", "legacy");
    configurations.put("routers", routers.size());
    configurations.put("ex_gw_ports",
        routers.values().stream().filter(b -> b.router().gwPort().isPresent()).count());
    configurations.put("interfaces",
        routers.values().stream().mapToInt(b -> b.router().interfaces().size()).sum());
    configurations.put("floating_ips",
        routers.values().stream().mapToInt(b -> b.router().floatingIps().size()).sum());
    configurations.put("handle_internal_only_routers", true);
    configurations.put("log_agent_heartbeats", false);
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("binary", "neutron-l3-agent");
    state.put("host", conf.host());
    state.put("availability_zone", conf.availabilityZone());
    state.put("topic", "l3_agent");
    state.put("configurations", configurations);
    if (startFlag) {
      state.put("start_flag", true);
    }
    state.put("agent_type", "L3 agent");
    String status = plugin.reportState(state);
    startFlag = false;
    if ("revived".equals(status)) {
      scheduleFullResync("agent has just been revived");
    }
  }
}
