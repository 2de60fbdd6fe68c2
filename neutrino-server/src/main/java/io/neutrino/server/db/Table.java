package io.neutrino.server.db;

import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.spi.ListQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * A resource table described once: which attribute lives in which column. From that description
 * it writes every statement the generic resource layer needs (insert, update, lookup, filtered
 * sorted paged select), so no resource hand-writes its own CRUD SQL. Rows come back as API
 * dicts keyed by attribute name. Standard attributes ({@code id}, {@code project_id}, {@code
 * created_at}, {@code updated_at}, {@code revision_number}) are expected on every table.
 */
public final class Table {
  private final String name;
  private final Map<String, Column> byAttribute = new LinkedHashMap<>();
  private final String selectList;

  public Table(String name, List<Column> columns) {
    this.name = name;
    StringJoiner sj = new StringJoiner(", ");
    for (Column c : columns) {
      byAttribute.put(c.attribute(), c);
      sj.add(name + "." + c.name());
    }
    this.selectList = sj.toString();
  }

  public String name() {
    return name;
  }

  public Optional<Column> column(String attribute) {
    if ("tenant_id".equals(attribute)) {
      attribute = "project_id";
    }
    return Optional.ofNullable(byAttribute.get(attribute));
  }

  public Collection<Column> columns() {
    return byAttribute.values();
  }

  /** Inserts every mapped attribute present in {@code row}. */
  public void insert(Handle h, Map<String, Object> row) {
    List<Object> params = new ArrayList<>();
    var update = h.createUpdate(insertSql(row, params));
    for (int i = 0; i < params.size(); i++) {
      update.bind(i, params.get(i));
    }
    update.execute();
  }

  /**
   * As {@link #insert}, but the row may travel with the transaction's next statement or its commit
   * ({@link WriteBehind}); {@code onFailure} says what its failure means to the caller.
   */
  public void insertLater(Handle h, Map<String, Object> row, WriteBehind.OnFailure onFailure) {
    List<Object> params = new ArrayList<>();
    WriteBehind.write(h, onFailure, insertSql(row, params), params.toArray());
  }

  /** The INSERT of {@code row}'s mapped attributes; their values are added to {@code params}. */
  private String insertSql(Map<String, Object> row, List<Object> params) {
    StringJoiner cols = new StringJoiner(", ");
    StringJoiner vals = new StringJoiner(", ");
    for (Column c : byAttribute.values()) {
      if (row.containsKey(c.attribute())) {
        cols.add(c.name());
        vals.add("?");
        params.add(toDb(c, row.get(c.attribute())));
      }
    }
    return "INSERT INTO " + name + " (" + cols + ") VALUES (" + vals + ")";
  }

  /**
   * Updates the given attributes and bumps {@code revision_number} and {@code updated_at}, as
   * Neutron's standard attributes do on every change.
   */
  public void update(Handle h, String id, Map<String, Object> changes, Instant now) {
    write(h, id, changes, now);
  }

  /** Updates the given attributes of a table without standard attributes (e.g. agents). */
  public void updateColumns(Handle h, String id, Map<String, Object> changes) {
    write(h, id, changes, null);
  }

  private void write(Handle h, String id, Map<String, Object> changes, Instant now) {
    StringJoiner set = new StringJoiner(", ");
    List<Object> params = new ArrayList<>();
    for (Map.Entry<String, Object> e : changes.entrySet()) {
      Column c = byAttribute.get(e.getKey());
      if (c == null || c.attribute().equals("id")) {
        continue;
      }
      set.add(c.name() + " = ?");
      params.add(toDb(c, e.getValue()));
    }
    if (now != null) {
      set.add("revision_number = revision_number + 1");
      set.add("updated_at = ?");
      params.add(Timestamp.from(now));
    }
    params.add(id);
    var update = h.createUpdate("UPDATE " + name + " SET " + set + " WHERE id = ?");
    for (int i = 0; i < params.size(); i++) {
      update.bind(i, params.get(i));
    }
    update.execute();
  }

  /** Bumps the revision of a resource whose children changed (Neutron does it for networks). */
  public void bumpRevision(Handle h, String id, Instant now) {
    h.execute(bumpSql(), Timestamp.from(now), id);
  }

  private String bumpSql() {
    return "UPDATE " + name + " SET revision_number = revision_number + 1, updated_at = ? WHERE id = ?";
  }

  /**
   * {@link #bumpRevision} of a row the transaction holds locked (so no count to check): sent with
   * the transaction's next statement or its commit ({@link WriteBehind}).
   */
  public void bumpRevisionLocked(Handle h, String id, Instant now) {
    WriteBehind.write(h, WriteBehind.OnFailure.NONE, bumpSql(), Timestamp.from(now), id);
  }

  public int delete(Handle h, String id) {
    return h.execute("DELETE FROM " + name + " WHERE id = ?", id);
  }

  /**
   * Deletes a row the transaction holds locked (so no count to check): sent with the transaction's
   * next statement or its commit ({@link WriteBehind}).
   */
  public void deleteLocked(Handle h, String id) {
    WriteBehind.write(h, WriteBehind.OnFailure.NONE, "DELETE FROM " + name + " WHERE id = ?", id);
  }

  /**
   * The row {@link #find} would read back after {@link #insert} of {@code written}, built without
   * a query (values through the same conversions as a round trip: JSON copied, timestamps to the
   * second); empty when {@code written} lacks a column, whose database default only a read knows.
   */
  public Optional<Map<String, Object>> asRead(Map<String, Object> written) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (Column c : byAttribute.values()) {
      if (!written.containsKey(c.attribute())) {
        return Optional.empty();
      }
      Object v = toDb(c, written.get(c.attribute()));
      if (v instanceof Timestamp t) {
        v = wholeSeconds(t);
      } else if (v != null && c.kind() == Column.Kind.TIMESTAMP) {
        return Optional.empty();
      } else if (v != null && c.kind() == Column.Kind.JSON) {
        v = Json.read((String) v);
      }
      row.put(c.attribute(), v);
    }
    return Optional.of(row);
  }

  private String byIdSql() {
    return "SELECT " + selectList + " FROM " + name + " WHERE id = ?";
  }

  /** {@link #find} stated as a read, to be sent with others ({@link Database#selectTogether}). */
  public Callbacks.SideRead<Map<String, Object>> findRead(String id) {
    return Callbacks.SideRead.placedByCaller(byIdSql(), List.of(id), this::read);
  }

  /** {@link #findForUpdate} stated as a read (sent first, the reads after it see the row locked). */
  public Callbacks.SideRead<Map<String, Object>> findForUpdateRead(String id) {
    return Callbacks.SideRead.placedByCaller(byIdSql() + " FOR UPDATE", List.of(id), this::read);
  }

  public Optional<Map<String, Object>> find(Handle h, String id) {
    return h.createQuery(byIdSql())
        .bind(0, id)
        .map((rs, ctx) -> read(rs))
        .findFirst();
  }

  /**
   * The rows with these ids (nulls and repeats ignored), by id, in one query per {@link Batches}
   * chunk: what a list decorates each item with, read without a query per item.
   */
  public Map<Object, Map<String, Object>> findAll(Handle h, Collection<?> ids) {
    Map<Object, Map<String, Object>> out = new LinkedHashMap<>();
    StatedExtender.run(h, findAll(ids, out::putAll));
    return out;
  }

  /**
   * {@link #findAll} stated, for a list to send with its page's other reads: {@code show} gets the
   * rows by id (none for null ids).
   */
  public Callbacks.PageRead findAll(Collection<?> ids, java.util.function.Consumer<Map<Object, Map<String, Object>>> show) {
    List<Object> wanted = new ArrayList<>(new java.util.LinkedHashSet<>(ids));
    wanted.remove(null);
    return Batches.stated("SELECT " + selectList + " FROM " + name + " WHERE", List.of(), name + ".id", wanted,
            null, this::read, row -> row.get("id"))
        .applying((rows, h) -> {
          Map<Object, Map<String, Object>> out = new LinkedHashMap<>();
          rows.forEach(row -> out.put(row.get("id"), row));
          show.accept(out);
        });
  }

  /** The row, locked until the transaction ends: writers of the same resource queue up. */
  public Optional<Map<String, Object>> findForUpdate(Handle h, String id) {
    return h.createQuery(byIdSql() + " FOR UPDATE")
        .bind(0, id)
        .map((rs, ctx) -> read(rs))
        .findFirst();
  }

  public List<Map<String, Object>> findWhere(Handle h, String attribute, Object value) {
    return where(h, attribute, value, "");
  }

  /**
   * {@link #findWhere}, the rows locked until the transaction ends (in id order, so two such
   * reads cannot deadlock each other): a row deleted meanwhile is either gone or waited for.
   */
  public List<Map<String, Object>> findWhereForUpdate(Handle h, String attribute, Object value) {
    return where(h, attribute, value, " FOR UPDATE");
  }

  private List<Map<String, Object>> where(Handle h, String attribute, Object value, String lock) {
    Column c = column(attribute).orElseThrow();
    return h.createQuery(whereSql(c) + lock)
        .bind(0, toDb(c, value))
        .map((rs, ctx) -> read(rs))
        .list();
  }

  /** {@link #findWhere} stated as a read, to be sent with others ({@link Database#selectTogether}). */
  public Callbacks.SideRead<Map<String, Object>> findWhereRead(String attribute, Object value) {
    Column c = column(attribute).orElseThrow();
    return whereRead(new Where().add(c.name() + " = ?", List.of(toDb(c, value))));
  }

  /**
   * The rows matching {@code where}, in id order, stated as a read to be sent with others
   * ({@link Database#selectTogether}).
   */
  public Callbacks.SideRead<Map<String, Object>> whereRead(Where where) {
    return Callbacks.SideRead.placedByCaller("SELECT " + selectList + " FROM " + name + where.sql()
        + " ORDER BY id", where.params(), this::read);
  }

  private String whereSql(Column c) {
    return "SELECT " + selectList + " FROM " + name + " WHERE " + c.name() + " = ? ORDER BY id";
  }

  /**
   * The rows matching {@code where}, sorted and paged as {@code query} says. {@code where} holds
   * the SQL conditions (already translated from the filters by {@link Where}); sorting always ends
   * on {@code id} so pages are stable; the marker is turned into a keyset condition on the sort
   * keys. {@code limit} may be {@code null}.
   */
  public List<Map<String, Object>> select(
      Handle h, Where where, List<ListQuery.Sort> sorts, String marker, boolean reverse,
      Integer limit) {
    Map<String, Object> markerRow = marker == null ? null : find(h, marker).orElse(null);
    return selectAfter(h, where, sorts, markerRow, reverse, limit);
  }

  /**
   * {@link #select} after a row already read ({@code null}: from the start): {@code after} needs
   * the sort keys' attributes as this table reads them.
   */
  public List<Map<String, Object>> selectAfter(
      Handle h, Where where, List<ListQuery.Sort> sorts, Map<String, Object> after, boolean reverse,
      Integer limit) {
    List<ListQuery.Sort> order = new ArrayList<>();
    for (ListQuery.Sort s : sorts) {
      if (!s.key().equals("id")) {
        order.add(s);
      }
    }
    boolean idAscending = sorts.stream().filter(s -> s.key().equals("id")).findFirst()
        .map(ListQuery.Sort::ascending).orElse(true);
    order.add(new ListQuery.Sort("id", idAscending));
    if (reverse) {
      order.replaceAll(s -> new ListQuery.Sort(s.key(), !s.ascending()));
    }
    Where w = where.copy();
    if (after != null) {
      keyset(w, order, after);
    }
    StringBuilder sql = new StringBuilder("SELECT ").append(selectList).append(" FROM ")
        .append(name).append(w.sql());
    StringJoiner ob = new StringJoiner(", ", " ORDER BY ", "");
    for (ListQuery.Sort s : order) {
      ob.add(name + "." + column(s.key()).orElseThrow().name() + (s.ascending() ? " ASC" : " DESC"));
    }
    sql.append(ob);
    if (limit != null) {
      sql.append(" LIMIT ").append(limit.intValue());
    }
    Query q = h.createQuery(sql.toString());
    List<Object> params = w.params();
    for (int i = 0; i < params.size(); i++) {
      q.bind(i, params.get(i));
    }
    List<Map<String, Object>> rows = q.map((rs, ctx) -> read(rs)).list();
    if (reverse) {
      java.util.Collections.reverse(rows);
    }
    return rows;
  }

  /** (k1, k2, id) after the marker's values, expanded into ORs so every database accepts it. */
  private void keyset(Where w, List<ListQuery.Sort> order, Map<String, Object> markerRow) {
    StringJoiner any = new StringJoiner(" OR ", "(", ")");
    List<Object> params = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      StringJoiner all = new StringJoiner(" AND ", "(", ")");
      for (int j = 0; j < i; j++) {
        Column c = column(order.get(j).key()).orElseThrow();
        all.add(name + "." + c.name() + " = ?");
        params.add(toDb(c, markerRow.get(c.attribute())));
      }
      ListQuery.Sort s = order.get(i);
      Column c = column(s.key()).orElseThrow();
      all.add(name + "." + c.name() + (s.ascending() ? " > ?" : " < ?"));
      params.add(toDb(c, markerRow.get(c.attribute())));
      any.add(all.toString());
    }
    w.add(any.toString(), params);
  }

  public Object toDb(Column c, Object value) {
    if (value == null) {
      return null;
    }
    return switch (c.kind()) {
      case JSON -> Json.write(value);
      case TIMESTAMP -> value instanceof Instant i ? Timestamp.from(i) : value;
      case INT -> value instanceof Number n ? n.intValue() : Integer.valueOf(value.toString());
      case LONG -> value instanceof Number n ? n.longValue() : Long.valueOf(value.toString());
      case BOOL -> value instanceof Boolean b ? b : Boolean.valueOf(value.toString());
      case STRING -> value.toString();
    };
  }

  private Map<String, Object> read(ResultSet rs) throws SQLException {
    // Room for the attributes a resource's decoration adds, so the map is not rehashed twice.
    Map<String, Object> row = new LinkedHashMap<>(2 * byAttribute.size() + 16);
    int i = 1;
    for (Column c : byAttribute.values()) {
      row.put(c.attribute(), fromDb(c, rs, i++));
    }
    return row;
  }

  /** The zone {@link Timestamp#from} writes wall-clock times in. */
  private static final ZoneId WRITTEN_IN = ZoneId.systemDefault();

  private static Object fromDb(Column c, ResultSet rs, int i) throws SQLException {
    return switch (c.kind()) {
      case STRING -> rs.getString(i);
      case BOOL -> {
        boolean b = rs.getBoolean(i);
        yield rs.wasNull() ? null : b;
      }
      case INT -> {
        int v = rs.getInt(i);
        yield rs.wasNull() ? null : v;
      }
      case LONG -> {
        long v = rs.getLong(i);
        yield rs.wasNull() ? null : v;
      }
      case JSON -> Json.read(rs.getString(i));
      case TIMESTAMP -> {
        // As a LocalDateTime, not a Timestamp: MariaDB's driver builds a Calendar for every
        // Timestamp it decodes, a cost seen in every listed row. The wall-clock time is read in
        // the zone Timestamp.from wrote it in (the JVM's), so values stay as they were.
        LocalDateTime t = rs.getObject(i, LocalDateTime.class);
        yield t == null ? null : Instant.ofEpochSecond(t.atZone(WRITTEN_IN).toEpochSecond());
      }
    };
  }

  /** Whole seconds, as Instant.truncatedTo would give, at a fraction of its cost. */
  private static Instant wholeSeconds(Timestamp t) {
    return Instant.ofEpochSecond(Math.floorDiv(t.getTime(), 1000));
  }
}
