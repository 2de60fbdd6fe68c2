package io.neutrino.server.l3;

import static io.neutrino.server.db.Column.Kind.BOOL;
import static io.neutrino.server.db.Column.Kind.JSON;
import static io.neutrino.server.db.Column.Kind.LONG;
import static io.neutrino.server.db.Column.Kind.STRING;
import static io.neutrino.server.db.Column.Kind.TIMESTAMP;

import io.neutrino.server.db.Column;
import io.neutrino.server.db.Table;
import java.util.List;

/** Where L3 attributes are stored (see db/migration/V20__l3.sql). */
final class L3Tables {
  private L3Tables() {}

  static final Table ROUTERS = new Table("routers", List.of(
      Column.of("id", STRING),
      Column.of("project_id", STRING),
      Column.of("name", STRING),
      Column.of("description", STRING),
      Column.of("created_at", TIMESTAMP),
      Column.of("updated_at", TIMESTAMP),
      Column.of("revision_number", LONG),
      Column.of("admin_state_up", BOOL),
      Column.of("status", STRING),
      Column.of("gw_port_id", STRING),
      Column.of("enable_snat", BOOL),
      Column.of("distributed", BOOL),
      Column.of("ha", BOOL),
      Column.of("availability_zone_hints", JSON)));

  static final Table FLOATINGIPS = new Table("floatingips", List.of(
      Column.of("id", STRING),
      Column.of("project_id", STRING),
      Column.of("description", STRING),
      Column.of("created_at", TIMESTAMP),
      Column.of("updated_at", TIMESTAMP),
      Column.of("revision_number", LONG),
      Column.of("floating_ip_address", STRING),
      Column.of("floating_network_id", STRING),
      Column.of("floating_port_id", STRING),
      Column.of("port_id", "fixed_port_id", STRING),
      Column.of("fixed_ip_address", STRING),
      Column.of("router_id", STRING),
      Column.of("last_known_router_id", STRING),
      Column.of("status", STRING)));
}
