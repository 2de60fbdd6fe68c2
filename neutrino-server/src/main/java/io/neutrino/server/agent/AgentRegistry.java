package io.neutrino.server.agent;

import io.neutrino.lib.ids.Uuids;
import io.neutrino.lib.fault.Faults;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.lib.spi.AgentLookup;
import io.neutrino.server.db.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The agents table, fed by {@code report_state} heartbeats (neutron/db/agents_db.py
 * create_or_update_agent): the first report of an (agent_type, host) creates the agent, later
 * ones refresh it. An agent is alive while its last heartbeat is younger than {@code [DEFAULT]
 * agent_down_time}. This is the server-side endpoint of the agents' report_state call, whatever
 * transport brings it.
 */
public final class AgentRegistry implements AgentLookup {
  /** What report_state answers (neutron_lib/constants.py AGENT_NEW/ALIVE/REVIVED). */
  public enum Status {
    NEW("new"), ALIVE("alive"), REVIVED("revived");

    public final String wire;

    Status(String wire) {
      this.wire = wire;
    }
  }

  /** The outcome of one heartbeat: the status and the agent's id and admin state. */
  public record Report(Status status, String id, boolean adminStateUp) {}

  private final Database db;
  private final Clock clock;
  private final Duration downTime;
  private final boolean enableNewAgents;
  private final String dhcpLoadType;
  private final List<java.util.function.Consumer<String>> newAgentListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  public AgentRegistry(Database db, Clock clock, Duration downTime, boolean enableNewAgents,
      String dhcpLoadType) {
    this.db = db;
    this.clock = clock;
    this.downTime = downTime;
    this.enableNewAgents = enableNewAgents;
    this.dhcpLoadType = dhcpLoadType;
  }

  /** {@code listener} hears the agent type of every agent this server registers for the first time. */
  public void onNewAgent(java.util.function.Consumer<String> listener) {
    newAgentListeners.add(listener);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  /**
   * One heartbeat. {@code agentState} is the dict agents send: agent_type, binary, host, topic,
   * configurations, start_flag, availability_zone, resource_versions. A missing key is a bad
   * report (the caller gets the error back over RPC).
   */
  public Report reportState(Map<String, Object> agentState) {
    for (String key : List.of("agent_type", "binary", "host", "topic")) {
      if (!(agentState.get(key) instanceof String s) || s.isEmpty()) {
        throw Faults.invalidInput("report_state without '" + key + "'");
      }
    }
    String type = (String) agentState.get("agent_type");
    String host = (String) agentState.get("host");
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("agent_type", type);
    fields.put("binary", agentState.get("binary"));
    fields.put("host", host);
    fields.put("topic", agentState.get("topic"));
    if (agentState.containsKey("availability_zone")) {
      fields.put("availability_zone", agentState.get("availability_zone"));
    }
    Map<?, ?> configurations = agentState.get("configurations") instanceof Map<?, ?> m ? m : Map.of();
    fields.put("configurations", configurations);
    if (agentState.get("resource_versions") instanceof Map<?, ?> versions && !versions.isEmpty()) {
      fields.put("resource_versions", versions);
    }
    fields.put("load", load(type, configurations));
    Report report = db.tx(h -> {
      Instant now = now();
      fields.put("heartbeat_timestamp", now);
      Optional<Map<String, Object>> existing = byTypeAndHost(h, type, host, true);
      if (existing.isPresent()) {
        Map<String, Object> row = existing.get();
        if (Boolean.TRUE.equals(agentState.get("start_flag"))) {
          fields.put("started_at", now);
        }
        String id = (String) row.get("id");
        AgentTables.AGENTS.updateColumns(h, id, fields);
        Status status = isAlive(row) ? Status.ALIVE : Status.REVIVED;
        return new Report(status, id, Boolean.TRUE.equals(row.get("admin_state_up")));
      }
      String id = Uuids.randomString();
      fields.put("id", id);
      fields.put("created_at", now);
      fields.put("started_at", now);
      fields.put("admin_state_up", enableNewAgents);
      try {
        AgentTables.AGENTS.insert(h, fields);
      } catch (RuntimeException e) {
        if (Database.isDuplicateKey(e)) {
          // Two first heartbeats of one agent raced: the other one created it; refresh it instead.
          throw new Database.RetryRequest("agent " + type + "@" + host + " created concurrently");
        }
        throw e;
      }
      return new Report(Status.NEW, id, enableNewAgents);
    });
    if (report.status() == Status.NEW) {
      newAgentListeners.forEach(l -> l.accept(type));
    }
    return report;
  }

  /** DHCP agents report their load under [DEFAULT] dhcp_load_type (networks by default). */
  private int load(String type, Map<?, ?> configurations) {
    if (!io.neutrino.lib.apidef.Agent.TYPE_DHCP.equals(type)) {
      return 0;
    }
    return configurations.get(dhcpLoadType) instanceof Number n ? n.intValue() : 0;
  }

  private static Optional<Map<String, Object>> byTypeAndHost(Handle h, String type, String host,
      boolean lock) {
    return h.createQuery("SELECT id FROM agents WHERE agent_type = ? AND host = ?"
            + (lock ? " FOR UPDATE" : ""))
        .bind(0, type).bind(1, host).mapTo(String.class).findFirst()
        .flatMap(id -> AgentTables.AGENTS.find(h, id));
  }

  boolean isAlive(Map<String, Object> row) {
    Instant beat = (Instant) row.get("heartbeat_timestamp");
    return beat != null && Duration.between(beat, clock.instant()).compareTo(downTime) < 0;
  }

  static NeutronException notFound(String id) {
    return Faults.notFoundWith("AgentNotFound", "Agent " + id + " could not be found.");
  }

  Database db() {
    return db;
  }

  @Override
  public List<AgentState> hostAgents(String agentType, String host) {
    return db.read(h -> h.createQuery("SELECT id FROM agents WHERE agent_type = ? AND host = ?")
        .bind(0, agentType).bind(1, host).mapTo(String.class).list().stream()
        .flatMap(id -> AgentTables.AGENTS.find(h, id).stream()).map(this::state).toList());
  }

  @Override
  public List<AgentState> agentsOfType(String agentType) {
    return db.read(h -> AgentTables.AGENTS.findWhere(h, "agent_type", agentType).stream()
        .sorted(java.util.Comparator.comparing(r -> (Instant) r.get("created_at")))
        .map(this::state).toList());
  }

  @SuppressWarnings("unchecked")
  AgentState state(Map<String, Object> row) {
    Object conf = row.get("configurations");
    return new AgentState((String) row.get("id"), (String) row.get("agent_type"),
        (String) row.get("binary"), (String) row.get("host"), (String) row.get("topic"),
        (String) row.get("availability_zone"), Boolean.TRUE.equals(row.get("admin_state_up")),
        isAlive(row), conf instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of());
  }
}
