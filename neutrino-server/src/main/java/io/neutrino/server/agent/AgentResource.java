package io.neutrino.server.agent;

import io.neutrino.lib.context.RequestContext;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.spi.ListQuery;
import io.neutrino.lib.spi.ResourceHandler;
import io.neutrino.server.db.Resources;
import io.neutrino.server.db.Where;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The agents collection (neutron/db/agents_db.py AgentDbMixin): read, update of admin_state_up and
 * description, delete. Agents are not created through the API (400, as Neutron's create_agent).
 * Who may see them is policy's business (get_agent is admin-only by default).
 */
public final class AgentResource implements ResourceHandler {
  /** Neutron shows agent times as naive UTC datetimes, "2022-10-01 12:00:00". */
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final AgentRegistry registry;

  public AgentResource(AgentRegistry registry) {
    this.registry = registry;
  }

  private Map<String, Object> show(Map<String, Object> row) {
    Map<String, Object> out = new LinkedHashMap<>(row);
    out.put("alive", registry.isAlive(row));
    for (String t : List.of("created_at", "started_at", "heartbeat_timestamp")) {
      if (row.get(t) instanceof Instant i) {
        out.put(t, TIME.format(i));
      }
    }
    if (out.get("configurations") == null) {
      out.put("configurations", Map.of());
    }
    return out;
  }

  @Override
  public Map<String, Object> create(RequestContext ctx, Map<String, Object> resource) {
    throw Faults.badRequest("Bad request");
  }

  @Override
  public Map<String, Object> get(RequestContext ctx, String id) {
    return registry.db().read(h -> show(AgentTables.AGENTS.find(h, id)
        .orElseThrow(() -> AgentRegistry.notFound(id))));
  }

  @Override
  public List<Map<String, Object>> list(RequestContext ctx, ListQuery query) {
    // alive is computed from the heartbeat, so Resources filters it in memory after show().
    return registry.db().read(h -> Resources.list(h, AgentTables.AGENTS, query, new Where(),
        Set.of(), rows -> rows.stream().map(this::show).toList()));
  }

  @Override
  public Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes) {
    return registry.db().tx(h -> {
      AgentTables.AGENTS.findForUpdate(h, id).orElseThrow(() -> AgentRegistry.notFound(id));
      if (!changes.isEmpty()) {
        AgentTables.AGENTS.updateColumns(h, id, changes);
      }
      return show(AgentTables.AGENTS.find(h, id).orElseThrow());
    });
  }

  @Override
  public void delete(RequestContext ctx, String id) {
    registry.db().txVoid(h -> {
      if (AgentTables.AGENTS.delete(h, id) == 0) {
        throw AgentRegistry.notFound(id);
      }
    });
  }
}
