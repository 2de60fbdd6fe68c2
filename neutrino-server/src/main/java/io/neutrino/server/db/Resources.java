package io.neutrino.server.db;

import io.neutrino.lib.spi.ListQuery;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * The list algorithm every collection shares: filters on columns become SQL, the rest are matched
 * in memory after the rows are decorated (so {@code limit} still applies after every filter), and
 * standard attributes are rendered as Neutron renders them.
 */
public final class Resources {
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private Resources() {}

  public static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }

  /**
   * A list ordered by id alone (the default) is read this many rows at a time: one chunk of
   * side-table ids ({@link Batches#SIZE}), so each side table is one read per page.
   */
  static final int PAGE = Batches.SIZE;

  /**
   * Lists rows of {@code table}: {@code where} carries conditions the caller already built
   * (visibility, special filters, listed in {@code handled}); every other filter on a scalar
   * column is added as SQL, filters on JSON or computed attributes are applied in memory to the
   * decorated rows.
   */
  public static List<Map<String, Object>> list(Handle h, Table table, ListQuery q, Where where,
      Set<String> handled, Function<List<Map<String, Object>>, List<Map<String, Object>>> decorate) {
    Pages pages = pages(table, q, where, handled);
    List<Map<String, Object>> out = new ArrayList<>();
    for (List<Map<String, Object>> page; (page = pages.next(h, decorate)) != null; ) {
      out.addAll(page);
    }
    return out;
  }

  /** {@link #list} as {@link Pages}: read page by page, each on whatever handle the caller has. */
  public static Pages pages(Table table, ListQuery q, Where where, Set<String> handled) {
    Where w = where.copy();
    Map<String, List<Object>> inMemory = new LinkedHashMap<>();
    for (Map.Entry<String, List<Object>> f : q.filters().entrySet()) {
      if (handled.contains(f.getKey())) {
        continue;
      }
      if (f.getKey().equals("changed_since")) {
        w.add(table.name() + ".updated_at >= ?",
            List.of(java.sql.Timestamp.from((Instant) f.getValue().get(0))));
        continue;
      }
      var column = table.column(f.getKey());
      if (column.isPresent() && column.get().kind() != Column.Kind.JSON
          && column.get().kind() != Column.Kind.TIMESTAMP) {
        Column c = column.get();
        List<Object> values = new ArrayList<>();
        for (Object v : f.getValue()) {
          values.add(table.toDb(c, v));
        }
        w.in(table.name() + "." + c.name(), values);
      } else {
        inMemory.put(f.getKey(), f.getValue());
      }
    }
    List<ListQuery.Sort> sorts = q.sorts().stream()
        .filter(s -> table.column(s.key()).isPresent()).toList();
    return new Pages(table, q, w, inMemory, sorts);
  }

  /**
   * A list read a page at a time. Ordered by id alone, a page is the next {@link #PAGE} rows
   * along the primary key (a keyset after the last id read), so memory does not grow with the
   * table and a caller may give its connection back between pages (to write the last one out).
   * Any other order, or page_reverse, is one page: paging it would sort the whole match for
   * every page. In-memory filters and the limit apply page by page, so a limit stops early.
   */
  public static final class Pages {
    private final Table table;
    private final ListQuery q;
    private final Where where;
    private final Map<String, List<Object>> inMemory;
    private final List<ListQuery.Sort> sorts;
    private final boolean byIdAlone;
    private boolean started;
    private boolean done;
    private Map<String, Object> after;
    private Integer left;

    private Pages(Table table, ListQuery q, Where where, Map<String, List<Object>> inMemory,
        List<ListQuery.Sort> sorts) {
      this.table = table;
      this.q = q;
      this.where = where;
      this.inMemory = inMemory;
      this.sorts = sorts;
      this.byIdAlone = !q.pageReverse() && sorts.stream().allMatch(s -> s.key().equals("id"));
      this.left = q.limit();
    }

    /** The next page, decorated and filtered (it may be empty), or null after the last. */
    public List<Map<String, Object>> next(Handle h,
        Function<List<Map<String, Object>>, List<Map<String, Object>>> decorate) {
      if (done) {
        return null;
      }
      if (!byIdAlone) {
        done = true;
        List<Map<String, Object>> rows = table.select(h, where, sorts, q.marker(), q.pageReverse(),
            inMemory.isEmpty() ? q.limit() : null);
        return kept(decorate.apply(rows), inMemory, q.limit());
      }
      if (!started) {
        started = true;
        after = q.marker() == null ? null : table.find(h, q.marker()).orElse(null);
      }
      if (left != null && left <= 0) {
        done = true;
        return null;
      }
      int page = inMemory.isEmpty() && left != null ? Math.min(PAGE, left) : PAGE;
      List<Map<String, Object>> rows = table.selectAfter(h, where, sorts, after, false, page);
      if (rows.size() < page) {
        done = true;
      }
      if (rows.isEmpty()) {
        return null;
      }
      // Ordered by id alone, the next page's keyset needs only the id (taken before decorating).
      after = Map.of("id", rows.get(rows.size() - 1).get("id"));
      if (where.isEmpty()) {
        // no condition: the page holds every row from its first id to its last
        Batches.denseRun(ids(rows));
      }
      List<Map<String, Object>> shown = kept(decorate.apply(rows), inMemory, left);
      if (left != null) {
        left -= shown.size();
      }
      return shown;
    }
  }

  /** The decorated rows matching the in-memory filters, at most {@code limit} (null: all). */
  private static List<Map<String, Object>> kept(List<Map<String, Object>> rows,
      Map<String, List<Object>> inMemory, Integer limit) {
    if (inMemory.isEmpty() && (limit == null || rows.size() <= limit)) {
      return rows;
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      if (matches(row, inMemory)) {
        out.add(row);
        if (limit != null && out.size() >= limit) {
          break;
        }
      }
    }
    return out;
  }

  private static boolean matches(Map<String, Object> row, Map<String, List<Object>> filters) {
    for (Map.Entry<String, List<Object>> f : filters.entrySet()) {
      Object actual = row.get(f.getKey());
      boolean any = false;
      for (Object wanted : f.getValue()) {
        if (Objects.equals(String.valueOf(actual), String.valueOf(wanted))
            || (actual instanceof List<?> l && l.contains(wanted))) {
          any = true;
          break;
        }
      }
      if (!any) {
        return false;
      }
    }
    return true;
  }

  /** Standard attributes as the API shows them: ISO timestamps and tenant_id beside project_id. */
  public static Map<String, Object> standardAttributes(Map<String, Object> row) {
    Object created = row.get("created_at");
    if (created instanceof Instant i) {
      row.put("created_at", iso(i));
    }
    Object updated = row.get("updated_at");
    if (updated instanceof Instant i) {
      row.put("updated_at", iso(i));
    }
    row.put("tenant_id", row.get("project_id"));
    return row;
  }

  /**
   * {@code yyyy-MM-ddTHH:mm:ssZ}: what {@link #ISO} writes, without its general machinery (two
   * timestamps per item of every list).
   */
  static String iso(Instant i) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(i.getEpochSecond(), 0, ZoneOffset.UTC);
    if (t.getYear() < 1000 || t.getYear() > 9999) {
      return ISO.format(i);
    }
    char[] c = new char[20];
    digits(c, 0, t.getYear(), 4);
    c[4] = '-';
    digits(c, 5, t.getMonthValue(), 2);
    c[7] = '-';
    digits(c, 8, t.getDayOfMonth(), 2);
    c[10] = 'T';
    digits(c, 11, t.getHour(), 2);
    c[13] = ':';
    digits(c, 14, t.getMinute(), 2);
    c[16] = ':';
    digits(c, 17, t.getSecond(), 2);
    c[19] = 'Z';
    return new String(c);
  }

  private static void digits(char[] c, int at, int value, int width) {
    for (int k = at + width - 1; k >= at; k--) {
      c[k] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  public static List<Object> ids(List<Map<String, Object>> rows) {
    List<Object> ids = new ArrayList<>(rows.size());
    for (Map<String, Object> r : rows) {
      ids.add(r.get("id"));
    }
    return ids;
  }
}
