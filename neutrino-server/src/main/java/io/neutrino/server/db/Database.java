package io.neutrino.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.neutrino.lib.events.Callbacks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.NoTemplateEngine;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one handle on the database: a connection pool, JDBI, the Flyway schema, and transactions
 * that are retried when the database says two writers collided (Neutron's {@code
 * wrap_db_retry}). Uniqueness of addresses, MACs and segment ids is the database's job (primary
 * keys and unique constraints); code that loses such a race throws {@link RetryRequest} or lets
 * the constraint violation propagate, and the transaction runs again from the start.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  private static final int MAX_ATTEMPTS = 40;

  private final Vendor vendor;
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;

  public enum Vendor {
    H2("CHARACTER VARYING", "TIMESTAMP"),
    POSTGRESQL("TEXT", "TIMESTAMP"),
    MARIADB("MEDIUMTEXT", "DATETIME");

    final String textType;
    final String timestampType;

    Vendor(String textType, String timestampType) {
      this.textType = textType;
      this.timestampType = timestampType;
    }

    public static Vendor ofJdbcUrl(String url) {
      if (url.startsWith("jdbc:h2:")) {
        return H2;
      }
      if (url.startsWith("jdbc:postgresql:")) {
        return POSTGRESQL;
      }
      if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
        return MARIADB;
      }
      throw new IllegalArgumentException("unsupported database URL " + url);
    }
  }

  /** Thrown inside a transaction to have it rolled back and run again. */
  public static final class RetryRequest extends RuntimeException {
    public RetryRequest(String why) {
      super(why, null, false, false);
    }
  }

  private Database(Vendor vendor, HikariDataSource dataSource) {
    this.vendor = vendor;
    this.dataSource = dataSource;
    this.jdbi = Jdbi.create(dataSource);
    // Statements are plain SQL with positional parameters: no templates, no named parameters.
    jdbi.getConfig(SqlStatements.class)
        .setTemplateEngine(new NoTemplateEngine())
        .setSqlParser(new PositionalSqlParser())
        .addCustomizer(WriteBehind.FLUSH_FIRST);
    if (vendor != Vendor.H2) {
      jdbi.setStatementBuilderFactory(WriteBehind.FIRST_STATEMENT_CARRIES);
    }
    if (vendor == Vendor.MARIADB) {
      jdbi.setTransactionHandler(new MariaDbTransactions());
    }
  }

  /** Opens the pool; fails fast (with the driver's reason) when the database cannot be reached. */
  public static Database open(String jdbcUrl, String user, String password, int poolSize) {
    Vendor vendor = Vendor.ofJdbcUrl(jdbcUrl);
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(jdbcUrl);
    if (user != null) {
      hc.setUsername(user);
    }
    if (password != null) {
      hc.setPassword(password);
    }
    hc.setMaximumPoolSize(poolSize);
    hc.setMinimumIdle(Math.min(2, poolSize));
    hc.setPoolName("neutrino-db");
    // A request waits this long for a connection before it is answered 503 (busy).
    hc.setConnectionTimeout(60_000);
    hc.setInitializationFailTimeout(5_000);
    hc.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    hc.setAutoCommit(true);
    if (vendor == Vendor.POSTGRESQL) {
      // The driver prepares a statement on the server after five runs, and PostgreSQL then plans
      // it once for any parameters, with the table's size at that moment: a table that was small
      // then (a new deployment, a fresh benchmark) keeps a sequential scan after it has grown,
      // until the next ANALYZE. The address probe of a port create fell from 380 to 100 per
      // second that way on a subnet filled after start. Planned for each run, as Neutron's
      // statements are, the plan follows the table; parsing is still done once.
      hc.setConnectionInitSql("SET plan_cache_mode = force_custom_plan");
    }
    if (vendor == Vendor.MARIADB) {
      // A transaction's held-back writes and its COMMIT travel as one text (WriteBehind). Every
      // value this server sends is a bound parameter, never spliced into the text.
      hc.addDataSourceProperty("allowMultiQueries", "true");
    }
    return new Database(vendor, new HikariDataSource(hc));
  }

  public Vendor vendor() {
    return vendor;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  /**
   * Calls {@code listener} with the SQL of each statement run from now on (one call per statement
   * or batch execution, on the executing thread, before it runs); {@code null} removes it. Only
   * handles opened afterwards see it. For tests and diagnostics that count round trips per
   * request (no N+1 queries); the server itself never sets one.
   */
  public void onStatement(Consumer<String> listener) {
    jdbi.getConfig(SqlStatements.class).setSqlLogger(listener == null ? SqlLogger.NOP_SQL_LOGGER
        : new SqlLogger() {
          @Override
          public void logBeforeExecution(StatementContext ctx) {
            listener.accept(WriteBehind.sentText(ctx));
          }
        });
  }

  private Flyway flyway() {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .placeholders(Map.of("text", vendor.textType, "timestamp", vendor.timestampType))
        .table("neutrino_schema_history")
        .baselineOnMigrate(false)
        .load();
  }

  /** {@code db-manage upgrade heads}: applies every pending migration; returns how many ran. */
  public int upgrade() {
    return flyway().migrate().migrationsExecuted;
  }

  /** The applied version, or {@code null} on an empty database. */
  public String currentVersion() {
    MigrationInfo current = flyway().info().current();
    return current == null ? null : current.getVersion().getVersion();
  }

  public MigrationInfo[] history() {
    return flyway().info().all();
  }

  public int pendingMigrations() {
    return flyway().info().pending().length;
  }

  /**
   * Runs {@code work} in one READ COMMITTED transaction, retrying it (with jittered back-off) when
   * it lost a race: a {@link RetryRequest}, a deadlock, a serialization failure or a lock timeout.
   */
  public <T> T tx(Function<Handle, T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        // The pool's connections are READ COMMITTED already: no per-transaction isolation switch
        // (that would cost two extra round trips on PostgreSQL and MariaDB).
        return once(work);
      } catch (RuntimeException e) {
        if (!isRetryable(e) || attempt >= MAX_ATTEMPTS) {
          if (isRetryable(e)) {
            LOG.warn("transaction still colliding after {} attempts", attempt);
          }
          throw e;
        }
        backOff(attempt);
      }
    }
  }

  /**
   * One attempt. Over the network, writes nobody reads back at once are held and sent with the
   * next statement or the commit ({@link WriteBehind}). On MariaDB the transaction is opened with
   * START TRANSACTION, sent with the first statements, rather than by switching the connection's
   * autocommit off and on (two round trips of their own); PostgreSQL's driver already sends BEGIN
   * with the first statement.
   */
  private <T> T once(Function<Handle, T> work) {
    return switch (vendor) {
      case H2 -> jdbi.inTransaction(work::apply);
      case POSTGRESQL -> jdbi.inTransaction(h -> WriteBehind.commitAround(h, null, work));
      // the handler set for MariaDB (MariaDbTransactions) opens it and holds the writes
      case MARIADB -> jdbi.inTransaction(work::apply);
    };
  }

  /**
   * Runs read-only work on one connection without opening a transaction: under READ COMMITTED a
   * transaction gives several reads no common snapshot anyway, and skipping it saves the begin
   * and commit round trips.
   */
  public <T> T read(Function<Handle, T> work) {
    return jdbi.withHandle(work::apply);
  }

  /**
   * Runs the {@code reads} on {@code h} and returns each one's rows, in order (an empty list for a
   * null read). On PostgreSQL and MariaDB they travel as one multi-statement text, one round trip
   * for all; H2, embedded, runs them one by one.
   */
  public List<List<?>> selectTogether(Handle h, List<Callbacks.SideRead<?>> reads) {
    List<Callbacks.SideRead<?>> sent = reads.stream().filter(Objects::nonNull).toList();
    List<List<?>> rows = vendor == Vendor.H2 || sent.size() < 2 ? oneByOne(h, sent) : together(h, sent);
    List<List<?>> out = new ArrayList<>(reads.size());
    int next = 0;
    for (Callbacks.SideRead<?> r : reads) {
      out.add(r == null ? List.of() : rows.get(next++));
    }
    return out;
  }

  /**
   * Sends the reads of all {@code pages} together ({@link #selectTogether}), then applies each page
   * read to its rows, in order, on {@code h}.
   */
  public void readPages(Handle h, List<Callbacks.PageRead> pages) {
    List<Callbacks.SideRead<?>> all = new ArrayList<>();
    pages.forEach(p -> all.addAll(p.reads()));
    List<List<?>> rows = selectTogether(h, all);
    int next = 0;
    for (Callbacks.PageRead p : pages) {
      int n = p.reads().size();
      p.apply(rows.subList(next, next + n), h);
      next += n;
    }
  }

  static List<List<?>> oneByOne(Handle h, List<Callbacks.SideRead<?>> reads) {
    List<List<?>> out = new ArrayList<>(reads.size());
    for (Callbacks.SideRead<?> r : reads) {
      out.add(select(h, r));
    }
    return out;
  }

  /** Runs one stated read on {@code h} and returns its rows. */
  public static <T> List<T> select(Handle h, Callbacks.SideRead<T> read) {
    var q = h.createQuery(read.sql());
    for (int i = 0; i < read.params().size(); i++) {
      q.bind(i, read.params().get(i));
    }
    return q.map((rs, ctx) -> read.reader().read(rs)).list();
  }

  private static List<List<?>> together(Handle h, List<Callbacks.SideRead<?>> reads) {
    StringJoiner sql = new StringJoiner(";\n");
    List<Object> params = new ArrayList<>();
    reads.forEach(r -> {
      sql.add(r.sql());
      params.addAll(r.params());
    });
    var q = h.createQuery(sql.toString());
    for (int i = 0; i < params.size(); i++) {
      q.bind(i, params.get(i));
    }
    return q.execute((statement, ctx) -> {
      PreparedStatement ps = statement.get();
      List<List<?>> out = new ArrayList<>(reads.size());
      for (int i = 0; i < reads.size(); i++) {
        if (i > 0 && !ps.getMoreResults()) {
          throw new IllegalStateException("the database answered " + i + " of " + reads.size() + " reads");
        }
        List<Object> rows = new ArrayList<>();
        try (ResultSet rs = ps.getResultSet()) {
          while (rs.next()) {
            rows.add(reads.get(i).reader().read(rs));
          }
        }
        out.add(rows);
      }
      return out;
    });
  }

  public void txVoid(java.util.function.Consumer<Handle> work) {
    tx(h -> {
      work.accept(h);
      return null;
    });
  }

  private static void backOff(int attempt) {
    long maxMicros = Math.min(20_000, 200L << Math.min(attempt, 7));
    long micros = ThreadLocalRandom.current().nextLong(maxMicros / 2, maxMicros + 1);
    try {
      Thread.sleep(micros / 1000, (int) (micros % 1000) * 1000);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying a transaction", ie);
    }
  }

  static boolean isRetryable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RetryRequest) {
        return true;
      }
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState();
        int code = sql.getErrorCode();
        if (state != null
            && (state.equals("40001") || state.equals("40P01") || state.equals("55P03"))) {
          return true; // serialization failure, deadlock, lock not available
        }
        if (code == 1213 || code == 1205 || code == 50200 || code == 40001) {
          return true; // MariaDB deadlock / lock wait timeout; H2 lock timeout / deadlock
        }
      }
    }
    return false;
  }

  /** True when {@code e} was caused by a primary key or unique constraint violation. */
  public static boolean isDuplicateKey(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState();
        if ("23505".equals(state) || sql.getErrorCode() == 1062 || sql.getErrorCode() == 23505) {
          return true;
        }
      }
    }
    return false;
  }

  /** True when {@code e} was caused by a foreign key violation (a referenced row is missing). */
  public static boolean isForeignKeyViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        // PostgreSQL 23503; MariaDB 1452 (child row) / 1216; H2 23506 (referenced row missing)
        if ("23503".equals(sql.getSQLState()) || "23506".equals(sql.getSQLState())
            || sql.getErrorCode() == 1452 || sql.getErrorCode() == 1216 || sql.getErrorCode() == 23506) {
          return true;
        }
      }
    }
    return false;
  }

  /** Cheap liveness probe used at start-up to fail with one clear line. */
  public void ping() {
    try (Connection c = dataSource.getConnection()) {
      c.isValid(5);
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
