package io.neutrino.server.db;

import io.neutrino.lib.events.Callbacks;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Reading by many ids at once: {@code IN (…)} lists split so no statement grows past what
 * databases accept and written so the database tests membership cheaply, and side-table reads
 * ({@link #rowsFor}) that use a key range where the ids are dense.
 */
public final class Batches {
  public static final int SIZE = 500;
  /** Lists longer than this are written inline (see {@link #in}). */
  private static final int INLINE_FROM = 16;
  /** Chunks this long are first tried as a key range (see {@link #rowsFor}). */
  private static final int RANGE_FROM = 64;
  /** The same for a {@link #denseRun}'s ids, whose ranges hold no other id of their table. */
  private static final int DENSE_RANGE_FROM = 2;
  /** A range may hold this many times its chunk's rows before the chunk counts as sparse. */
  private static final int RANGE_SLACK = 4;
  /**
   * The same for a {@link #denseRun}'s ids: their ranges hold only their own rows (and those of
   * rows created since), so a network's subnets or a router's routes may number more than
   * {@link #RANGE_SLACK} without the read being sparse; the bound only guards a key wrongly taken
   * for the page's table.
   */
  private static final int DENSE_RANGE_SLACK = 16;

  private Batches() {}

  public static List<List<Object>> chunks(List<Object> ids) {
    List<List<Object>> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += SIZE) {
      out.add(ids.subList(i, Math.min(ids.size(), i + SIZE)));
    }
    return out;
  }

  public static String marks(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  /**
   * One chunk as an SQL list. Ids the server generated (UUIDs: hex and dashes only, so nothing to
   * escape) are written inline: H2 then checks each row against a hash set of constants, where with
   * bound parameters it compares every row with every parameter (500 × rows string compares,
   * a quarter of listing 10,000 ports). Short lists, and anything else, are bound: an inline text
   * is new to the statement caches every time, so it is parsed and planned again.
   */
  public static InList in(List<Object> chunk) {
    boolean inline = chunk.size() > INLINE_FROM;
    for (Object id : chunk) {
      if (!(id instanceof String s) || !uuidShaped(s)) {
        inline = false;
        break;
      }
    }
    if (!inline) {
      return new InList("(" + marks(chunk.size()) + ")", chunk);
    }
    StringBuilder sql = new StringBuilder("(");
    for (int i = 0; i < chunk.size(); i++) {
      sql.append(i == 0 ? "'" : ", '").append(chunk.get(i)).append('\'');
    }
    return new InList(sql.append(')').toString(), List.of());
  }

  /**
   * The rows a side table holds for many ids at once (a list's tags, bindings, groups …):
   * {@code selectWhere} is the query up to its condition on {@code key} ("… WHERE" or "… WHERE x
   * = ? AND"), {@code params} the values of its own placeholders, {@code orderBy} null or the
   * ORDER BY list; {@code keyOf} gives a read row's key. Only rows of {@code ids} are returned.
   * Runs {@link #stated}'s reads one after the other.
   */
  public static <T> List<T> rowsFor(Handle h, String selectWhere, List<Object> params, String key,
      Collection<?> ids, String orderBy, Callbacks.RowReader<T> reader, Function<T, Object> keyOf) {
    List<T> out = new ArrayList<>();
    StatedExtender.run(h, stated(selectWhere, params, key, ids, orderBy, reader, keyOf)
        .applying((rows, tx) -> out.addAll(rows)));
    return out;
  }

  /**
   * {@link #rowsFor} stated rather than run: its reads, to send with others
   * ({@link Database#selectTogether}), and then its rows from what they returned.
   *
   * <p>The ids are sorted and read in chunks. A chunk of server-generated ids is first read as a
   * key range: when the list is most of the table (listing every port), each range holds little
   * more than the chunk, and one index range scan is several times cheaper than a lookup per id.
   * That is tried for long chunks ({@link #RANGE_FROM}), and for a page read as a
   * {@link #denseRun} from {@link #DENSE_RANGE_FROM} ids, {@code key} being the page's table's id
   * or a foreign key to it. A range holding more than {@link #RANGE_SLACK} times the chunk's rows
   * ({@link #DENSE_RANGE_SLACK} for a dense run) means the ids are sparse: that chunk is read again
   * by its IN-list, so the extra cost is bounded.
   */
  public static <T> KeyedRead<T> stated(String selectWhere, List<Object> params, String key,
      Collection<?> ids, String orderBy, Callbacks.RowReader<T> reader, Function<T, Object> keyOf) {
    return stated(selectWhere, params, key, ids, orderBy, reader, keyOf, true);
  }

  /**
   * {@link #stated} for a side table whose key holds ids of several tables (tags: any resource's):
   * a {@link #denseRun} of one table says nothing about how many of its rows a key range holds.
   */
  public static <T> KeyedRead<T> statedAcrossTables(String selectWhere, List<Object> params, String key,
      Collection<?> ids, String orderBy, Callbacks.RowReader<T> reader, Function<T, Object> keyOf) {
    return stated(selectWhere, params, key, ids, orderBy, reader, keyOf, false);
  }

  private static <T> KeyedRead<T> stated(String selectWhere, List<Object> params, String key,
      Collection<?> ids, String orderBy, Callbacks.RowReader<T> reader, Function<T, Object> keyOf,
      boolean keyOfOneTable) {
    // Ranges only over canonical lower-case UUIDs: for them every database's collation orders as
    // String.compareTo does (hex digits, dashes at the same places), so a range misses no id.
    Checked run = DENSE_RUN.get();
    boolean inRun = run != null && run.sameObjects(ids);
    List<Object> sorted = inRun ? run.answer() : ascendingUuids(ids);
    boolean rangeable = sorted != null;
    boolean dense = inRun && keyOfOneTable;
    int rangeFrom = dense ? DENSE_RANGE_FROM : RANGE_FROM;
    int slack = dense ? DENSE_RANGE_SLACK : RANGE_SLACK;
    if (!rangeable) {
      sorted = new ArrayList<>(new HashSet<>(ids));
    }
    String order = orderBy == null ? "" : " ORDER BY " + orderBy;
    List<KeyedRead.Chunk<T>> chunks = new ArrayList<>();
    for (List<Object> chunk : chunks(sorted)) {
      Supplier<Callbacks.SideRead<T>> byList = () -> {
        InList in = in(chunk);
        List<Object> inParams = new ArrayList<>(params);
        inParams.addAll(in.bound());
        return Callbacks.SideRead.placedByCaller(selectWhere + " " + key + " IN " + in.sql() + order, inParams,
            reader);
      };
      if (rangeable && chunk.size() >= rangeFrom) {
        int limit = chunk.size() * slack;
        List<Object> rangeParams = new ArrayList<>(params);
        rangeParams.add(chunk.get(0));
        rangeParams.add(chunk.get(chunk.size() - 1));
        var byRange = Callbacks.SideRead.placedByCaller(
            selectWhere + " " + key + " BETWEEN ? AND ?" + order + " LIMIT " + limit, rangeParams, reader);
        chunks.add(new KeyedRead.Chunk<>(byRange, chunk, limit, byList));
      } else {
        chunks.add(new KeyedRead.Chunk<>(byList.get(), null, 0, null));
      }
    }
    return new KeyedRead<>(chunks, keyOf);
  }

  /** A {@link #stated} read: one read per chunk of ids, and how to get the ids' rows from them. */
  public static final class KeyedRead<T> {
    /**
     * One chunk's read; for a key range also its sorted ids, the row count that means "sparse",
     * and the IN-list read to run instead then (written only then: a long inline list costs).
     */
    record Chunk<T>(Callbacks.SideRead<T> read, List<Object> ids, int limit,
        Supplier<Callbacks.SideRead<T>> instead) {}

    private final List<Chunk<T>> chunks;
    private final Function<T, Object> keyOf;

    KeyedRead(List<Chunk<T>> chunks, Function<T, Object> keyOf) {
      this.chunks = chunks;
      this.keyOf = keyOf;
    }

    /** The reads to send, in order. */
    public List<Callbacks.SideRead<?>> reads() {
      List<Callbacks.SideRead<?>> out = new ArrayList<>(chunks.size());
      chunks.forEach(c -> out.add(c.read()));
      return out;
    }

    /**
     * The rows of the ids, given what {@link #reads} returned ({@code results.get(i)} for
     * {@code reads().get(i)}); a range that came back full is read again by its IN-list on {@code h}.
     */
    @SuppressWarnings("unchecked")
    public List<T> rows(Handle h, List<List<?>> results) {
      List<T> out = new ArrayList<>();
      for (int i = 0; i < chunks.size(); i++) {
        Chunk<T> c = chunks.get(i);
        List<T> rows = (List<T>) results.get(i);
        if (c.ids() == null) {
          out.addAll(rows);
        } else if (rows.size() < c.limit()) {
          for (T r : rows) {
            if (Collections.binarySearch(c.ids(), keyOf.apply(r), KEY_ORDER) >= 0) {
              out.add(r);
            }
          }
        } else {
          out.addAll(Database.select(h, c.instead().get()));
        }
      }
      return out;
    }

    /**
     * This read as a page's read ({@link Callbacks.PageRead}): {@code apply} gets the rows of the
     * ids, and the transaction.
     */
    public Callbacks.PageRead applying(java.util.function.BiConsumer<List<T>, Handle> apply) {
      return Callbacks.PageRead.of(reads(), (results, tx) -> apply.accept(rows((Handle) tx, results), (Handle) tx));
    }

    /**
     * The same with the rows grouped by their key: {@code show} gets each id's {@code valueOf}s,
     * in the order they were read (ids without rows are absent).
     */
    public <V> Callbacks.PageRead grouped(Function<T, V> valueOf, java.util.function.Consumer<Map<Object, List<V>>> show) {
      return applying((rows, h) -> {
        Map<Object, List<V>> byKey = new HashMap<>();
        for (T r : rows) {
          byKey.computeIfAbsent(keyOf.apply(r), k -> new ArrayList<>()).add(valueOf.apply(r));
        }
        show.accept(byKey);
      });
    }
  }

  /** Keys of a range chunk are canonical UUID strings; anything else a row may carry sorts apart. */
  private static final Comparator<Object> KEY_ORDER =
      (a, b) -> a instanceof String x && b instanceof String y ? x.compareTo(y) : -1;

  /**
   * Tells the side reads that follow on this thread that {@code ids}, a page just read, are every
   * id of their table from the lowest to the highest (a page in id order, read without any
   * condition: an admin's or a whole listing). A side table keyed by them then holds, in that
   * key range, only the page's rows (and those of rows created since), so its read by key range
   * pays off from a couple of ids on, where an IN-list makes the database parse and look up every
   * id: an admin's list of 55 networks on MariaDB (nine side reads) took 2.8 ms by IN-lists and
   * 1.4 ms by ranges (p50), the database's CPU 1.9 and 0.8 ms. Lists filtered by project or
   * policy are not dense runs: their ranges would hold mostly other rows (a member's 30 networks
   * among 2,000 by ranges: 3.5 → 5.8 ms), so they keep to IN-lists until a chunk is long
   * ({@link #RANGE_FROM}).
   */
  public static void denseRun(List<Object> ids) {
    List<Object> answer = checkedAscending(ids);
    DENSE_RUN.set(answer == null ? null : new Checked(ids.toArray(), Collections.unmodifiableList(answer)));
  }

  /** The page this thread last read as a {@link #denseRun} (kept apart from other ids' checks). */
  private static final ThreadLocal<Checked> DENSE_RUN = new ThreadLocal<>();

  /**
   * The ids as canonical UUIDs in ascending order without repeats, or null if one is not a
   * canonical UUID. A list comes ordered by id unless asked otherwise, so usually this is one pass
   * over the ids as they are: sorting them (or putting them in a hash set first) cost more than
   * reading a side table's rows.
   */
  private static List<Object> ascendingUuids(Collection<?> ids) {
    Checked last = LAST_CHECKED.get();
    if (last != null && last.sameObjects(ids)) {
      return last.answer();
    }
    List<Object> answer = checkedAscending(ids);
    LAST_CHECKED.set(new Checked(ids.toArray(), answer == null ? null : Collections.unmodifiableList(answer)));
    return answer;
  }

  /**
   * The ids this thread checked last and the answer. A page's side reads (subnets, segments,
   * tags, RBAC, each extender's table) each ask about the page's ids, the same String objects, one
   * after the other: checked once, not nine times (the checks were ~5 % of listing networks).
   */
  private static final ThreadLocal<Checked> LAST_CHECKED = new ThreadLocal<>();

  private record Checked(Object[] ids, List<Object> answer) {
    /** Whether {@code other} holds the very same objects, in order (ids are immutable strings). */
    boolean sameObjects(Collection<?> other) {
      if (other.size() != ids.length) {
        return false;
      }
      int i = 0;
      for (Object o : other) {
        if (o != ids[i++]) {
          return false;
        }
      }
      return true;
    }
  }

  private static List<Object> checkedAscending(Collection<?> ids) {
    List<Object> out = new ArrayList<>(ids.size());
    String last = null;
    boolean ascending = true;
    for (Object id : ids) {
      if (!(id instanceof String s) || !canonicalUuid(s)) {
        return null;
      }
      if (last != null && s.compareTo(last) <= 0) {
        ascending = false;
      }
      out.add(s);
      last = s;
    }
    if (!ascending) {
      out = new ArrayList<>(new java.util.TreeSet<>(out));
    }
    return out;
  }

  /**
   * A lower-case UUID with its dashes. Branch-free: a test per character of "digit or letter"
   * mispredicts on random hex, which made this check cost more than a list's side-table reads.
   */
  private static boolean canonicalUuid(String s) {
    if (s.length() != 36) {
      return false;
    }
    int bad = 0;
    for (int i = 0; i < 36; i++) {
      int c = s.charAt(i);
      bad |= (c >>> 7) | (UUID_CHAR[c & 0x7f] ^ UUID_PLACE[i]);
    }
    return bad == 0;
  }

  /** 1 for a lower-case hex digit, 2 for a dash (0 otherwise), per ASCII character. */
  private static final byte[] UUID_CHAR = new byte[128];
  /** What {@link #UUID_CHAR} must be at each place of a canonical UUID. */
  private static final byte[] UUID_PLACE = new byte[36];

  static {
    for (char c = '0'; c <= '9'; c++) {
      UUID_CHAR[c] = 1;
    }
    for (char c = 'a'; c <= 'f'; c++) {
      UUID_CHAR[c] = 1;
    }
    UUID_CHAR['-'] = 2;
    java.util.Arrays.fill(UUID_PLACE, (byte) 1);
    for (int dash : new int[] {8, 13, 18, 23}) {
      UUID_PLACE[dash] = 2;
    }
  }

  /** Hex digits and dashes only (a regular expression here cost more than the query). */
  private static boolean uuidShaped(String s) {
    if (s.isEmpty() || s.length() > 64) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** An {@code IN} list's SQL and the values still to bind, in order. */
  public record InList(String sql, List<Object> bound) {
    /** Binds the values at positions {@code from}, {@code from + 1} … of {@code q}. */
    public Query bind(Query q, int from) {
      for (int i = 0; i < bound.size(); i++) {
        q.bind(from + i, bound.get(i));
      }
      return q;
    }
  }
}
