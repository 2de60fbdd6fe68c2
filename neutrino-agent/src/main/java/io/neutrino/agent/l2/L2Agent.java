package io.neutrino.agent.l2;

import io.neutrino.agent.l2.firewall.FirewallDriver;
import io.neutrino.agent.l2.firewall.IptablesFirewallDriver;
import io.neutrino.agent.l2.firewall.NoopFirewallDriver;
import io.neutrino.agent.linux.HostCommandException;
import io.neutrino.agent.linux.HostExecutor;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The linuxbridge L2 agent: loop + manager + one door to the host
 * (neutron/plugins/ml2/drivers/agent/_common_agent.py CommonAgentLoop). Every
 * {@code polling_interval} it lists the {@code tap*} devices, works out which appeared, went away
 * or changed (a new interface index means re-created; {@code port_update} casts mark devices
 * too), sets up their security group filters, asks the server for their details, plugs them
 * into their network's bridge, and reports them up or down. A failed iteration makes the next
 * one a full resync. Every {@code report_interval} it reports its state.
 *
 * <p>Start it with {@link #start()}, stop it with {@link #close()}; {@link #runOnce()} runs one
 * iteration (tests drive it that way). {@link #callbacks()} is the endpoint for the server's
 * casts.
 */
public final class L2Agent implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(L2Agent.class);
  public static final String AGENT_TYPE = "Linux bridge agent";
  public static final String BINARY = "neutron-linuxbridge-agent";

  private final L2AgentConfig config;
  private final LinuxBridgeManager manager;
  private final SecurityGroupAgent securityGroups;
  private final L2PluginApi plugin;
  private final String agentId;
  private final L2AgentRpcCallbacks callbacks;
  // host changes from the loop and from casts never interleave
  private final ReentrantLock hostLock = new ReentrantLock();
  private final Set<String> updatedDevices = ConcurrentHashMap.newKeySet();
  private final Map<String, DeviceDetails.Segment> networks = new ConcurrentHashMap<>();
  private final Map<String, String> deviceNetwork = new ConcurrentHashMap<>();
  private volatile boolean fullSync = true;
  private boolean startFlag = true;
  private Scan previous = new Scan(Map.of(), Set.of(), Set.of());
  private ScheduledExecutorService scheduler;

  /** The agent on {@code host} (the root namespace, or a namespace standing in for a host). */
  public L2Agent(L2AgentConfig config, HostExecutor host, L2PluginApi plugin) {
    this(config, new LinuxBridgeManager(host, config), firewall(config, host), plugin);
  }

  L2Agent(L2AgentConfig config, LinuxBridgeManager manager, FirewallDriver firewall,
      L2PluginApi plugin) {
    this.config = Objects.requireNonNull(config);
    this.manager = Objects.requireNonNull(manager);
    this.plugin = Objects.requireNonNull(plugin);
    this.securityGroups = new SecurityGroupAgent(plugin, firewall);
    this.agentId = manager.agentId();
    this.callbacks = new L2AgentRpcCallbacks(this, manager, securityGroups,
        new L2PopHandler(manager, id -> Optional.ofNullable(networks.get(id))));
  }

  static FirewallDriver firewall(L2AgentConfig config, HostExecutor host) {
    return config.firewallDriver().equals("iptables")
        ? new IptablesFirewallDriver(host, config.enableIpset())
        : new NoopFirewallDriver();
  }

  public L2AgentRpcCallbacks callbacks() {
    return callbacks;
  }

  public String agentId() {
    return agentId;
  }

  public SecurityGroupAgent securityGroups() {
    return securityGroups;
  }

  /** Starts the polling loop and the state reports on their own thread. */
  public synchronized void start() {
    if (scheduler != null) {
      throw new IllegalStateException("the agent is already running");
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "l2-agent");
      t.setDaemon(true);
      return t;
    });
    LOG.info("{} RPC Daemon Started!", AGENT_TYPE);
    scheduler.scheduleWithFixedDelay(this::reportState, 0,
        config.reportInterval().toMillis(), TimeUnit.MILLISECONDS);
    scheduler.scheduleWithFixedDelay(this::runOnce, 0, config.pollingInterval().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      try {
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      scheduler = null;
    }
  }

  /** The devices of one scan: name to interface index, and what the last pass left to redo. */
  record Scan(Map<String, Integer> current, Set<String> updated, Set<String> removed) {}

  /** What changed between two scans. */
  record Changes(Set<String> added, Set<String> updated, Set<String> removed) {
    boolean any() {
      return !added.isEmpty() || !updated.isEmpty() || !removed.isEmpty();
    }
  }

  /**
   * The diff of scan_devices: on a resync every current device counts as added and what failed
   * before is retried; otherwise added/removed come from the names and updated from casts and
   * changed interface indexes.
   */
  static Changes diff(Scan previous, Map<String, Integer> current, Set<String> notified,
      boolean sync) {
    Set<String> updated = new TreeSet<>(notified);
    previous.current().forEach((dev, index) -> {
      Integer now = current.get(dev);
      if (now != null && !now.equals(index)) {
        updated.add(dev);
      }
    });
    Set<String> gone = new TreeSet<>(previous.current().keySet());
    gone.removeAll(current.keySet());
    if (sync) {
      Set<String> removed = new TreeSet<>(previous.removed());
      removed.addAll(gone);
      Set<String> retry = new TreeSet<>(previous.updated());
      updated.retainAll(current.keySet());
      retry.addAll(updated);
      return new Changes(new TreeSet<>(current.keySet()), retry, removed);
    }
    Set<String> added = new TreeSet<>(current.keySet());
    added.removeAll(previous.current().keySet());
    updated.retainAll(current.keySet());
    return new Changes(added, updated, gone);
  }

  /** One loop iteration; failures are logged and make the next iteration resync. */
  public void runOnce() {
    hostLock.lock();
    try {
      boolean sync = fullSync;
      fullSync = false;
      if (sync) {
        LOG.info("{} out of sync with plugin!", AGENT_TYPE);
      }
      Set<String> notified = new HashSet<>(updatedDevices);
      updatedDevices.removeAll(notified);
      Changes changes = null;
      try {
        Map<String, Integer> current = manager.tapDevices();
        changes = diff(previous, current, notified, sync);
        previous = new Scan(current, changes.updated(), changes.removed());
        if (changes.any() || securityGroups.refreshNeeded()) {
          LOG.debug("Agent loop found changes! {}", changes);
          boolean resync = process(changes);
          fullSync |= resync;
          if (!resync) {
            previous = new Scan(current, Set.of(), Set.of());
          }
        }
      } catch (RuntimeException e) {
        // a failed iteration must not end the scheduled loop: the next one resyncs
        LOG.error("Error in agent loop. Devices info: {}", changes, e);
        updatedDevices.addAll(notified);
        fullSync = true;
      }
    } finally {
      hostLock.unlock();
    }
  }

  private boolean process(Changes changes) {
    securityGroups.setupPortFilters(changes.added(), changes.updated());
    boolean resync = false;
    Set<String> addedUpdated = new TreeSet<>(changes.added());
    addedUpdated.addAll(changes.updated());
    if (!addedUpdated.isEmpty()) {
      resync = treatDevicesAddedUpdated(addedUpdated);
    }
    if (!changes.removed().isEmpty()) {
      resync |= treatDevicesRemoved(changes.removed());
    }
    return resync;
  }

  @SuppressWarnings("unchecked")
  private boolean treatDevicesAddedUpdated(Set<String> devices) {
    Map<String, Object> reply = plugin.getDevicesDetailsListAndFailedDevices(
        new ArrayList<>(devices), agentId, config.host());
    List<String> up = new ArrayList<>();
    List<String> down = new ArrayList<>();
    for (Map<String, Object> entry : (List<Map<String, Object>>) reply.getOrDefault("devices",
        List.of())) {
      Optional<DeviceDetails> details = DeviceDetails.from(entry);
      if (details.isEmpty()) {
        LOG.info("Device {} not defined on plugin", entry.get("device"));
        continue;
      }
      DeviceDetails d = details.get();
      LOG.info("Port {} updated. Details: {}", d.device(), entry);
      networks.put(d.networkId(), d.segment());
      boolean plugged;
      try {
        plugged = manager.plug(d);
        if (plugged) {
          manager.setAdminState(d.device(), d.adminStateUp());
        }
      } catch (HostCommandException e) {
        // A TAP deleted while it is being plugged (an instance deleted meanwhile) is no error:
        // the next scan reports it removed (_ignore_missing_device_exceptions). Anything else
        // fails the iteration, and the next one resyncs.
        if (manager.exists(d.device())) {
          throw e;
        }
        LOG.info("Device {} was removed during processing", d.device());
        continue;
      }
      if (d.adminStateUp()) {
        (plugged ? up : down).add(d.device());
      }
      deviceNetwork.put(d.device(), d.networkId());
    }
    boolean resync = !((List<Object>) reply.getOrDefault("failed_devices", List.of())).isEmpty();
    if (!up.isEmpty() || !down.isEmpty()) {
      Map<String, Object> r = plugin.updateDeviceList(up, down, agentId, config.host());
      resync |= failed(r);
    }
    return resync;
  }

  private boolean treatDevicesRemoved(Set<String> devices) {
    securityGroups.removeDevicesFilter(devices);
    for (String d : devices) {
      LOG.info("Attachment {} removed", d);
    }
    Map<String, Object> r = plugin.updateDeviceList(List.of(), new ArrayList<>(devices), agentId,
        config.host());
    Set<String> networksLeft = new HashSet<>();
    for (String d : devices) {
      String net = deviceNetwork.remove(d);
      if (net != null) {
        networksLeft.add(net);
      }
    }
    networksLeft.removeAll(deviceNetwork.values());
    for (String net : networksLeft) {
      DeviceDetails.Segment s = networks.get(net);
      String bridge = manager.bridgeFor(net, s == null ? null : s.physicalNetwork());
      if (manager.deleteBridgeIfUnused(bridge)) {
        networks.remove(net);
      }
    }
    return failed(r);
  }

  private static boolean failed(Map<String, Object> reply) {
    for (String key : List.of("failed_devices_up", "failed_devices_down")) {
      if (reply.get(key) instanceof List<?> l && !l.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** One report_state; "revived" makes the next loop iteration a full resync. */
  public void reportState() {
    try {
      Map<String, Object> state = new LinkedHashMap<>();
      state.put("binary", BINARY);
      state.put("host", config.host());
      state.put("topic", "N/A");
      Map<String, Object> configurations = new LinkedHashMap<>(manager.configurations());
      configurations.put("extensions", List.of());
      configurations.put("devices", previous.current().size());
      state.put("configurations", configurations);
      state.put("agent_type", AGENT_TYPE);
      state.put("start_flag", startFlag);
      String status = plugin.reportState(state,
          DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(Instant.now().atOffset(ZoneOffset.UTC)));
      startFlag = false;
      if ("revived".equals(status)) {
        LOG.info("Agent has just been revived. Doing a full sync.");
        fullSync = true;
      }
    } catch (RuntimeException e) {
      LOG.error("Failed reporting state!", e);
    }
  }

  // --- what the casts change (called by L2AgentRpcCallbacks) ---

  void markUpdated(String device) {
    updatedDevices.add(device);
  }

  /** Every device wired into {@code networkId} is processed again (network_update). */
  void markNetworkUpdated(String networkId) {
    deviceNetwork.forEach((device, network) -> {
      if (network.equals(networkId)) {
        updatedDevices.add(device);
      }
    });
  }

  /** Runs host work of a cast under the loop's lock. */
  void withHost(Runnable work) {
    hostLock.lock();
    try {
      work.run();
    } finally {
      hostLock.unlock();
    }
  }

  Optional<DeviceDetails.Segment> segment(String networkId) {
    return Optional.ofNullable(networks.get(networkId));
  }

  void forgetNetwork(String networkId) {
    networks.remove(networkId);
    deviceNetwork.values().removeIf(networkId::equals);
  }

  void forgetDevice(String device) {
    deviceNetwork.remove(device);
  }
}
