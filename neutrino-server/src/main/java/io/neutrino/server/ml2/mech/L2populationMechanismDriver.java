package io.neutrino.server.ml2.mech;

import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.spi.AgentLookup;
import io.neutrino.lib.spi.AgentLookup.AgentState;
import io.neutrino.lib.spi.PluginContext;
import io.neutrino.lib.spi.ml2.MechanismDriver;
import io.neutrino.lib.spi.ml2.NetworkSegment;
import io.neutrino.lib.spi.ml2.PortContext;
import io.neutrino.server.db.Database;
import io.neutrino.server.db.Json;
import io.neutrino.server.ml2.mech.FdbEntries.WiredPort;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code l2population} (neutron/plugins/ml2/drivers/l2pop/mech_driver.py): when a port becomes
 * ACTIVE on a host, the other agents of its network learn its MAC and IPs behind that host's
 * tunnel IP (and flood to it if it is the host's first port there), and the host's agent learns
 * the others; when it goes DOWN, moves or is deleted, the entries are withdrawn; changed fixed
 * IPs are sent as chg_ip updates. Only tunnel segments the agent populates ({@code
 * l2pop_network_types}, else its {@code tunnel_types}) are concerned. An agent's tunnel IP is
 * {@code tunneling_ip} in its configuration.
 *
 * <p>Entries go through the {@link L2populationNotifier} the RPC layer registers as a service;
 * without one (a server without RPC) they are computed and logged only.
 */
final class L2populationMechanismDriver implements MechanismDriver {
  private static final Logger LOG = LoggerFactory.getLogger(L2populationMechanismDriver.class);
  /** The L2 agent types that report a tunneling_ip (neutron_lib constants). */
  private static final List<String> L2_AGENT_TYPES =
      List.of(OpenvswitchMechanismDriver.AGENT_TYPE, LinuxbridgeMechanismDriver.AGENT_TYPE);
  private static final String DVR_INTERFACE = "network:router_interface_distributed";

  private final Database db;
  private final AgentLookup agents;
  private final L2populationNotifier notifier;

  L2populationMechanismDriver(PluginContext ctx) {
    this.db = ctx.service(Database.class);
    this.agents = ctx.service(AgentLookup.class);
    L2populationNotifier n;
    try {
      n = ctx.service(L2populationNotifier.class);
    } catch (IllegalStateException none) {
      LOG.warn("No L2 population notifier in this server (RPC not running): FDB entries are computed and logged only");
      n = new LoggingNotifier();
    }
    this.notifier = n;
  }

  /** Logs what would be sent, for a server without RPC. */
  private static final class LoggingNotifier implements L2populationNotifier {
    @Override
    public void addFdbEntries(Map<String, Object> fdb, String host) {
      LOG.debug("add_fdb_entries to {}: {}", host == null ? "all agents" : host, fdb);
    }

    @Override
    public void removeFdbEntries(Map<String, Object> fdb, String host) {
      LOG.debug("remove_fdb_entries to {}: {}", host == null ? "all agents" : host, fdb);
    }

    @Override
    public void updateFdbEntries(Map<String, Object> fdb, String host) {
      LOG.debug("update_fdb_entries to {}: {}", host == null ? "all agents" : host, fdb);
    }
  }

  @Override
  public void updatePortPrecommit(PortContext context) {
    Object mac = context.current().get("mac_address");
    if (context.original() != null && !Objects.equals(context.original().get("mac_address"), mac)
        && "ACTIVE".equals(context.status())) {
      throw Faults.invalidInput("unable to modify mac_address of ACTIVE port " + context.current().get("id"));
    }
  }

  @Override
  public void updatePortPostcommit(PortContext context) {
    Map<String, Object> port = context.current();
    Map<String, Object> orig = context.original();
    if (orig == null) {
      return;
    }
    List<String> before = ips(orig);
    List<String> after = ips(port);
    if (!new LinkedHashSet<>(before).equals(new LinkedHashSet<>(after))) {
      fixedIpsChanged(context, before, after);
    }
    if (!Objects.equals(context.host(), context.originalHost()) && "ACTIVE".equals(context.originalStatus())
        && "DOWN".equals(context.status())) {
      removeFor(context.originalBottomBoundSegment(), orig, context.originalHost());
    } else if (!Objects.equals(context.status(), context.originalStatus())) {
      if ("ACTIVE".equals(context.status())) {
        portUp(context);
      } else if ("DOWN".equals(context.status())) {
        removeFor(context.bottomBoundSegment(), port, context.host());
      }
    }
  }

  @Override
  public void deletePortPostcommit(PortContext context) {
    removeFor(context.bottomBoundSegment(), context.current(), context.host());
  }

  private void fixedIpsChanged(PortContext context, List<String> before, List<String> after) {
    String host = context.originalHost();
    if (host == null || host.isEmpty()) {
      return;
    }
    AgentState agent = agentOn(host);
    if (agent == null || !populates(agent, context.bottomBoundSegment())) {
      return;
    }
    List<String> removed = before.stream().filter(ip -> !after.contains(ip)).toList();
    List<String> added = after.stream().filter(ip -> !before.contains(ip)).toList();
    notifier.updateFdbEntries(FdbEntries.ipChange((String) context.current().get("network_id"), tunnelIp(agent),
        (String) context.current().get("mac_address"), removed, added), null);
  }

  /** update_port_up. */
  private void portUp(PortContext context) {
    Map<String, Object> port = context.current();
    String host = context.host();
    AgentState agent = agentOn(host);
    if (agent == null) {
      LOG.warn("Unable to retrieve active L2 agent on host {}", host);
      return;
    }
    NetworkSegment segment = context.bottomBoundSegment();
    if (!populates(agent, segment)) {
      return;
    }
    String networkId = (String) port.get("network_id");
    List<WiredPort> wired = wiredPorts(networkId);
    long onAgent = wired.stream().filter(p -> p.host().equals(host)).count();
    boolean first = onAgent <= 1;
    if (first) {
      Map<String, Object> forAgent = FdbEntries.forAgent(segment, networkId, host, wired);
      @SuppressWarnings("unchecked")
      Map<String, Object> ports = (Map<String, Object>) ((Map<String, Object>) forAgent.get(networkId)).get("ports");
      if (!ports.isEmpty()) {
        notifier.addFdbEntries(forAgent, host);
      }
    }
    List<String> ips = DVR_INTERFACE.equals(port.get("device_owner")) ? List.of() : ips(port);
    notifier.addFdbEntries(FdbEntries.forOthers(segment, networkId, tunnelIp(agent), first,
        (String) port.get("mac_address"), ips), null);
  }

  /** _get_agent_fdb + remove_fdb_entries. */
  private void removeFor(NetworkSegment segment, Map<String, Object> port, String host) {
    if (host == null || host.isEmpty()) {
      return;
    }
    AgentState agent = agentOn(host);
    if (agent == null) {
      LOG.warn("Unable to retrieve active L2 agent on host {}", host);
      return;
    }
    if (!populates(agent, segment)) {
      return;
    }
    String networkId = (String) port.get("network_id");
    boolean last = wiredPorts(networkId).stream().noneMatch(p -> p.host().equals(host)
        && !p.portId().equals(port.get("id")));
    List<String> ips = DVR_INTERFACE.equals(port.get("device_owner")) ? List.of() : ips(port);
    notifier.removeFdbEntries(FdbEntries.forRemoval(segment, networkId, tunnelIp(agent), last,
        (String) port.get("mac_address"), ips), null);
  }

  /** _validate_segment: a bound tunnel segment of a type this agent populates. */
  private static boolean populates(AgentState agent, NetworkSegment segment) {
    if (segment == null) {
      return false;
    }
    Object types = agent.configurations().get("l2pop_network_types");
    if (types == null) {
      types = agent.configurations().get("tunnel_types");
    }
    return types instanceof List<?> l && l.contains(segment.networkType());
  }

  /** get_agent_by_host: the L2 agent on the host that has a tunnel IP. */
  private AgentState agentOn(String host) {
    for (String type : L2_AGENT_TYPES) {
      for (AgentState a : agents.hostAgents(type, host)) {
        if (tunnelIp(a) != null) {
          return a;
        }
      }
    }
    return null;
  }

  private static String tunnelIp(AgentState agent) {
    Object ip = agent.configurations().get("tunneling_ip");
    return ip == null ? null : ip.toString();
  }

  /** The ACTIVE ports of a network, with their host's tunnel IP (DVR ports excepted). */
  @SuppressWarnings("unchecked")
  private List<WiredPort> wiredPorts(String networkId) {
    List<Map<String, Object>> rows = db.read(h -> h.createQuery("SELECT p.id, p.mac_address, p.fixed_ips, b.host "
        + "FROM ports p JOIN ml2_port_bindings b ON b.port_id = p.id AND b.status = ? "
        + "WHERE p.network_id = ? AND p.status = ? AND p.device_owner <> ? ORDER BY p.id")
        .bind(0, "ACTIVE").bind(1, networkId).bind(2, "ACTIVE").bind(3, DVR_INTERFACE).mapToMap().list());
    Map<String, String> ipByHost = new HashMap<>();
    List<WiredPort> out = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      String host = (String) r.get("host");
      String agentIp = ipByHost.computeIfAbsent(host, h -> {
        AgentState a = agentOn(h);
        return a == null ? null : tunnelIp(a);
      });
      List<String> ips = new ArrayList<>();
      for (Object f : (List<Object>) Json.read((String) r.get("fixed_ips"))) {
        ips.add((String) ((Map<String, Object>) f).get("ip_address"));
      }
      out.add(new WiredPort((String) r.get("id"), host, agentIp, (String) r.get("mac_address"), ips));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<String> ips(Map<String, Object> port) {
    List<String> out = new ArrayList<>();
    if (port.get("fixed_ips") instanceof List<?> l) {
      for (Object f : l) {
        out.add((String) ((Map<String, Object>) f).get("ip_address"));
      }
    }
    return out;
  }

}
