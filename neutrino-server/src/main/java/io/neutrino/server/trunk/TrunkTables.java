package io.neutrino.server.trunk;

import static io.neutrino.server.db.Column.Kind.BOOL;
import static io.neutrino.server.db.Column.Kind.INT;
import static io.neutrino.server.db.Column.Kind.STRING;

import io.neutrino.server.db.Column;
import io.neutrino.server.db.StandardColumns;
import io.neutrino.server.db.Table;
import java.util.List;

/** Where trunks are stored (see db/migration/V81__trunks.sql). */
final class TrunkTables {
  private TrunkTables() {}

  static final Table TRUNKS = new Table("trunks", StandardColumns.named(
      Column.of("admin_state_up", BOOL),
      Column.of("status", STRING),
      Column.of("port_id", STRING)));

  static final Table SUBPORTS = new Table("subports", List.of(
      Column.of("port_id", STRING),
      Column.of("trunk_id", STRING),
      Column.of("segmentation_type", STRING),
      Column.of("segmentation_id", INT)));
}
