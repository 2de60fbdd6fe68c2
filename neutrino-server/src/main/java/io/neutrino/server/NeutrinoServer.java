package io.neutrino.server;

import io.neutrino.lib.apidef.Network;
import io.neutrino.lib.apidef.Port;
import io.neutrino.lib.apidef.Subnet;
import io.neutrino.lib.apidef.Subnetpool;
import io.neutrino.server.api.ApiRouter;
import io.neutrino.server.api.ApiSchema;
import io.neutrino.config.Config;
import io.neutrino.config.ConfigException;
import io.neutrino.server.config.DatabaseUrl;
import io.neutrino.server.core.TagService;
import io.neutrino.server.quota.QuotaDefaults;
import io.neutrino.server.quota.QuotaEngine;
import io.neutrino.server.rbac.RbacTypes;
import io.neutrino.server.agent.AgentRegistry;
import io.neutrino.server.agent.scheduler.AgentSchedulers;
import io.neutrino.server.agent.scheduler.DhcpAgentScheduler;
import io.neutrino.server.agent.scheduler.L3AgentScheduler;
import io.neutrino.lib.spi.AgentLookup;
import java.time.Clock;
import java.time.Duration;
import io.neutrino.server.db.Database;
import io.neutrino.server.manager.NeutronManager;
import io.neutrino.server.manager.PluginLoader;
import io.neutrino.server.ml2.SegmentAllocationTable;
import io.neutrino.lib.spi.ml2.SegmentAllocations;
import io.neutrino.lib.spi.Plugin;
import java.util.HashMap;
import io.neutrino.server.manager.ServerPluginContext;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.messaging.Messaging;
import io.neutrino.messaging.MessagingConfig;
import io.neutrino.server.ml2.Ml2Plugin;
import io.neutrino.server.ml2.mech.L2populationNotifier;
import io.neutrino.server.rpc.AgentNotifier;
import io.neutrino.server.rpc.RpcService;
import io.neutrino.server.pipeline.PipelineBuilder;
import io.neutrino.server.policy.Enforcer;
import java.util.ArrayList;
import java.util.Optional;
import io.neutrino.server.pipeline.PipelineContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * neutron-server in one process: the database, the plugins, the API pipeline and the HTTP
 * listener, started together and stopped together. {@link #start} is the whole wiring; tests call
 * it with their own config and talk HTTP to the result.
 *
 * <p>{@code api_workers}: Neutron forks that many API processes. Here one JVM serves every
 * request; {@code api_workers} sizes its request thread pool (16 threads per worker, at least 32)
 * and the database pool follows it, so the setting still scales concurrency as operators expect.
 */
public final class NeutrinoServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NeutrinoServer.class);

  private final Database db;
  private final Messaging messaging;
  private final RpcService rpc;
  private final NeutronManager manager;
  private final Server http;
  private final ServerPluginContext services;
  private final Enforcer enforcer;

  private NeutrinoServer(Database db, Messaging messaging, RpcService rpc, NeutronManager manager, Server http,
      ServerPluginContext services, Enforcer enforcer) {
    this.enforcer = enforcer;
    this.db = db;
    this.messaging = messaging;
    this.rpc = rpc;
    this.manager = manager;
    this.http = http;
    this.services = services;
  }

  /**
   * The RPC transport agents talk to: {@code [DEFAULT] transport_url} (in memory when unset, the
   * embedded default), {@code control_exchange} (Neutron's {@code neutron}) and
   * {@code rpc_response_timeout} (60 s).
   */
  public static Messaging openMessaging(Config config) {
    return MessagingConfig.open(config);
  }

  /** Opens the database named by {@code [database] connection} (H2 under state_path if none). */
  public static Database openDatabase(Config config, int poolSize) {
    String connection = config.get("database", "connection", "").trim();
    DatabaseUrl url = connection.isEmpty()
        ? DatabaseUrl.embedded(Path.of(config.get("DEFAULT", "state_path", "./data")))
        : DatabaseUrl.parse(connection);
    // Embedded H2 serialises its writes internally: many connections only add contention
    // (measured on 2 cores: 2 connections beat 4, 4 beat 32 for port creates); 8 leaves room
    // for long bulk creates and for a callback that reads while a transaction is open.
    int dflt = url.vendor() == DatabaseUrl.Vendor.H2 ? Math.min(8, poolSize) : poolSize;
    int maxPool = config.getInt("database", "max_pool_size", dflt);
    Database db;
    try {
      db = Database.open(url.jdbcUrl(), url.user(), url.password(), Math.max(2, maxPool));
    } catch (RuntimeException e) {
      throw new ConfigException("database", "connection",
          "cannot connect to " + url + ": " + rootMessage(e), e);
    }
    return db;
  }

  public static NeutrinoServer start(Config config, ClassLoader plugins) {
    return start(config, plugins, Map.of());
  }

  /**
   * Starts the server with services of the caller's added to those plugins may look up (e.g. the
   * RPC layer's notifiers, which drivers such as l2population send through).
   */
  public static NeutrinoServer start(Config config, ClassLoader plugins, Map<Class<?>, Object> extraServices) {
    int workers = Math.max(1, config.getInt("DEFAULT", "api_workers",
        Runtime.getRuntime().availableProcessors()));
    int threads = Math.max(32, workers * 16);
    Database db = openDatabase(config, threads);
    Messaging messaging = null;
    RpcService rpc = null;
    try {
      messaging = openMessaging(config);
      if (db.vendor() == Database.Vendor.H2) {
        db.upgrade();
      } else if (db.pendingMigrations() > 0) {
        throw new ConfigException("database", "connection", "the database schema is not up to date: "
            + "run `neutrino db-manage --config-file <file> upgrade heads` first");
      }
      // Server services handed to every plugin through its context (no global registries).
      TagService tagService = new TagService(db);
      AgentRegistry agents = new AgentRegistry(db, Clock.systemUTC(),
          Duration.ofSeconds(config.getInt("DEFAULT", "agent_down_time", 75)),
          config.getBool("DEFAULT", "enable_new_agents", true),
          config.get("DEFAULT", "dhcp_load_type", "networks").trim());
      AgentNotifier notifier = RpcService.notifier(messaging);
      AgentSchedulers schedulers = AgentSchedulers.create(config, db, Clock.systemUTC(),
          notifier::dhcpCast, notifier::l3Cast);
      agents.onNewAgent(type -> {
        if (io.neutrino.lib.apidef.Agent.TYPE_DHCP.equals(type)) {
          schedulers.dhcp().agentRegistered();
        }
      });
      PluginLoader loader = new PluginLoader(plugins);
      Map<Class<?>, Object> services = new HashMap<>(Map.of(Database.class, db, Callbacks.class, new Callbacks(),
          TagService.class, tagService, AgentRegistry.class, agents, AgentLookup.class, agents,
          PluginLoader.class, loader, SegmentAllocations.class, new SegmentAllocationTable(db),
          DhcpAgentScheduler.class, schedulers.dhcp(), L3AgentScheduler.class, schedulers.l3()));
      services.put(RbacTypes.class, new RbacTypes());
      QuotaEngine quotas = new QuotaEngine(db, QuotaDefaults.from(config::get));
      services.put(QuotaEngine.class, quotas);
      services.put(Messaging.class, messaging);
      services.put(L2populationNotifier.class, notifier);
      services.putAll(extraServices);
      ServerPluginContext ctx = new ServerPluginContext(config, services);
      NeutronManager manager = NeutronManager.load(loader, ctx,
          config.get("DEFAULT", "core_plugin", "ml2").trim(),
          config.getList("DEFAULT", "service_plugins", List.of()));
      Map<String, ResourceHandler> handlers = manager.handlers();
      ctx.handlersReady(handlers);
      ApiSchema schema = new ApiSchema(List.of(Network.definition(), Subnet.definition(),
          Subnetpool.definition(), Port.definition()), manager.extensions());
      Enforcer enforcer = policyEnforcer(config, handlers).withResourceDefinitions(schema::collection);
      ApiRouter router = new ApiRouter(schema, handlers, manager.nestedCollections(),
          config.getInt("oslo_middleware", "max_request_body_size", 114688),
          schema.hasExtension("standard-attr-tag") ? tagService : null, enforcer,
          quotas::creating);
      String pasteFile = config.get("DEFAULT", "api_paste_config", "").trim();
      Path paste = pasteFile.isEmpty() ? null : resolvePaste(config, pasteFile);
      PipelineContext pctx = new PipelineContext(config.get("DEFAULT", "auth_strategy", "noauth").trim(),
          config::get, Map.of("api", router))
          .withAdminRoleCheck(id -> enforcer.isAdmin(id.userId(), id.projectId(), id.roles()));
      Handler app = PipelineBuilder.build(paste, PipelineBuilder.DEFAULT_COMPOSITE, pctx);

      QueuedThreadPool pool = new QueuedThreadPool(threads, Math.min(8, threads), 60_000);
      pool.setName("neutrino-api");
      Server http = new Server(pool);
      ServerConnector connector = new ServerConnector(http);
      connector.setHost(config.get("DEFAULT", "bind_host", "127.0.0.1").trim());
      connector.setPort(config.getInt("DEFAULT", "bind_port", 9696));
      connector.setAcceptQueueSize(1024);
      http.addConnector(connector);
      http.setHandler(new GracefulHandler(app));
      http.setStopTimeout(30_000);
      manager.start();
      // The L2 agents' device RPC is ML2's; another core plugin serves the rest of the RPC only.
      var ml2 = manager.plugins().stream().filter(Ml2Plugin.class::isInstance)
          .map(p -> ((Ml2Plugin) p).agentCallbacks()).findFirst().orElse(null);
      rpc = RpcService.start(messaging, ctx, db, schema, agents, ml2, notifier, schedulers.dhcp(), schedulers.l3(),
          manager.servicePluginNames().contains("router"),
          config.get("DEFAULT", "host").map(String::trim).filter(h -> !h.isEmpty()).orElseGet(NeutrinoServer::hostname));
      http.start();
      config.logIgnored(LOG, section -> !Config.AGENT_SECTIONS.contains(section));
      LOG.info("Neutrino listening on http://{}:{} ({} database, {} threads, plugins: core {}, services {})",
          connector.getHost(), connector.getLocalPort(), db.vendor(), threads,
          config.get("DEFAULT", "core_plugin", "ml2"), manager.servicePluginNames());
      return new NeutrinoServer(db, messaging, rpc, manager, http, ctx, enforcer);
    } catch (Exception e) {
      if (rpc != null) {
        rpc.close();
      }
      if (messaging != null) {
        messaging.close();
      }
      db.close();
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * The policy engine with Neutron Zed's defaults, {@code [oslo_policy] policy_file} (default
   * policy.yaml) and {@code policy_dirs} (default policy.d) found beside the config files; either
   * may be missing. Parent resources for owner checks ({@code network:tenant_id}) are read through
   * the plugins with an admin context.
   */
  private static Enforcer policyEnforcer(Config config, Map<String, ResourceHandler> handlers) {
    Optional<Path> file = besideConfig(config, config.get("oslo_policy", "policy_file", "policy.yaml").trim());
    List<Path> dirs = new ArrayList<>();
    for (String d : config.getList("oslo_policy", "policy_dirs", List.of("policy.d"))) {
      besideConfig(config, d).ifPresent(dirs::add);
    }
    RequestContext admin = RequestContext.admin("policy");
    return Enforcer.neutronZed(config.getBool("oslo_policy", "enforce_new_defaults", false), file, dirs,
        (type, id) -> {
          // Policy names the parent's type in the singular with '_' (security_group); collections
          // in URLs may use '-' (security-groups); a QoS rule's parent is a policy (policies).
          String plural = type.endsWith("y") ? type.substring(0, type.length() - 1) + "ies" : type + "s";
          ResourceHandler h = handlers.getOrDefault(plural, handlers.get(plural.replace('_', '-')));
          if (h == null || id == null) {
            return null;
          }
          try {
            return h.get(admin, id);
          } catch (NeutronException notFound) {
            return null;
          }
        });
  }

  /** An absolute path as is; a relative one beside the first config file that has it, else there. */
  private static Optional<Path> besideConfig(Config config, String name) {
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Path p = Path.of(name);
    if (p.isAbsolute()) {
      return Optional.of(p);
    }
    for (Path f : config.sourceFiles()) {
      Path beside = f.toAbsolutePath().getParent().resolve(name);
      if (beside.toFile().exists()) {
        return Optional.of(beside);
      }
    }
    return config.sourceFiles().isEmpty() ? Optional.of(p.toAbsolutePath())
        : Optional.of(config.sourceFiles().get(0).toAbsolutePath().getParent().resolve(name));
  }

  /** A relative api_paste_config is looked up beside the config files, as oslo.config does. */
  private static Path resolvePaste(Config config, String name) {
    Path p = Path.of(name);
    if (p.isAbsolute() || p.toFile().exists()) {
      return p;
    }
    for (Path f : config.sourceFiles()) {
      Path beside = f.toAbsolutePath().getParent().resolve(name);
      if (beside.toFile().exists()) {
        return beside;
      }
    }
    throw new ConfigException("DEFAULT", "api_paste_config", "file not found: " + name);
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** One of the services plugins are given (for in-process callers such as tests and RPC). */
  public <T> T service(Class<T> type) {
    if (type == Enforcer.class) {
      return type.cast(enforcer); // the policy engine, e.g. for tests to reset its parent cache
    }
    for (Plugin p : manager.plugins()) {
      if (type.isInstance(p)) {
        return type.cast(p); // a loaded plugin, e.g. Ml2Plugin for its agent RPC callbacks
      }
    }
    return services.service(type);
  }

  static String hostname() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "localhost";
    }
  }

  public int port() {
    return ((ServerConnector) http.getConnectors()[0]).getLocalPort();
  }

  /** Stops accepting, lets in-flight requests finish (graceful), then stops plugins, RPC and the DB. */
  @Override
  public void close() {
    try {
      http.stop();
    } catch (Exception e) {
      LOG.warn("HTTP server did not stop cleanly", e);
    }
    rpc.close();
    manager.stop();
    messaging.close();
    db.close();
  }
}
