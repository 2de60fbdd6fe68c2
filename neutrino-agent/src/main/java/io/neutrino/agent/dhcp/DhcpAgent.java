package io.neutrino.agent.dhcp;

import io.neutrino.agent.dhcp.DhcpNetwork.Port;
import io.neutrino.agent.dhcp.DhcpNetwork.Subnet;
import io.neutrino.agent.linux.BridgeInterfaceDriver;
import io.neutrino.agent.linux.HostExecutor;
import io.neutrino.agent.linux.IpCommand;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DHCP agent (neutron/agent/dhcp/agent.py DhcpAgent + DhcpAgentWithStateReport): keeps, for
 * every network scheduled to it that has a DHCP-enabled subnet, a {@code qdhcp-<network id>}
 * namespace with its DHCP port and a dnsmasq serving exactly the network's ports.
 *
 * <p>All work runs on one agent thread, in arrival order: the full sync at start, notifications
 * (through {@link DhcpAgentRpcCallbacks}), the retry of networks that failed, a periodic full
 * resync, the dnsmasq watchdog (a dead dnsmasq is respawned, Neutron's ProcessMonitor "respawn"
 * action) and the heartbeat. Neutron runs notifications for different networks in parallel green
 * threads; one thread keeps the same per-network order with no locking.
 *
 * <p>Ports dnsmasq has just been given are reported to the server with {@code dhcp_ready_on_ports}
 * from a thread of their own (agent.py _dhcp_ready_ports_loop), so that a slow or absent server
 * never holds up the agent thread; the server keeps a port out of ACTIVE until then.
 */
public final class DhcpAgent implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DhcpAgent.class);
  /** agent.py DHCP_READY_PORTS_SYNC_MAX: ports per dhcp_ready_on_ports call. */
  static final int READY_PORTS_PER_CALL = 64;
  /** How often ready ports are looked for (agent.py sleeps 0.1 s between rounds). */
  private static final long READY_PORTS_POLL_MS = 100;

  private final DhcpAgentConfig conf;
  private final DhcpPluginApi plugin;
  private final HostExecutor root;
  private final DhcpDeviceManager devices;
  private final ScheduledExecutorService thread;
  /** Networks this agent serves, as last configured (with the DHCP port among the ports). */
  private final Map<String, DhcpNetwork> cache = new LinkedHashMap<>();
  /** Networks to configure again at the next resync; {@code null} inside means all. */
  private final Set<String> needsResync = new LinkedHashSet<>();
  private final Set<String> deletedPorts = new HashSet<>();
  /** Ports served but not yet reported ready (agent.py dhcp_ready_ports); filled by the agent thread. */
  private final Set<String> readyPorts = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService readyReporter;
  private boolean startFlag = true;
  private boolean synced;

  /**
   * @param host where the DHCP ports' host ends (taps) and the bridges are: the root namespace in
   *     a deployment, a test's "host" namespace in tests
   * @param root an executor in the root mount namespace, for the {@code qdhcp-} namespaces and
   *     dnsmasq
   */
  public DhcpAgent(DhcpAgentConfig conf, DhcpPluginApi plugin, HostExecutor host,
      HostExecutor root) {
    this.conf = Objects.requireNonNull(conf);
    this.plugin = Objects.requireNonNull(plugin);
    this.root = Objects.requireNonNull(root);
    this.devices = new DhcpDeviceManager(conf, plugin, new BridgeInterfaceDriver(host), root);
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "dhcp-agent");
      t.setDaemon(true);
      return t;
    });
    this.readyReporter = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "dhcp-ready-ports");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts the loop: a full sync now, then the periodic tasks. */
  public void start() {
    submit(this::syncAll);
    every(conf.resyncInterval(), this::resyncFailed);
    every(conf.fullResyncInterval(), this::syncAll);
    every(conf.checkChildProcessesInterval(), this::respawnDeadDnsmasq);
    every(conf.reportInterval(), this::reportState);
    readyReporter.scheduleWithFixedDelay(this::reportReadyPorts, READY_PORTS_POLL_MS,
        READY_PORTS_POLL_MS, TimeUnit.MILLISECONDS);
  }

  private void every(Duration interval, Runnable task) {
    if (!interval.isZero() && !interval.isNegative()) {
      long ms = interval.toMillis();
      thread.scheduleWithFixedDelay(() -> guard(task), ms, ms, TimeUnit.MILLISECONDS);
    }
  }

  private void guard(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.error("DHCP agent task failed", e);
    }
  }

  /** Runs {@code task} on the agent thread, after what is already queued. */
  void submit(Runnable task) {
    thread.execute(() -> guard(task));
  }

  /** Runs {@code task} on the agent thread and waits for its result (for tests and tools). */
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

  /** The networks being served and their ports, as a snapshot (taken on the agent thread). */
  public Map<String, DhcpNetwork> networks() {
    return call(() -> Map.copyOf(cache));
  }

  @Override
  public void close() {
    readyReporter.shutdownNow();
    thread.shutdownNow();
    try {
      thread.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- sync (agent.py sync_state) ----

  /** Compares everything with the server: drops networks no longer scheduled, configures the rest. */
  void syncAll() {
    needsResync.clear();
    Set<String> known = new LinkedHashSet<>(cache.keySet());
    // After a restart the cache is empty: what the files say we served must be checked too.
    known.addAll(Dnsmasq.existingNetworks(conf));
    List<DhcpNetwork> active;
    try {
      active = plugin.getActiveNetworksInfo(false).stream().map(DhcpNetwork::fromMap).toList();
    } catch (RuntimeException e) {
      LOG.error("Unable to sync network state", e);
      needsResync.add(null);
      return;
    }
    Set<String> activeIds = new HashSet<>();
    active.forEach(n -> activeIds.add(n.id()));
    for (String id : known) {
      if (!activeIds.contains(id)) {
        safely(id, () -> disable(id));
      }
    }
    for (DhcpNetwork network : active) {
      safely(network.id(), () -> configure(network));
    }
    if (!synced) {
      // Ports created while the agent was away wait for it: tell the server about all of them.
      cache.values().forEach(this::markReady);
      synced = true;
    }
  }

  private void resyncFailed() {
    if (needsResync.isEmpty()) {
      return;
    }
    if (needsResync.contains(null)) {
      syncAll();
      return;
    }
    Set<String> ids = new LinkedHashSet<>(needsResync);
    needsResync.clear();
    for (String id : ids) {
      safely(id, () -> refresh(id));
    }
  }

  /** Runs a network's action; a failure is logged and the network retried at the next resync. */
  private void safely(String networkId, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      LOG.error("Unable to configure DHCP for network {}; will retry", networkId, e);
      needsResync.add(networkId);
    }
  }

  // ---- per-network actions (agent.py *_dhcp_helper, dhcp.py Dnsmasq enable/reload/disable) ----

  /** Brings a network to the given state: unchanged and running, nothing happens. */
  private void configure(DhcpNetwork network) {
    if (!network.adminStateUp() || !network.hasDhcpEnabledSubnet()) {
      disable(network.id());
      return;
    }
    DhcpNetwork old = cache.get(network.id());
    Dnsmasq dnsmasq = new Dnsmasq(conf, root, network.id());
    if (old == null || !dnsmasq.active()) {
      enable(network);
    } else if (!dhcpCidrs(old).equals(dhcpCidrs(network))) {
      enable(network);
    } else if (old.equals(network) || !reloadAllocations(network)) {
      return;
    }
    markReady(cache.get(network.id()));
  }

  private void enable(DhcpNetwork network) {
    Dnsmasq dnsmasq = new Dnsmasq(conf, root, network.id());
    // Neutron restarts a dnsmasq it finds running when it (re)enables a network.
    dnsmasq.kill();
    DhcpDeviceManager.Setup setup = devices.setup(network);
    dnsmasq.spawnOrReload(setup.network(), setup.interfaceName(), false);
    cache.put(network.id(), setup.network());
  }

  /** Gives dnsmasq the network's ports again (SIGHUP); false when it could not. */
  private boolean reloadAllocations(DhcpNetwork network) {
    if (!network.hasDhcpEnabledSubnet()) {
      disable(network.id());
      return false;
    }
    Dnsmasq dnsmasq = new Dnsmasq(conf, root, network.id());
    Optional<String> device = dnsmasq.interfaceName();
    if (device.isEmpty()) {
      LOG.debug("No DHCP device on network {} any more; not reloading", network.id());
      return false;
    }
    dnsmasq.spawnOrReload(network, device.get(), true);
    devices.setDefaultRoute(network,
        new IpCommand(HostExecutor.inNamespace(network.namespace())),
        device.get());
    cache.put(network.id(), network);
    return true;
  }

  /** Kills dnsmasq, removes the namespace, the files and the DHCP port. */
  private void disable(String networkId) {
    Dnsmasq dnsmasq = new Dnsmasq(conf, root, networkId);
    DhcpNetwork network = cache.get(networkId);
    boolean known = network != null || Files.exists(dnsmasq.dir());
    if (!known) {
      return;
    }
    dnsmasq.kill();
    DhcpNetwork target = network != null ? network
        : new DhcpNetwork(networkId, null, false, 0, List.of(), List.of());
    devices.destroy(target, dnsmasq.interfaceName().orElse(null));
    dnsmasq.removeFiles();
    cache.remove(networkId);
    LOG.info("Disabled DHCP for network {}", networkId);
  }

  private void enableHelper(String networkId) {
    Optional<DhcpNetwork> network = plugin.getNetworkInfo(networkId).map(DhcpNetwork::fromMap);
    network.ifPresent(this::configure);
  }

  /** agent.py refresh_dhcp_helper: reload, restart on changed subnets, disable without DHCP. */
  private void refresh(String networkId) {
    if (!cache.containsKey(networkId)) {
      enableHelper(networkId);
      return;
    }
    Optional<DhcpNetwork> network = plugin.getNetworkInfo(networkId).map(DhcpNetwork::fromMap);
    if (network.isEmpty()) {
      disable(networkId);
      return;
    }
    configure(network.get());
  }

  private static List<String> dhcpCidrs(DhcpNetwork n) {
    return n.subnets().stream().filter(Subnet::enableDhcp).map(Subnet::cidr).toList();
  }

  private void respawnDeadDnsmasq() {
    for (DhcpNetwork network : List.copyOf(cache.values())) {
      Dnsmasq dnsmasq = new Dnsmasq(conf, root, network.id());
      if (!dnsmasq.active()) {
        LOG.error("dnsmasq for network {} died; respawning", network.id());
        safely(network.id(), () -> enable(network));
      }
    }
  }

  // ---- notifications (agent.py *_end handlers), called on the agent thread ----

  void networkCreated(String networkId) {
    safely(networkId, () -> enableHelper(networkId));
  }

  void networkUpdated(String networkId, boolean adminStateUp) {
    safely(networkId, () -> {
      if (adminStateUp) {
        enableHelper(networkId);
      } else {
        disable(networkId);
      }
    });
  }

  void networkDeleted(String networkId) {
    safely(networkId, () -> disable(networkId));
  }

  void subnetChanged(String networkId) {
    safely(networkId, () -> refresh(networkId));
  }

  void subnetDeleted(String subnetId, String networkId) {
    String id = networkId != null ? networkId : cache.values().stream()
        .filter(n -> n.subnet(subnetId).isPresent()).map(DhcpNetwork::id).findFirst().orElse(null);
    if (id != null && cache.containsKey(id)) {
      safely(id, () -> refresh(id));
    }
  }

  /** A port was created or updated: its network's dnsmasq rereads its files. */
  void portChanged(Port port) {
    if (!port.requiresDhcpConfiguration() || deletedPorts.contains(port.id())) {
      return;
    }
    DhcpNetwork network = cache.get(port.networkId());
    if (network == null) {
      return;
    }
    safely(network.id(), () -> {
      if (devices.deviceId(network.id()).equals(port.deviceId())) {
        Optional<Port> old = network.port(port.id());
        Set<String> oldSubnets = new HashSet<>();
        old.ifPresent(p -> p.fixedIps().forEach(f -> oldSubnets.add(f.subnetId())));
        Set<String> newSubnets = new HashSet<>();
        port.fixedIps().forEach(f -> newSubnets.add(f.subnetId()));
        if (!oldSubnets.equals(newSubnets)) {
          // A subnet is being added or deleted: let the resync get a consistent picture.
          needsResync.add(network.id());
          return;
        }
        if (!old.map(Port::fixedIps).equals(Optional.of(port.fixedIps()))) {
          enable(network.withPort(port));
          return;
        }
      }
      if (reloadAllocations(network.withPort(port))
          && !devices.deviceId(network.id()).equals(port.deviceId())) {
        readyPorts.add(port.id());
      }
    });
  }

  void portDeleted(String portId, String networkId) {
    deletedPorts.add(portId);
    DhcpNetwork network = networkId != null ? cache.get(networkId) : cache.values().stream()
        .filter(n -> n.port(portId).isPresent()).findFirst().orElse(null);
    if (network == null || network.port(portId).isEmpty()) {
      return;
    }
    Port port = network.port(portId).get();
    safely(network.id(), () -> {
      if (devices.deviceId(network.id()).equals(port.deviceId())) {
        // Our own port is gone: stop serving and get (or create) a port again at the resync.
        disable(network.id());
        needsResync.add(network.id());
      } else {
        reloadAllocations(network.withoutPort(portId));
      }
    });
  }

  // ---- ready ports (agent.py dhcp_ready_ports and _dhcp_ready_ports_loop) ----

  /** The network's ports other than our own DHCP port are served: the server is to hear of it. */
  private void markReady(DhcpNetwork network) {
    if (network == null) {
      return;
    }
    String ours = devices.deviceId(network.id());
    network.ports().stream().filter(p -> p.requiresDhcpConfiguration() && !ours.equals(p.deviceId()))
        .forEach(p -> readyPorts.add(p.id()));
  }

  /** Sends what is ready, a batch at a time; a batch that fails goes back for the next round. */
  private void reportReadyPorts() {
    while (!readyPorts.isEmpty()) {
      List<String> batch = readyPorts.stream().limit(READY_PORTS_PER_CALL).toList();
      readyPorts.removeAll(batch);
      try {
        plugin.dhcpReadyOnPorts(batch);
        LOG.info("DHCP configuration for ports {} is completed", batch);
      } catch (RuntimeException e) {
        LOG.error("Failure notifying the server of ready DHCP ports; will retry", e);
        readyPorts.addAll(batch);
        return;
      }
    }
  }

  void scheduleFullResync(String reason) {
    LOG.info("Full resync scheduled: {}", reason);
    needsResync.add(null);
  }

  // ---- heartbeat (DhcpAgentWithStateReport._report_state) ----

  private void reportState() {
    int subnets = 0;
    int ports = 0;
    for (DhcpNetwork n : cache.values()) {
      subnets += n.subnets().size();
      ports += n.ports().size();
    }
    Map<String, Object> configurations = new LinkedHashMap<>();
    configurations.put("dhcp_driver", "neutron.agent.linux.dhcp.Dnsmasq");
    configurations.put("dhcp_lease_duration", conf.dhcpLeaseDuration());
    configurations.put("log_agent_heartbeats", false);
    configurations.put("networks", cache.size());
    configurations.put("subnets", subnets);
    configurations.put("ports", ports);
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("binary", "neutron-dhcp-agent");
    state.put("host", conf.host());
    state.put("availability_zone", conf.availabilityZone());
    state.put("topic", "dhcp_agent");
    state.put("configurations", configurations);
    if (startFlag) {
      state.put("start_flag", true);
    }
    state.put("agent_type", "DHCP agent");
    String status = plugin.reportState(state);
    startFlag = false;
    if ("revived".equals(status)) {
      scheduleFullResync("agent has just been revived");
    }
  }
}
