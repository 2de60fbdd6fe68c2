package io.neutrino.server.l3;

import static io.neutrino.server.db.Column.Kind.BOOL;
import static io.neutrino.server.db.Column.Kind.JSON;
import static io.neutrino.server.db.Column.Kind.STRING;

import io.neutrino.server.db.Column;
import io.neutrino.server.db.StandardColumns;
import io.neutrino.server.db.Table;

/** Where L3 attributes are stored (see db/migration/V20__l3.sql). */
final class L3Tables {
  private L3Tables() {}

  static final Table ROUTERS = new Table("routers", StandardColumns.named(
      Column.of("admin_state_up", BOOL),
      Column.of("status", STRING),
      Column.of("gw_port_id", STRING),
      Column.of("enable_snat", BOOL),
      Column.of("distributed", BOOL),
      Column.of("ha", BOOL),
      Column.of("availability_zone_hints", JSON)));

  static final Table FLOATINGIPS = new Table("floatingips", StandardColumns.unnamed(
      Column.of("floating_ip_address", STRING),
      Column.of("floating_network_id", STRING),
      Column.of("floating_port_id", STRING),
      Column.of("port_id", "fixed_port_id", STRING),
      Column.of("fixed_ip_address", STRING),
      Column.of("router_id", STRING),
      Column.of("last_known_router_id", STRING),
      Column.of("status", STRING)));
}
