package io.neutrino.agent;

import io.neutrino.agent.dhcp.DhcpAgent;
import io.neutrino.agent.dhcp.DhcpAgentConfig;
import io.neutrino.agent.l2.L2Agent;
import io.neutrino.agent.l2.L2AgentConfig;
import io.neutrino.agent.l2.LinuxBridgeCleanup;
import io.neutrino.agent.l3.L3Agent;
import io.neutrino.agent.l3.L3AgentConfig;
import io.neutrino.agent.linux.BridgeInterfaceDriver;
import io.neutrino.agent.linux.HostExecutor;
import io.neutrino.agent.netns.NetnsCleanup;
import io.neutrino.agent.rpc.AgentNotificationConsumers;
import io.neutrino.agent.rpc.ServerClients;
import io.neutrino.config.Config;
import io.neutrino.config.ConfigException;
import io.neutrino.messaging.Messaging;
import io.neutrino.messaging.RpcServer;
import io.neutrino.messaging.MessagingConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code neutrino agent linuxbridge|dhcp|l3}, {@code neutrino netns-cleanup} and
 * {@code neutrino linuxbridge-cleanup}: the agents and cleanup tools, each reading
 * {@code --config-file} as neutron's do (one file may serve the server and every agent).
 */
@Command(name = "neutrino", mixinStandardHelpOptions = true,
    subcommands = {AgentMain.AgentCommand.class, AgentMain.NetnsCleanupCommand.class,
        AgentMain.LinuxBridgeCleanupCommand.class})
public final class AgentMain implements Runnable {
  static class Options {
    @Option(names = "--config-file", description = "Configuration file (repeatable; later files win).")
    List<Path> configFiles = new ArrayList<>();

    @Option(names = "--config-dir", description = "Directory of *.conf files read after the files.")
    List<Path> configDirs = new ArrayList<>();

    @Option(names = "--host-netns", description = "Run every host command inside this network "
        + "namespace (several agents on one machine, each with a \"host\" of its own).")
    String hostNetns;

    Config load() {
      return Config.load(configFiles, configDirs);
    }

    HostExecutor host() {
      return hostNetns == null ? HostExecutor.root() : HostExecutor.inNamespace(hostNetns);
    }
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  /** The transport of {@code [DEFAULT] transport_url}, read as the server reads it. */
  static Messaging messaging(Config config) {
    Messaging messaging = MessagingConfig.open(config);
    if (messaging.url().inMemory()) {
      messaging.close();
      throw new ConfigException("DEFAULT", "transport_url",
          "an agent runs in its own process: it needs a broker (rabbit://…), not the in-memory bus");
    }
    return messaging;
  }

  static String host(Config config) {
    return config.get("DEFAULT", "host").map(String::trim).filter(h -> !h.isEmpty())
        .orElseGet(L2AgentConfig::hostname);
  }

  static Path statePath(Config config) {
    return Path.of(config.get("DEFAULT", "state_path", "./data").trim());
  }

  /**
   * {@code [DEFAULT] interface_driver} of the DHCP and L3 agents: {@code linuxbridge} (the default
   * here, as the issue asks; Neutron has none) or its class path. Any other driver (Open vSwitch's
   * needs the OVS agent, which Neutrino does not have) stops start-up instead of being ignored.
   */
  static void checkInterfaceDriver(Config c) {
    String driver = c.get("DEFAULT", "interface_driver", "").trim();
    if (!driver.isEmpty() && !BridgeInterfaceDriver.NAMES.contains(driver)) {
      throw ConfigException.badValue("DEFAULT", "interface_driver", driver,
          "the only interface driver is " + BridgeInterfaceDriver.ALIAS + " ("
              + BridgeInterfaceDriver.CLASS_PATH + ")");
    }
  }

  static DhcpAgentConfig dhcpConfig(Config c) {
    checkInterfaceDriver(c);
    DhcpAgentConfig d = DhcpAgentConfig.defaults(host(c), statePath(c));
    return new DhcpAgentConfig(d.host(), d.statePath(),
        c.getInt("DEFAULT", "dhcp_lease_duration", d.dhcpLeaseDuration()),
        c.get("DEFAULT", "dns_domain", d.dnsDomain()).trim(),
        c.getList("DEFAULT", "dnsmasq_dns_servers", d.dnsmasqDnsServers()),
        c.getBool("DEFAULT", "dnsmasq_local_resolv", d.dnsmasqLocalResolv()),
        c.getInt("DEFAULT", "dnsmasq_lease_max", d.dnsmasqLeaseMax()),
        c.get("DEFAULT", "dnsmasq_config_file", d.dnsmasqConfigFile()).trim(),
        c.getBool("DEFAULT", "dhcp_broadcast_reply", d.dhcpBroadcastReply()),
        Duration.ofSeconds(c.getInt("DEFAULT", "resync_interval", (int) d.resyncInterval().toSeconds())),
        d.fullResyncInterval(),
        Duration.ofSeconds(c.getInt("AGENT", "check_child_processes_interval",
            (int) d.checkChildProcessesInterval().toSeconds())),
        Duration.ofSeconds(c.getInt("AGENT", "report_interval", (int) d.reportInterval().toSeconds())),
        c.get("AGENT", "availability_zone", d.availabilityZone()).trim());
  }

  static L3AgentConfig l3Config(Config c) {
    checkInterfaceDriver(c);
    L3AgentConfig d = L3AgentConfig.defaults(host(c));
    return new L3AgentConfig(d.host(), c.get("DEFAULT", "external_ingress_mark", d.externalIngressMark()).trim(),
        c.getBool("DEFAULT", "use_random_fully", d.useRandomFully()), d.resyncInterval(),
        Duration.ofSeconds(c.getInt("DEFAULT", "periodic_interval", (int) d.fullSyncInterval().toSeconds())),
        Duration.ofSeconds(c.getInt("AGENT", "report_interval", (int) d.reportInterval().toSeconds())),
        c.get("AGENT", "availability_zone", d.availabilityZone()).trim());
  }

  /** One running agent: its RPC consumers, its loop and its transport, stopped in that order. */
  public record Running(List<RpcServer> consumers, AutoCloseable agent, Messaging messaging)
      implements AutoCloseable {
    @Override
    public void close() throws Exception {
      consumers.forEach(RpcServer::close);
      agent.close();
      messaging.close();
    }
  }

  /** Starts the agent of {@code kind} on {@code messaging} with commands run by {@code host}. */
  public static Running start(String kind, Config config, Messaging messaging, HostExecutor host) {
    ServerClients server = new ServerClients(messaging);
    switch (kind) {
      case "linuxbridge" -> {
        L2AgentConfig c = L2AgentConfig.from(config::get);
        L2Agent agent = new L2Agent(c, host, server.l2());
        List<RpcServer> consumers = AgentNotificationConsumers.l2(messaging, c.host(), agent.callbacks());
        consumers.forEach(RpcServer::start);
        agent.start();
        return new Running(consumers, agent, messaging);
      }
      case "dhcp" -> {
        DhcpAgentConfig c = dhcpConfig(config);
        DhcpAgent agent = new DhcpAgent(c, server.dhcp(c.host()), host, HostExecutor.root());
        RpcServer consumer = AgentNotificationConsumers.dhcp(messaging, c.host(),
            new io.neutrino.agent.dhcp.DhcpAgentRpcCallbacks(agent));
        consumer.start();
        agent.start();
        return new Running(List.of(consumer), agent, messaging);
      }
      case "l3" -> {
        L3AgentConfig c = l3Config(config);
        L3Agent agent = new L3Agent(c, server.l3(c.host()), host, HostExecutor.root());
        RpcServer consumer = AgentNotificationConsumers.l3(messaging, c.host(),
            new io.neutrino.agent.l3.L3AgentRpcCallbacks(agent));
        consumer.start();
        agent.start();
        return new Running(List.of(consumer), agent, messaging);
      }
      default -> throw new IllegalArgumentException("unknown agent '" + kind
          + "': expected linuxbridge, dhcp or l3");
    }
  }

  @Command(name = "agent", description = "Run an agent: linuxbridge (L2), dhcp or l3.")
  static final class AgentCommand implements Callable<Integer> {
    @CommandLine.Mixin
    Options options = new Options();

    @Parameters(index = "0", paramLabel = "KIND", description = "linuxbridge, dhcp or l3")
    String kind;

    @Override
    public Integer call() throws Exception {
      Config config = options.load();
      Running running = start(kind, config, messaging(config), options.host());
      config.logIgnored(org.slf4j.LoggerFactory.getLogger(AgentMain.class), Config.AGENT_SECTIONS::contains);
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          running.close();
        } catch (Exception e) {
          org.slf4j.LoggerFactory.getLogger(AgentMain.class).warn("agent did not stop cleanly", e);
        }
        stopped.countDown();
      }));
      stopped.await();
      return 0;
    }
  }

  @Command(name = "netns-cleanup", description = "Remove namespaces (and dnsmasq) agents left unused.")
  static final class NetnsCleanupCommand implements Callable<Integer> {
    @CommandLine.Mixin
    Options options = new Options();

    @Option(names = "--agent-type", description = "dhcp or l3 (default: both)")
    String agentType;

    @Option(names = "--force", description = "Remove every Neutrino namespace, even in use.")
    boolean force;

    @Override
    public Integer call() {
      NetnsCleanup cleanup = new NetnsCleanup(options.host(), statePath(options.load()));
      NetnsCleanup.AgentType type = agentType == null ? NetnsCleanup.AgentType.ALL
          : NetnsCleanup.AgentType.valueOf(agentType.toUpperCase(java.util.Locale.ROOT));
      cleanup.cleanup(cleanup.candidates(type), force).forEach(ns -> System.out.println("removed " + ns));
      return 0;
    }
  }

  @Command(name = "linuxbridge-cleanup", description = "Remove bridges and vxlan devices no port uses.")
  static final class LinuxBridgeCleanupCommand implements Callable<Integer> {
    @CommandLine.Mixin
    Options options = new Options();

    @Option(names = "--force", description = "Remove every Neutrino bridge and vxlan device.")
    boolean force;

    @Override
    public Integer call() {
      Config config = options.load();
      new LinuxBridgeCleanup(options.host(), L2AgentConfig.from(config::get)).run(force)
          .forEach(d -> System.out.println("removed " + d));
      return 0;
    }
  }

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new AgentMain());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof ConfigException ce) {
        System.err.println("neutrino: " + ce.getMessage());
        return 2;
      }
      throw e;
    });
    System.exit(cli.execute(args));
  }
}
