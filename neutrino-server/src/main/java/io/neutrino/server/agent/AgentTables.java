package io.neutrino.server.agent;

import static io.neutrino.server.db.Column.Kind.BOOL;
import static io.neutrino.server.db.Column.Kind.INT;
import static io.neutrino.server.db.Column.Kind.JSON;
import static io.neutrino.server.db.Column.Kind.STRING;
import static io.neutrino.server.db.Column.Kind.TIMESTAMP;

import io.neutrino.server.db.Column;
import io.neutrino.server.db.Table;
import java.util.List;

/** Where agents are stored (see db/migration/V50__agents.sql). */
final class AgentTables {
  private AgentTables() {}

  static final Table AGENTS = new Table("agents", List.of(
      Column.of("id", STRING),
      Column.of("agent_type", STRING),
      Column.of("binary", "agent_binary", STRING),
      Column.of("topic", STRING),
      Column.of("host", STRING),
      Column.of("availability_zone", STRING),
      Column.of("admin_state_up", BOOL),
      Column.of("created_at", TIMESTAMP),
      Column.of("started_at", TIMESTAMP),
      Column.of("heartbeat_timestamp", TIMESTAMP),
      Column.of("description", STRING),
      Column.of("configurations", JSON),
      Column.of("resource_versions", JSON),
      Column.of("load", "agent_load", INT),
      Column.of("resources_synced", BOOL)));
}
