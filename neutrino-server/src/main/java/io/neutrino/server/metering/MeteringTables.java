package io.neutrino.server.metering;

import static io.neutrino.server.db.Column.Kind.BOOL;
import static io.neutrino.server.db.Column.Kind.STRING;

import io.neutrino.server.db.Column;
import io.neutrino.server.db.Table;
import java.util.List;

/** Where metering attributes are stored (see db/migration/V40__metering.sql). */
final class MeteringTables {
  private MeteringTables() {}

  static final Table LABELS = new Table("meteringlabels", List.of(
      Column.of("id", STRING),
      Column.of("project_id", STRING),
      Column.of("name", STRING),
      Column.of("description", STRING),
      Column.of("shared", BOOL)));

  static final Table RULES = new Table("meteringlabelrules", List.of(
      Column.of("id", STRING),
      Column.of("project_id", STRING),
      Column.of("metering_label_id", STRING),
      Column.of("direction", STRING),
      Column.of("remote_ip_prefix", STRING),
      Column.of("source_ip_prefix", STRING),
      Column.of("destination_ip_prefix", STRING),
      Column.of("excluded", BOOL)));
}
