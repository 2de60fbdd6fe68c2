package io.neutrino.it.dataplane;

import io.neutrino.agent.AgentMain;
import io.neutrino.agent.linux.HostExecutor;
import io.neutrino.config.Config;
import io.neutrino.messaging.MessagingConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A "host": a namespace whose agents act as on a compute/network node, all reading one
 * configuration file as a deployment's would. An agent runs either inside the test's JVM (cheap)
 * or as a process of its own ({@code neutrino agent KIND --config-file … --host-netns …}), which a
 * test can kill with SIGKILL as an operator or the OOM killer would.
 */
final class LabHost {
  /** The agent kinds of {@code neutrino agent}, with the {@code agent_type} each reports. */
  static final Map<String, String> AGENT_TYPES = Map.of("linuxbridge", "Linux bridge agent",
      "dhcp", "DHCP agent", "l3", "L3 agent");

  final String name;
  final int index;
  final Path configFile;
  private final Lab lab;
  private final Map<String, Agent> agents = new LinkedHashMap<>();

  /** One running agent. */
  private interface Agent {
    /** Stops it as abruptly as it allows: no shutdown hooks, nothing tidied on the host. */
    void kill();

    default String log() {
      return "";
    }
  }

  LabHost(Lab lab, String name, int index) {
    this.lab = Objects.requireNonNull(lab);
    this.name = name;
    this.index = index;
    this.configFile = lab.state.resolve(name + ".conf");
    Path statePath = lab.state.resolve(name);
    String conf = String.join("\n",
        "[DEFAULT]",
        "transport_url = " + lab.transportUrl,
        "host = " + name,
        "state_path = " + statePath,
        // a call lost in a broker outage is retried after this, not after Neutron's 60 s
        "rpc_response_timeout = 10",
        "[agent]",
        "polling_interval = 1",
        "report_interval = 2",
        "[linux_bridge]",
        "physical_interface_mappings = physnet1:pn0,extnet:ex0",
        "[vxlan]",
        "enable_vxlan = true",
        "local_ip = " + underlayIp(),
        "l2_population = true",
        "[securitygroup]",
        "firewall_driver = iptables",
        "");
    try {
      Files.createDirectories(statePath);
      Files.writeString(configFile, conf);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String underlayIp() {
    return "10.250.0." + index;
  }

  HostExecutor exec() {
    return HostExecutor.inNamespace(name);
  }

  /** Starts agents of these kinds in this JVM and waits until the server sees each (re)started. */
  void start(String... kinds) {
    launch(false, kinds);
  }

  /** Starts agents of these kinds as processes of their own, and waits as {@link #start} does. */
  void spawn(String... kinds) {
    launch(true, kinds);
  }

  private void launch(boolean process, String... kinds) {
    Map<String, Object> before = new LinkedHashMap<>();
    for (String kind : kinds) {
      if (agents.containsKey(kind)) {
        throw new IllegalStateException(kind + " agent already runs on " + name);
      }
      before.put(kind, agent(kind).map(a -> a.get("started_at")).orElse(null));
      agents.put(kind, process ? new ChildAgent(kind) : new InProcessAgent(kind));
    }
    Poll.until(String.join(", ", kinds) + " agents on " + name + " report a new start",
        Duration.ofSeconds(60), () -> before.entrySet().stream().allMatch(e -> agent(e.getKey())
            .filter(a -> Boolean.TRUE.equals(a.get("alive")))
            .filter(a -> !Objects.equals(a.get("started_at"), e.getValue())).isPresent()),
        this::agentLogs);
  }

  /** The agent of this kind on this host as the agents API shows it. */
  Optional<Map<String, Object>> agent(String kind) {
    return lab.api.get("/v2.0/agents?host=" + name).list("agents").stream()
        .filter(a -> AGENT_TYPES.get(kind).equals(a.get("agent_type"))).findFirst();
  }

  /** Kills the agent of this kind (SIGKILL for a process). */
  void kill(String kind) {
    Agent a = agents.remove(kind);
    if (a == null) {
      throw new IllegalStateException("no " + kind + " agent runs on " + name);
    }
    a.kill();
  }

  boolean runs(String kind) {
    return agents.containsKey(kind);
  }

  void stopAll() {
    for (String kind : List.copyOf(agents.keySet())) {
      try {
        kill(kind);
      } catch (RuntimeException e) {
        // cleanup goes on with the other agents
      }
    }
  }

  String agentLogs() {
    StringBuilder b = new StringBuilder();
    agents.forEach((kind, a) -> {
      String log = a.log();
      if (!log.isEmpty()) {
        b.append("--- ").append(kind).append(" agent on ").append(name).append(" (last lines)\n").append(log);
      }
    });
    return b.toString();
  }

  /**
   * An instance on {@code port} (bound to this host): a namespace whose {@code eth0} has the port's
   * MAC, its veth peer on the host named like the port's TAP device, as Nova would plug it.
   */
  Vm vm(String vmName, Map<String, Object> port) {
    String ns = lab.namespace(vmName);
    String tap = "tap" + ((String) port.get("id")).substring(0, 11);
    exec().run("ip", "link", "add", tap, "type", "veth", "peer", "name", "eth0", "netns", ns);
    HostExecutor vm = HostExecutor.inNamespace(ns);
    vm.run("ip", "link", "set", "eth0", "address", (String) port.get("mac_address"));
    vm.run("ip", "link", "set", "eth0", "up");
    exec().run("ip", "link", "set", tap, "up");
    return new Vm(lab, ns, Vm.fixedIp(port), port);
  }

  private final class InProcessAgent implements Agent {
    private final AgentMain.Running running;

    InProcessAgent(String kind) {
      Config config = Config.load(List.of(configFile), List.of());
      running = AgentMain.start(kind, config, MessagingConfig.open(config), exec());
    }

    @Override
    public void kill() {
      try {
        running.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private final class ChildAgent implements Agent {
    private final Process process;
    private final Path log;

    ChildAgent(String kind) {
      log = lab.state.resolve(name + "-" + kind + "-" + UUID.randomUUID().toString().substring(0, 4) + ".log");
      String java = ProcessHandle.current().info().command().orElse("java");
      List<String> cmd = new ArrayList<>(List.of(java, "-Xmx192m", "-XX:TieredStopAtLevel=1",
          "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), AgentMain.class.getName(),
          "agent", kind, "--config-file", configFile.toString(), "--host-netns", name));
      try {
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void kill() {
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public String log() {
      try {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())) + "\n";
      } catch (IOException e) {
        return "";
      }
    }
  }
}
