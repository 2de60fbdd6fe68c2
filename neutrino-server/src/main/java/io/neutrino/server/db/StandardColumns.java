package io.neutrino.server.db;

import java.util.ArrayList;
import java.util.List;

/**
 * The standard attributes every Neutron resource table has (id, project, description,
 * timestamps, revision; name for most), followed by the resource's own columns.
 */
public final class StandardColumns {
  private StandardColumns() {}

  public static List<Column> named(Column... more) {
    return with(true, more);
  }

  /** For resources without a name (floating IPs, security group rules). */
  public static List<Column> unnamed(Column... more) {
    return with(false, more);
  }

  private static List<Column> with(boolean name, Column... more) {
    List<Column> cols = new ArrayList<>();
    cols.add(Column.of("id", Column.Kind.STRING));
    cols.add(Column.of("project_id", Column.Kind.STRING));
    if (name) {
      cols.add(Column.of("name", Column.Kind.STRING));
    }
    cols.add(Column.of("description", Column.Kind.STRING));
    cols.add(Column.of("created_at", Column.Kind.TIMESTAMP));
    cols.add(Column.of("updated_at", Column.Kind.TIMESTAMP));
    cols.add(Column.of("revision_number", Column.Kind.LONG));
    cols.addAll(List.of(more));
    return cols;
  }
}
