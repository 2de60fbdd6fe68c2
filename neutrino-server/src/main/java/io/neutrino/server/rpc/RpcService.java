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
import io.neutrino.server.api.ApiSchema;
import io.neutrino.server.db.Database;
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

  /** The notifier exists before the plugins (l2population sends through it); subscribe later. */
  public static AgentNotifier notifier(Messaging messaging, AgentLookup agents) {
    return new AgentNotifier(messaging, network -> hostsOf(agents, Agent.TYPE_DHCP),
        router -> hostsOf(agents, Agent.TYPE_L3));
  }

  /**
   * Which agents serve what. Every live, enabled DHCP agent serves every network and every L3
   * agent every router: Neutrino has no network or router scheduler yet.
   */
  static Set<String> hostsOf(AgentLookup agents, String type) {
    Set<String> hosts = new LinkedHashSet<>();
    for (AgentLookup.AgentState a : agents.agentsOfType(type)) {
      if (a.alive() && a.adminStateUp()) {
        hosts.add(a.host());
      }
    }
    return hosts;
  }

  /** Starts the consumers once every plugin is loaded; {@code host} names this server. */
  public static RpcService start(Messaging messaging, PluginContext plugins, Database db,
      ApiSchema schema, AgentRegistry agents, L2AgentCallbacks ml2, AgentNotifier notifier,
      boolean routerLoaded, String host) {
    notifier.subscribe(plugins.service(Callbacks.class));
    CoreReads reads = new CoreReads(plugins);
    Function<String, Set<String>> networksOfHost = h -> hostsOf(agents, Agent.TYPE_DHCP).contains(h)
        ? dhcpNetworks(reads) : Set.of();
    Function<String, Set<String>> routersOfHost = h -> hostsOf(agents, Agent.TYPE_L3).contains(h)
        ? ids(reads.all("routers")) : Set.of();
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

  /** Networks with at least one DHCP-enabled subnet. */
  private static Set<String> dhcpNetworks(CoreReads reads) {
    Set<String> out = new LinkedHashSet<>();
    for (Map<String, Object> s : reads.where("subnets", "enable_dhcp", List.of(true))) {
      out.add((String) s.get("network_id"));
    }
    return out;
  }

  private static Set<String> ids(List<Map<String, Object>> rows) {
    Set<String> out = new LinkedHashSet<>();
    rows.forEach(r -> out.add((String) r.get("id")));
    return out;
  }

  @Override
  public void close() {
    servers.forEach(RpcServer::close);
  }
}
