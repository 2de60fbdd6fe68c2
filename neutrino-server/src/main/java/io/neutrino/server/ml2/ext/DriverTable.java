package io.neutrino.server.ml2.ext;

import io.neutrino.lib.events.Callbacks;
import io.neutrino.server.db.Batches;
import io.neutrino.server.db.Resources;
import io.neutrino.server.db.StatedExtender;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A driver's table of at most one row per network or port, and how a row shows on its resource.
 * Both ways of reading it come from this one statement of it: many resources at once (one query
 * per {@link Batches#SIZE} ids, so a list costs each driver a query or two, never one per
 * resource), or one resource as a {@link Callbacks.SideRead} that a show sends with the
 * resource's own read.
 *
 * @param table the driver's table
 * @param key its column holding the resource's id
 * @param columns the columns {@code reader} reads, in order (the key is read before them)
 * @param reader reads {@code columns} of one row, at positions 2 and on
 * @param show puts the attributes on a resource, given its row or null when it has none
 */
record DriverTable<T>(String table, String key, String columns, Callbacks.RowReader<T> reader,
    BiConsumer<Map<String, Object>, T> show) {

  private String select() {
    return "SELECT " + key + ", " + columns + " FROM " + table + " WHERE";
  }

  /** Reads the rows of {@code resources} and shows each on its resource. */
  void extend(Object transaction, List<Map<String, Object>> resources) {
    StatedExtender.run(DriverRows.handle(transaction), pageRead(resources));
  }

  /** The same, stated: a list sends the read with its page's others. */
  Callbacks.PageRead pageRead(List<Map<String, Object>> resources) {
    return Batches.stated(select(), List.of(), key, Resources.ids(resources), null,
            rs -> Map.entry(rs.getString(1), reader.read(rs)), Map.Entry::getKey)
        .applying((rows, h) -> {
          Map<String, T> byId = new HashMap<>();
          rows.forEach(e -> byId.put(e.getKey(), e.getValue()));
          for (Map<String, Object> r : resources) {
            show.accept(r, byId.get((String) r.get("id")));
          }
        });
  }

  /** The same for the one resource {@code id}, stated rather than run. */
  Callbacks.SideRead<T> sideRead(String id) {
    return new Callbacks.SideRead<>(select() + " " + key + " = ?", List.of(id), reader,
        (resource, rows) -> show.accept(resource, rows.isEmpty() ? null : rows.get(0)));
  }
}
