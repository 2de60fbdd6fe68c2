package io.neutrino.server.rpc;

import io.neutrino.lib.apidef.Agent;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.spi.AgentLookup;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.messaging.Endpoint;
import io.neutrino.messaging.Messaging;
import io.neutrino.messaging.RpcServer;
import io.neutrino.messaging.Target;
import io.neutrino.server.agent.AgentRegistry;
import io.neutrino.server.agent.scheduler.DhcpAgentScheduler;
import io.neutrino.server.agent.scheduler.L3AgentScheduler;
import io.neutrino.server.api.ApiSchema;
import io.neutrino.server.db.Database;
import io.neutrino.server.ml2.Devices;
import io.neutrino.server.ml2.L2AgentCallbacks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The RPC service of neutron-server: consumers on {@code q-plugin}, {@code q-reports-plugin} and
 * {@code q-l3-plugin} answering the agents, and the notifier casting to them. Starts with the API
 * and stops with it.
 */
public final class RpcService implements AutoCloseable {
  private final List<RpcServer> servers;

  private RpcService(List<RpcServer> servers) {
    this.servers = servers;
  }

  /**
   * The notifier exists before the plugins and the schedulers (l2population and the schedulers'
   * notifications send through it); it subscribes to events when the service starts.
   */
  public static AgentNotifier notifier(Messaging messaging) {
    return new AgentNotifier(messaging);
  }

  /** The agent of {@code type} on {@code host}, if it has reported. */
  private static java.util.Optional<String> agentOn(AgentLookup agents, String type, String host) {
    return agents.hostAgents(type, host).stream().map(AgentLookup.AgentState::id).findFirst();
  }

  /** Starts the consumers once every plugin is loaded; {@code host} names this server. */
  public static RpcService start(Messaging messaging, PluginContext plugins, Database db,
      ApiSchema schema, AgentRegistry agents, L2AgentCallbacks ml2, AgentNotifier notifier,
      DhcpAgentScheduler dhcpScheduler, L3AgentScheduler l3Scheduler, boolean routerLoaded, String host) {
    notifier.subscribe(plugins.service(Callbacks.class));
    CoreReads reads = new CoreReads(plugins);
    // What an agent serves is what the schedulers placed on it, after placing what waits (as
    // get_active_networks_info and sync_routers auto-schedule in Neutron).
    Function<String, Set<String>> networksOfHost = h -> agentOn(agents, Agent.TYPE_DHCP, h).map(id -> {
      dhcpScheduler.autoScheduleNetworks(h);
      return (Set<String>) new LinkedHashSet<>(dhcpScheduler.networksOnAgent(id));
    }).orElse(Set.of());
    Function<String, Set<String>> routersOfHost = h -> agentOn(agents, Agent.TYPE_L3, h).map(id -> {
      l3Scheduler.autoScheduleRouters(h);
      return (Set<String>) new LinkedHashSet<>(l3Scheduler.routersOnAgent(id));
    }).orElse(Set.of());
    AgentRpcEndpoints endpoints = new AgentRpcEndpoints(agents, Instant.now(), ml2 == null ? null : new L2DeviceRpc(ml2),
        new SecurityGroupRpc(reads, new Devices(db)),
        new DhcpRpc(reads, plugins, schema.collection("ports"), networksOfHost),
        routerLoaded ? new L3Rpc(reads, plugins, db, routersOfHost) : null);
    List<RpcServer> servers = new ArrayList<>();
    try {
      servers.add(serve(messaging, AgentRpcEndpoints.TOPIC_REPORTS, host, endpoints.reports()));
      servers.add(serve(messaging, AgentRpcEndpoints.TOPIC_PLUGIN, host, endpoints.plugin()));
      if (routerLoaded) {
        servers.add(serve(messaging, AgentRpcEndpoints.TOPIC_L3_PLUGIN, host, endpoints.l3()));
      }
    } catch (RuntimeException e) {
      servers.forEach(RpcServer::close);
      throw e;
    }
    return new RpcService(servers);
  }

  private static RpcServer serve(Messaging m, String topic, String host, List<Endpoint> endpoints) {
    return m.rpcServer(Target.topic(topic).withServer(host), endpoints).start();
  }

  @Override
  public void close() {
    servers.forEach(RpcServer::close);
  }
}
