package io.neutrino.server.db;

import io.neutrino.lib.events.Callbacks.SideRead;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.jdbi.v3.core.statement.Update;

/**
 * Writes of a transaction that nobody reads back at once, sent to the database together with
 * whatever the transaction sends next: the next statement's flush, or the commit. On a database
 * reached over the network each statement is a round trip, and a port create's inserts (port,
 * addresses, binding, groups) were four of its nine; held back, they travel as one multi-statement
 * text with the {@code COMMIT} at its end.
 *
 * <p>Order and visibility are those of sending each write at once: any other statement on the
 * transaction's connection sends the held writes first ({@link #FLUSH_FIRST}), so a later read sees
 * them. What changes is where a write's failure surfaces: at a later statement or at commit, not at
 * the call. A writer that needs to turn its failure into something else (a duplicate key into "run
 * the transaction again") passes that rule as {@code onFailure}; it is applied, in the order the
 * writes were made, to whatever the batch threw, and the first answer that is not null is thrown
 * instead, so the statement that happened to carry the batch never sees a failure that is not its own.
 *
 * <p>Only {@link Database#tx} holds writes back, and only on PostgreSQL and MariaDB (the embedded
 * H2 has no round trips to save); elsewhere, and outside a transaction, {@link #write} sends at once.
 *
 * <p>Reads work on a thread is known to ask ({@link #expecting}: a create's quota limit, asked at
 * its precommit) ride, on MariaDB and PostgreSQL, in front of each transaction's first statement
 * (on MariaDB with its opening), and are answered from there ({@link #answeredEarly}): one round
 * trip less.
 */
public final class WriteBehind {
  /** What a write's failure means to its writer: the exception to throw instead, or null. */
  @FunctionalInterface
  public interface OnFailure extends UnaryOperator<RuntimeException> {
    OnFailure NONE = e -> null;
  }

  private record Write(String sql, Object[] params, OnFailure onFailure) {}

  private static final ThreadLocal<WriteBehind> CURRENT = new ThreadLocal<>();
  /** Reads the work on this thread will ask, until a transaction's asker took the answer. */
  private static final ThreadLocal<List<SideRead<?>>> EXPECTED = new ThreadLocal<>();
  /**
   * Values written into an expected read's text: its reads go in front of the first statement,
   * whose own parameters JDBI binds from the first position on, so theirs cannot be bound. These
   * need no escaping (ids, names of resources); a read with any other value is asked in its turn.
   */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.:-]{0,255}");

  /**
   * Sends a transaction's held writes before any other statement runs on its connection; after a
   * statement that carried the transaction's opening or expected reads ({@link
   * #FIRST_STATEMENT_CARRIES}), moves past their results (keeping the reads' rows) to the statement's
   * own, which is then what JDBI reads.
   */
  static final StatementCustomizer FLUSH_FIRST = new StatementCustomizer() {
    @Override
    public void beforeExecution(PreparedStatement stmt, StatementContext ctx) {
      WriteBehind current = CURRENT.get();
      if (current != null && !current.sending && current.connection == ctx.getConnection()) {
        current.send(false);
      }
    }

    @Override
    public void afterExecution(PreparedStatement stmt, StatementContext ctx) throws SQLException {
      WriteBehind current = CURRENT.get();
      if (current != null && current.openedBy == stmt) {
        current.openedBy = null;
        if (current.opening != null) {
          stmt.getMoreResults();
        }
        current.keepCarriedAnswers(stmt);
      }
    }
  };

  /**
   * The first statement of a transaction that finds nothing held carries, written in front of its
   * own text, what would otherwise be sent alone: MariaDB's {@code START TRANSACTION}, and on
   * MariaDB and PostgreSQL the expected reads ({@link #expecting}). One round trip less for every
   * transaction on MariaDB, and one for each expected read. Only a plain query or update carries
   * them (its own results come after theirs); a batch, or a statement returning generated keys,
   * has the opening sent before it as usual ({@link #FLUSH_FIRST}) and the expected reads are
   * asked in their turn.
   */
  static final StatementBuilderFactory FIRST_STATEMENT_CARRIES = connection -> new DefaultStatementBuilder() {
    @Override
    public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
      WriteBehind current = CURRENT.get();
      if (current == null || conn != current.connection) {
        return super.create(conn, sql, ctx);
      }
      boolean carries = !current.anySent && current.canCarry(ctx);
      current.anySent = true;
      String opening = carries && current.begin != null ? current.begin + ";\n" : "";
      String ahead = carries ? current.carryExpected() : "";
      if (opening.isEmpty() && ahead.isEmpty()) {
        return super.create(conn, sql, ctx);
      }
      PreparedStatement stmt = super.create(conn, opening + ahead + sql, ctx);
      current.begin = null; // from here a failure rolls back, whether or not the text ran
      current.openedBy = stmt;
      return stmt;
    }
  };

  private final Handle handle;
  private final Connection connection;
  /** What opens the transaction (MariaDB's START TRANSACTION), or null when the connection does. */
  private final String opening;
  /** {@link #opening} while not yet sent: with the first batch or statement. */
  private String begin;
  private final List<Write> held = new ArrayList<>();
  private boolean sending;
  /** Whether any statement was made on the connection in this transaction (the first carries). */
  private boolean anySent;
  /** The statement whose text carries the opening or expected reads, until their results are passed. */
  private PreparedStatement openedBy;
  /** The expected reads the first statement carries, in order, and their text (in front of its own). */
  private List<SideRead<?>> carried = List.of();
  private String carriedText = "";
  /** What the carried reads answered, by {@link #key}, until their askers take it. */
  private final Map<List<Object>, List<Object>> answers = new HashMap<>();

  private WriteBehind(Handle handle, String begin) {
    this.handle = handle;
    this.connection = handle.getConnection();
    this.opening = begin;
    this.begin = begin;
  }

  /**
   * Runs {@code sql} with {@code params}: at once, or, inside a transaction that holds writes back,
   * with the transaction's next statement or commit. Only for statements whose result (a row count,
   * generated keys) the caller does not need.
   */
  public static void write(Handle h, OnFailure onFailure, String sql, Object... params) {
    WriteBehind current = CURRENT.get();
    if (current != null && current.handle == h) {
      current.held.add(new Write(sql, params, onFailure));
      return;
    }
    try {
      h.execute(sql, params);
    } catch (RuntimeException e) {
      RuntimeException instead = onFailure.apply(e);
      throw instead != null ? instead : e;
    }
  }

  /**
   * Runs {@code read} on {@code h} ahead of the writes held so far, which stay held: for reads of
   * tables those writes never touch (a project's quota limits while a port's rows wait), so one
   * round trip is saved and the answer is the same.
   */
  public static <T> T ahead(Handle h, Function<Handle, T> read) {
    WriteBehind current = CURRENT.get();
    if (current == null || current.handle != h || current.sending || current.begin != null) {
      return read.apply(h); // nothing held, or the transaction not yet open: sent in order
    }
    current.sending = true; // FLUSH_FIRST leaves the held writes alone while it is set
    try {
      return read.apply(h);
    } finally {
      current.sending = false;
    }
  }

  /**
   * Runs {@code work} with {@code reads} expected: each transaction it opens on MariaDB or PostgreSQL sends them
   * with its first statement, until the answer to one is taken ({@link #answeredEarly}). For reads a
   * transaction asks for sure and of tables it does not change before asking (a project's quota
   * limit at a create's precommit), so that asking earlier gives the same answer.
   */
  public static <T> T expecting(List<SideRead<?>> reads, Supplier<T> work) {
    List<SideRead<?>> outer = EXPECTED.get();
    EXPECTED.set(new ArrayList<>(reads));
    try {
      return work.get();
    } finally {
      if (outer == null) {
        EXPECTED.remove();
      } else {
        EXPECTED.set(outer);
      }
    }
  }

  /**
   * The rows {@code read} answered in {@code h}'s transaction, sent with its first statement because it was
   * expected; empty when it was not, and the caller asks it itself. An answer is given once.
   */
  @SuppressWarnings("unchecked")
  public static <T> Optional<List<T>> answeredEarly(Handle h, SideRead<T> read) {
    WriteBehind current = CURRENT.get();
    if (current == null || current.handle != h) {
      return Optional.empty();
    }
    List<Object> key = key(read);
    List<Object> rows = current.answers.remove(key);
    if (rows == null) {
      return Optional.empty();
    }
    List<SideRead<?>> expected = EXPECTED.get();
    if (expected != null) {
      expected.removeIf(r -> key(r).equals(key));
    }
    return Optional.of((List<T>) rows);
  }

  private static List<Object> key(SideRead<?> read) {
    return List.of(read.sql(), read.params());
  }

  /**
   * The text of the expected reads this transaction's first statement carries, each followed by the
   * separator, remembered as carried; "" when none.
   */
  private String carryExpected() {
    List<SideRead<?>> expected = EXPECTED.get();
    if (expected == null || expected.isEmpty()) {
      return "";
    }
    List<SideRead<?>> reads = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (SideRead<?> r : expected) {
      String inlined = inlined(r);
      if (inlined != null) {
        reads.add(r);
        text.append(inlined).append(";\n");
      }
    }
    carried = reads;
    carriedText = text.toString();
    return carriedText;
  }

  /**
   * {@code read}'s SQL with its parameters ({@link PositionalSqlParser#placeholders}) written in, or
   * null when one is not a plain string or number ({@link #PLAIN}) or their counts differ.
   */
  static String inlined(SideRead<?> read) {
    String sql = read.sql();
    int[] at = PositionalSqlParser.placeholders(sql);
    if (at.length != read.params().size()) {
      return null;
    }
    StringBuilder out = new StringBuilder(sql.length() + 64);
    int from = 0;
    for (int i = 0; i < at.length; i++) {
      Object v = read.params().get(i);
      out.append(sql, from, at[i]);
      if (v instanceof Integer || v instanceof Long) {
        out.append(v);
      } else if (v instanceof String s && PLAIN.matcher(s).matches()) {
        out.append('\'').append(s).append('\'');
      } else {
        return null;
      }
      from = at[i] + 1;
    }
    return out.append(sql, from, sql.length()).toString();
  }

  /** After the opening's result, if any: reads the carried reads' results, leaving the statement's own current. */
  private void keepCarriedAnswers(PreparedStatement stmt) throws SQLException {
    for (SideRead<?> r : carried) {
      List<Object> rows = new ArrayList<>();
      try (ResultSet rs = stmt.getResultSet()) {
        if (rs == null) {
          throw new IllegalStateException("the database did not answer the read sent ahead: " + r.sql());
        }
        while (rs.next()) {
          rows.add(r.reader().read(rs));
        }
      }
      answers.put(key(r), rows);
      stmt.getMoreResults();
    }
    carried = List.of();
  }

  /**
   * Runs {@code work} on {@code h} holding its writes back, and ends it by sending what is held
   * with {@code COMMIT}. {@code begin} is the statement that opens the transaction when the
   * connection does not (MariaDB with autocommit on: {@code START TRANSACTION}, sent with the first
   * batch instead of the driver's two {@code SET autocommit} round trips), or null when the caller
   * opened it (PostgreSQL's driver sends BEGIN with the first statement itself); with a begin, a
   * failure rolls back here, otherwise the caller rolls back.
   */
  static <T> T commitAround(Handle h, String begin, Function<Handle, T> work) {
    WriteBehind outer = CURRENT.get();
    WriteBehind wb = new WriteBehind(h, begin);
    CURRENT.set(wb);
    boolean committed = false;
    try {
      T result = work.apply(h);
      wb.send(true);
      committed = true;
      return result;
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
      if (!committed && wb.begun()) {
        wb.rollbackQuietly();
      }
    }
  }

  /** Whether this transaction's opening has been sent (with a batch or a statement). */
  private boolean begun() {
    return opening != null && begin == null;
  }

  /**
   * The text {@code ctx}'s statement sends: its own, with the transaction's opening and the expected
   * reads in front when it carries them ({@link #FIRST_STATEMENT_CARRIES}). For {@link Database#onStatement}.
   */
  static String sentText(StatementContext ctx) {
    WriteBehind current = CURRENT.get();
    boolean opens = current != null && current.openedBy != null && current.openedBy == ctx.getStatement();
    if (!opens) {
      return ctx.getRenderedSql();
    }
    return (current.opening != null ? current.opening + ";\n" : "") + current.carriedText + ctx.getRenderedSql();
  }

  /** Whether the statement being made, the transaction's first, can carry what goes in front. */
  private boolean canCarry(StatementContext ctx) {
    var type = ctx.getJdbiStatementType();
    return held.isEmpty() && !sending
        && (type == Query.class || type == Update.class) && !ctx.isReturningGeneratedKeys();
  }

  /**
   * Sends the pending begin and the held writes, and {@code COMMIT} when {@code commit}, as one
   * statement text. Nothing at all when there is nothing to send: at commit, a transaction that
   * never sent a statement (the caller's commit, if any, ends it).
   */
  private void send(boolean commit) {
    boolean opens = begin != null;
    if (held.isEmpty() && (commit ? !begun() : !opens)) {
      return;
    }
    StringJoiner sql = new StringJoiner(";\n");
    List<Object> params = new ArrayList<>();
    if (opens) {
      sql.add(begin);
    }
    for (Write w : held) {
      sql.add(w.sql());
      params.addAll(Arrays.asList(w.params()));
    }
    if (commit) {
      sql.add("COMMIT");
    }
    List<Write> sent = List.copyOf(held);
    held.clear();
    begin = null;
    sending = true;
    try {
      handle.execute(sql.toString(), params.toArray());
    } catch (RuntimeException e) {
      for (Write w : sent) {
        RuntimeException instead = w.onFailure().apply(e);
        if (instead != null) {
          instead.addSuppressed(e);
          throw instead;
        }
      }
      throw e;
    } finally {
      sending = false;
    }
  }

  /** Rethrows a checked exception of a JDBI callback unchanged (the callers' own contract). */
  @SuppressWarnings("unchecked")
  static <E extends Throwable> E sneaky(Throwable t) throws E {
    throw (E) t;
  }

  private void rollbackQuietly() {
    sending = true;
    try {
      handle.execute("ROLLBACK");
    } catch (RuntimeException ignored) {
      // The connection is broken or the transaction already gone; the pool checks the connection.
    } finally {
      sending = false;
    }
  }
}
