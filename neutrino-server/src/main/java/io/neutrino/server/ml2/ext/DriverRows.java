package io.neutrino.server.ml2.ext;

import io.neutrino.server.db.Batches;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Reads a driver's table (one row per network or port) for many resources at once: one query per
 * {@link Batches#SIZE} ids, so a list of ports costs each driver a query or two, never one per port.
 */
final class DriverRows {
  private DriverRows() {}

  /**
   * The rows of {@code resources} keyed by resource id. {@code select} is a query ending in
   * {@code WHERE}, to which the condition on {@code keyColumn} is appended; {@code mapper} maps one
   * row.
   */
  static <T> Map<String, T> byId(Handle h, String select, String keyColumn,
      List<Map<String, Object>> resources, RowMapper<Map.Entry<String, T>> mapper) {
    List<Object> ids = new ArrayList<>();
    resources.forEach(r -> ids.add(r.get("id")));
    Map<String, T> out = new HashMap<>();
    Batches.rowsFor(h, select, List.of(), keyColumn, ids, null, mapper, Map.Entry::getKey)
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** The open transaction a hook is handed (the server's hooks run on a JDBI handle). */
  static Handle handle(Object transaction) {
    return (Handle) transaction;
  }
}
