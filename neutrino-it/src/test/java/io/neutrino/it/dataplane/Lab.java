package io.neutrino.it.dataplane;

import io.neutrino.agent.linux.HostExecutor;
import io.neutrino.it.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The world of one end-to-end test class: a Neutrino server whose RPC service is on a RabbitMQ vhost
 * of its own (Neutron's queue names are fixed, so two builds on one broker would share them
 * otherwise), "host" namespaces each running agents ({@link LabHost}), a "switch" namespace whose
 * bridges stand for the wires between hosts (the underlay {@code ul}, the VLAN/flat physical
 * network {@code physnet1} and the external network {@code extnet}), an "external" namespace on
 * that last one, and instances ({@link Vm}).
 *
 * <p>Everything is named after the run ({@code nte-<pid>-<n>-…}, vhost {@code neutrino-e2e-<pid>-<n>})
 * and removed by {@link #close()}, also after a failure or on JVM exit; what a run killed before
 * closing left behind is swept by the next start (its pid is dead). Agents run inside the host
 * namespaces, so their bridges, {@code tap}/{@code vxlan-} devices, iptables chains and ipsets go
 * with those; their {@code qdhcp-}/{@code qrouter-} namespaces are found through the API.
 *
 * <p>Named namespaces are the machine's, but runs do not disturb each other's routers: an L3 agent
 * removes stale {@code qrouter-} namespaces only at its start and only those wired to its own host
 * namespace.
 */
final class Lab implements AutoCloseable {
  static final String NS_PREFIX = "nte-";
  static final String VHOST_PREFIX = "neutrino-e2e-";
  /** The external network's subnet; its gateway is the external namespace. */
  static final String EXTERNAL_CIDR = "203.0.113.0/24";
  static final String EXTERNAL_GATEWAY = "203.0.113.1";
  private static final AtomicInteger RUNS = new AtomicInteger();
  private static final String PID = Long.toString(ProcessHandle.current().pid(), 36);

  final String id;
  final String transportUrl;
  final Path state;
  final Api api;
  private final String vhost;
  private final TestServer server;
  private final List<String> namespaces = new ArrayList<>();
  private final List<LabHost> hosts = new ArrayList<>();
  private final Thread onExit = new Thread(this::close, "lab-cleanup");
  private String switchNs;
  private String externalNs;
  private boolean closed;

  private Lab(String id, String vhost, Path state, TestServer server) {
    this.id = id;
    this.vhost = vhost;
    this.state = state;
    this.transportUrl = "rabbit://guest:guest@127.0.0.1:5672/" + vhost;
    this.server = server;
    this.api = server == null ? null : new Api(server);
  }

  /** Starts the server (ML2 with linuxbridge and l2population, VXLAN tenant networks, routers). */
  static Lab start() {
    sweepDeadRuns();
    String id = PID + "-" + RUNS.incrementAndGet();
    String vhost = VHOST_PREFIX + id;
    sh("rabbitmqctl", "-q", "add_vhost", vhost);
    Path state;
    try {
      state = Files.createTempDirectory("nte-" + id,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Lab bare = new Lab(id, vhost, state, null);
    try {
      sh("rabbitmqctl", "-q", "set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
      Map<String, Map<String, String>> conf = new LinkedHashMap<>();
      conf.put("DEFAULT", Map.of("transport_url", bare.transportUrl, "host", "nte-server",
          "service_plugins", "router"));
      conf.put("ml2", Map.of("type_drivers", "flat,vlan,vxlan", "tenant_network_types", "vxlan",
          "mechanism_drivers", "linuxbridge,l2population", "extension_drivers", "port_security"));
      conf.put("ml2_type_vxlan", Map.of("vni_ranges", "100:200"));
      conf.put("ml2_type_flat", Map.of("flat_networks", "extnet,physnet1"));
      conf.put("ml2_type_vlan", Map.of("network_vlan_ranges", "physnet1:100:199"));
      Lab lab = new Lab(id, vhost, state, TestServer.start(conf));
      Runtime.getRuntime().addShutdownHook(lab.onExit);
      return lab;
    } catch (RuntimeException e) {
      bare.close();
      throw e;
    }
  }

  static String sh(String... cmd) {
    return HostExecutor.root().run(cmd);
  }

  static HostExecutor.Result trySh(String... cmd) {
    return HostExecutor.root().tryRun(List.of(cmd), null);
  }

  /** A new namespace of this run, {@code nte-<run>-<name>}, removed by {@link #close()}. */
  String namespace(String name) {
    String ns = NS_PREFIX + id + "-" + name;
    sh("ip", "netns", "add", ns);
    namespaces.add(ns);
    HostExecutor.inNamespace(ns).run("ip", "link", "set", "lo", "up");
    return ns;
  }

  /**
   * A new host {@code h<n>}: underlay address {@code 10.250.0.<n>} on {@code ul0} (VXLAN's
   * {@code local_ip}), and {@code pn0}, {@code ex0} on the physical and external networks. Start
   * its agents with {@link LabHost#start}.
   */
  LabHost host() {
    int n = hosts.size() + 1;
    String ns = namespace("h" + n);
    wire(ns, "ul0", "ul", "ul-h" + n);
    HostExecutor.inNamespace(ns).run("ip", "addr", "add", "10.250.0." + n + "/24", "dev", "ul0");
    wire(ns, "pn0", "physnet1", "pn-h" + n);
    wire(ns, "ex0", "extnet", "ex-h" + n);
    LabHost host = new LabHost(this, ns, n);
    hosts.add(host);
    return host;
  }

  /** The "outside world": a namespace on the external network holding its gateway address. */
  Vm external() {
    if (externalNs == null) {
      externalNs = namespace("ext");
      wire(externalNs, "eth0", "extnet", "ex-out");
      // No route to any internal network: a reply reaches an instance only through NAT.
      HostExecutor.inNamespace(externalNs).run("ip", "addr", "add", EXTERNAL_GATEWAY + "/24", "dev", "eth0");
    }
    return new Vm(this, externalNs, EXTERNAL_GATEWAY, Map.of());
  }

  /** A veth from {@code device} in {@code ns} to a port {@code port} of switch bridge {@code bridge}. */
  private void wire(String ns, String device, String bridge, String port) {
    HostExecutor sw = HostExecutor.inNamespace(switchNamespace());
    if (!sw.tryRun(List.of("ip", "link", "show", bridge), null).ok()) {
      sw.run("ip", "link", "add", bridge, "type", "bridge");
      sw.run("ip", "link", "set", bridge, "up");
    }
    sw.run("ip", "link", "add", port, "type", "veth", "peer", "name", device, "netns", ns);
    sw.run("ip", "link", "set", port, "master", bridge, "up");
    HostExecutor.inNamespace(ns).run("ip", "link", "set", device, "up");
  }

  private String switchNamespace() {
    if (switchNs == null) {
      switchNs = namespace("sw");
    }
    return switchNs;
  }

  List<LabHost> hosts() {
    return List.copyOf(hosts);
  }

  /** busybox udhcpc's script, which applies a lease and prints it on one line. */
  Path udhcpcScript() {
    Path script = state.resolve("udhcpc.sh");
    if (!Files.exists(script)) {
      try (InputStream in = Lab.class.getResourceAsStream("/e2e/udhcpc-script.sh")) {
        Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      script.toFile().setExecutable(true);
    }
    return script;
  }

  /** What the hosts look like, for a failed expectation. */
  String diagnostics() {
    StringBuilder b = new StringBuilder();
    List<List<String>> cmds = new ArrayList<>();
    cmds.add(List.of("ip", "netns", "list"));
    for (LabHost h : hosts) {
      cmds.add(List.of("ip", "netns", "exec", h.name, "bridge", "link"));
      cmds.add(List.of("ip", "netns", "exec", h.name, "ip", "-br", "link"));
      cmds.add(List.of("ip", "netns", "exec", h.name, "sh", "-c", "bridge fdb show | grep dst"));
      cmds.add(List.of("ip", "netns", "exec", h.name, "ipset", "list"));
      cmds.add(List.of("ip", "netns", "exec", h.name, "sh", "-c", "iptables-save -c | grep -v '^\\[0:0\\] -A'"));
      b.append(h.agentLogs());
    }
    for (List<String> cmd : cmds) {
      HostExecutor.Result r = HostExecutor.root().tryRun(cmd, null);
      b.append("$ ").append(String.join(" ", cmd)).append('\n').append(r.stdout()).append(r.stderr());
    }
    return b.toString();
  }

  /** Stops the agents and the server and removes all the run made. Safe to call twice. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (Thread.currentThread() != onExit) {
      try {
        Runtime.getRuntime().removeShutdownHook(onExit);
      } catch (IllegalStateException | IllegalArgumentException e) {
        // the JVM is exiting, or the hook was never added
      }
    }
    for (LabHost h : hosts) {
      h.stopAll();
    }
    List<String> agentNamespaces = new ArrayList<>();
    if (server != null) {
      try {
        api.ids("networks").forEach(n -> agentNamespaces.add("qdhcp-" + n));
        api.ids("routers").forEach(r -> agentNamespaces.add("qrouter-" + r));
      } finally {
        server.close();
      }
    }
    List<String> all = new ArrayList<>(agentNamespaces);
    all.addAll(namespaces);
    deleteNamespaces(all);
    trySh("rabbitmqctl", "-q", "delete_vhost", vhost);
    try (var files = Files.walk(state)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }

  private static void deleteNamespaces(List<String> names) {
    List<String> existing = trySh("ip", "netns", "list").stdout().lines().map(l -> l.split(" ")[0]).toList();
    for (String ns : names) {
      if (!existing.contains(ns)) {
        continue;
      }
      // dnsmasq and anything else still running in it (udhcpc, ping) would keep it alive
      trySh("ip", "netns", "pids", ns).stdout().lines().map(String::trim).filter(p -> !p.isEmpty())
          .forEach(pid -> trySh("kill", "-9", pid));
      trySh("ip", "netns", "delete", ns);
    }
  }

  /** Agent processes, namespaces and vhosts of runs whose JVM died before closing its lab. */
  private static void sweepDeadRuns() {
    ProcessHandle.allProcesses().forEach(p -> p.info().arguments().ifPresent(args -> {
      for (int i = 0; i + 1 < args.length; i++) {
        if (args[i].equals("--host-netns") && args[i + 1].startsWith(NS_PREFIX)
            && deadRun(args[i + 1].substring(NS_PREFIX.length()))) {
          p.destroyForcibly();
        }
      }
    }));
    List<String> dead = new ArrayList<>();
    for (String line : trySh("ip", "netns", "list").stdout().lines().toList()) {
      String ns = line.split(" ")[0];
      if (ns.startsWith(NS_PREFIX) && deadRun(ns.substring(NS_PREFIX.length()))) {
        dead.add(ns);
      }
    }
    deleteNamespaces(dead);
    for (String vhost : trySh("rabbitmqctl", "-q", "list_vhosts", "name").stdout().lines().map(String::trim).toList()) {
      if (vhost.startsWith(VHOST_PREFIX) && deadRun(vhost.substring(VHOST_PREFIX.length()))) {
        trySh("rabbitmqctl", "-q", "delete_vhost", vhost);
      }
    }
  }

  /** True for {@code <pid>-<n>…} where no process has that pid any more. */
  private static boolean deadRun(String rest) {
    int dash = rest.indexOf('-');
    if (dash <= 0) {
      return false;
    }
    try {
      return ProcessHandle.of(Long.parseLong(rest.substring(0, dash), 36)).isEmpty();
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
