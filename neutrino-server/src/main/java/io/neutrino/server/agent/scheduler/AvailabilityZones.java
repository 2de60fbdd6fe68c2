package io.neutrino.server.agent.scheduler;

import io.neutrino.lib.apidef.Agent;
import io.neutrino.lib.apidef.AvailabilityZone;
import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.events.Event;
import io.neutrino.lib.events.ResourceEvent;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.spi.ListQuery;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.server.db.Database;
import io.neutrino.server.db.Resources;
import io.neutrino.server.db.StatedExtender;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Availability zones (neutron/db/agents_db.py AgentAvailabilityZoneMixin): a zone exists for a
 * resource type while an agent serving that type reports it — DHCP agents make network zones,
 * L3 agents router zones. It is available while one of those agents is enabled (admin_state_up;
 * liveness does not count, as in Neutron). Hints on a new network or router must name existing
 * zones of its type (404 AvailabilityZoneNotFound), and a network's or router's
 * availability_zones are the zones of the agents hosting it.
 */
final class AvailabilityZones implements ResourceHandler {
  private static final Map<String, String> RESOURCE_OF_TYPE =
      Map.of(Agent.TYPE_DHCP, "network", Agent.TYPE_L3, "router");

  private final Database db;

  AvailabilityZones(Database db) {
    this.db = db;
  }

  /** Validation of network hints and the networks' availability_zones. */
  void serveNetworks(Callbacks callbacks) {
    callbacks.subscribe("network", Event.PRECOMMIT_CREATE, e -> validateHints(e, Agent.TYPE_DHCP));
    // Networks are scheduled to DHCP agents after their create: in its own create, no zones.
    callbacks.extendDicts("network", Callbacks.DictExtender.knownWhenCreated(
        StatedExtender.of(rows -> zonesOfHosts(rows, "networkdhcpagentbindings", "network_id", "dhcp_agent_id")),
        n -> n.put("availability_zones", List.of())));
  }

  /** Validation of router hints and the routers' availability_zones. */
  void serveRouters(Callbacks callbacks) {
    callbacks.subscribe("router", Event.PRECOMMIT_CREATE, e -> validateHints(e, Agent.TYPE_L3));
    callbacks.extendDicts("router", StatedExtender.of(rows -> zonesOfHosts(rows,
        "routerl3agentbindings", "router_id", "l3_agent_id")));
  }

  /** validate_availability_zones. */
  private static void validateHints(ResourceEvent e, String agentType) {
    if (e.request() == null || !(e.request().get(AvailabilityZone.HINTS) instanceof List<?> hints)
        || hints.isEmpty()) {
      return;
    }
    Handle h = (Handle) e.transaction();
    List<String> known = h.createQuery("SELECT DISTINCT availability_zone FROM agents WHERE "
        + "agent_type = ? AND availability_zone IS NOT NULL").bind(0, agentType)
        .mapTo(String.class).list();
    for (Object hint : hints) {
      if (!known.contains(hint)) {
        throw Faults.notFoundWith("AvailabilityZoneNotFound",
            "AvailabilityZone " + hint + " could not be found.");
      }
    }
  }

  private static Callbacks.PageRead zonesOfHosts(List<Map<String, Object>> rows, String table,
      String resource, String agent) {
    return L3AgentScheduler.zonesOf(table, resource, agent, Resources.ids(rows), zones -> {
      for (Map<String, Object> r : rows) {
        r.put("availability_zones", zones.getOrDefault((String) r.get("id"), List.of()));
      }
    });
  }

  /** get_availability_zones: one entry per (zone, resource type), filtered. */
  @Override
  public List<Map<String, Object>> list(RequestContext ctx, ListQuery query) {
    Map<List<String>, Boolean> zones = new LinkedHashMap<>();
    db.read(h -> h.createQuery("SELECT availability_zone, agent_type, admin_state_up FROM agents "
            + "ORDER BY availability_zone, agent_type")
        .map((rs, c) -> new Object[] {rs.getString(1), rs.getString(2), rs.getBoolean(3)}).list())
        .forEach(row -> {
          String zone = (String) row[0];
          String resource = RESOURCE_OF_TYPE.get((String) row[1]);
          if (zone != null && !zone.isEmpty() && resource != null) {
            zones.merge(List.of(zone, resource), (Boolean) row[2], Boolean::logicalOr);
          }
        });
    List<Map<String, Object>> out = new ArrayList<>();
    zones.forEach((key, enabled) -> {
      Map<String, Object> az = new LinkedHashMap<>();
      az.put("state", enabled ? "available" : "unavailable");
      az.put("name", key.get(0));
      az.put("resource", key.get(1));
      if (query.filters().entrySet().stream().allMatch(f -> f.getValue().contains(az.get(f.getKey())))) {
        out.add(az);
      }
    });
    return query.limit() == null ? out : out.subList(0, Math.min(query.limit(), out.size()));
  }

  @Override
  public Map<String, Object> create(RequestContext ctx, Map<String, Object> resource) {
    throw notAllowed();
  }

  @Override
  public Map<String, Object> get(RequestContext ctx, String id) {
    throw notAllowed();
  }

  @Override
  public Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes) {
    throw notAllowed();
  }

  @Override
  public void delete(RequestContext ctx, String id) {
    throw notAllowed();
  }

  /** Neutron's availability zone controller has index only. */
  private static io.neutrino.lib.fault.NeutronException notAllowed() {
    return io.neutrino.lib.spi.NestedCollectionHandler.methodNotAllowed();
  }
}
