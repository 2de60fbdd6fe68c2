package io.neutrino.server.quota;

import io.neutrino.lib.ids.Uuids;
import io.neutrino.lib.events.Callbacks;
import io.neutrino.lib.events.Callbacks.SideRead;
import io.neutrino.lib.events.Event;
import io.neutrino.lib.events.ResourceEvent;
import io.neutrino.lib.fault.NeutronException;
import io.neutrino.server.db.Database;
import io.neutrino.server.db.WriteBehind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quota engine (neutron/quota, neutron/db/quota/driver_nolock.py): per-project limits stored
 * in {@code quotas} over configured defaults, and their enforcement inside the transaction that
 * creates a resource.
 *
 * <p>Enforcement runs on PRECOMMIT_CREATE, after the new row is inserted: it takes the lock row
 * {@code quota_locks (project_id, resource)} with {@code SELECT … FOR UPDATE} (inserting it the
 * first time; a concurrent first insert loses on the primary key and its transaction is retried),
 * then counts the project's rows of that resource, its own uncommitted ones included. Creators of
 * one resource in one project are thereby serialized by the database itself, so the limit holds
 * under concurrency and across servers sharing the database, unlike Neutron's no-lock driver.
 * Bulk creates run in one transaction and count everything inserted so far. Unlimited (-1)
 * resources take no lock and count nothing; rows with an empty project (system ports of routers
 * and floating IPs) are nobody's.
 *
 * <p>What counts as a resource is a small registry: resource name to the tables (and project
 * column) whose rows are summed, or to a count query. The core four and Neutron's table names for
 * the others are registered by default; tables that do not exist when the server starts are left
 * out (the resource then counts 0), so plugins not loaded cost nothing.
 */
public final class QuotaEngine {
  private static final Logger LOG = LoggerFactory.getLogger(QuotaEngine.class);
  private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  /** The most projects a create expects the limits of ({@link #creating}). */
  private static final int EXPECTED_PROJECTS = 8;

  /** Where one resource's rows are counted: SQL with one {@code ?} bound to the project id. */
  private record Source(String countSql, boolean guessed) {}

  private final Database db;
  private final QuotaDefaults defaults;
  private final Map<String, List<Source>> registered = new ConcurrentHashMap<>();
  /** The sources that proved usable (resolved at start; later registrations resolve at once). */
  private final Map<String, List<String>> usable = new ConcurrentHashMap<>();
  private final Set<String> subscribed = ConcurrentHashMap.newKeySet();
  private volatile Callbacks callbacks;
  private volatile boolean started;

  public QuotaEngine(Database db, QuotaDefaults defaults) {
    this.db = db;
    this.defaults = defaults;
    guess("network", "networks");
    guess("subnet", "subnets");
    guess("subnetpool", "subnetpools");
    guess("port", "ports");
    guess("router", "routers");
    guess("floatingip", "floatingips");
    guess("security_group", "securitygroups");
    guess("security_group_rule", "securitygrouprules");
    for (String t : List.of("networkrbacs", "qospolicyrbacs", "securitygrouprbacs",
        "addressscoperbacs", "subnetpoolrbacs", "addressgrouprbacs")) {
      guess("rbac_policy", t);
    }
  }

  private void guess(String resource, String table) {
    registered.computeIfAbsent(resource, k -> new ArrayList<>())
        .add(new Source(tableCount(table, "project_id"), true));
  }

  private static String tableCount(String table, String projectColumn) {
    if (!IDENT.matcher(table).matches() || !IDENT.matcher(projectColumn).matches()) {
      throw new IllegalArgumentException("not a plain SQL identifier: " + table + "." + projectColumn);
    }
    return "SELECT COUNT(*) FROM " + table + " WHERE " + projectColumn + " = ?";
  }

  public QuotaDefaults defaults() {
    return defaults;
  }

  /**
   * Counts {@code resource} as the rows of {@code table} whose {@code projectColumn} is the
   * project. The first explicit registration of a resource replaces the built-in guesses; further
   * ones add tables (summed). A table missing at start-up is ignored.
   */
  public void registerTable(String resource, String table, String projectColumn) {
    register(resource, tableCount(table, projectColumn));
  }

  /**
   * Counts {@code resource} with {@code countSql}, a query returning one number with a single
   * {@code ?} parameter, the project id; e.g. {@code SELECT COUNT(*) FROM routers WHERE
   * project_id = ?}. Replaces the built-in guesses for the resource.
   */
  public void registerCountable(String resource, String countSql) {
    register(resource, countSql);
  }

  private void register(String resource, String sql) {
    registered.compute(resource, (k, list) -> {
      List<Source> out = new ArrayList<>();
      if (list != null) {
        list.stream().filter(s -> !s.guessed()).forEach(out::add);
      }
      out.add(new Source(sql, false));
      return out;
    });
    subscribe(resource);
    if (started) {
      resolve(resource);
    }
  }

  /** Subscribes enforcement to every registered resource and resolves which sources exist. */
  public void start(Callbacks callbacks) {
    this.callbacks = callbacks;
    for (String r : registered.keySet()) {
      subscribe(r);
      resolve(r);
    }
    started = true;
    LOG.info("Quota engine counting {}", usable.keySet());
  }

  private void subscribe(String resource) {
    Callbacks c = callbacks;
    if (c != null && subscribed.add(resource)) {
      c.subscribe(resource, Event.PRECOMMIT_CREATE, this::onPrecommitCreate);
    }
  }

  private void resolve(String resource) {
    List<String> ok = new ArrayList<>();
    for (Source s : registered.getOrDefault(resource, List.of())) {
      if (works(s.countSql())) {
        ok.add(s.countSql());
      } else if (!s.guessed()) {
        LOG.warn("Quota count query for {} does not run; {} is not counted: {}", resource, resource,
            s.countSql());
      }
    }
    usable.put(resource, List.copyOf(ok));
  }

  /** Runs the query once on its own connection (a failure there cannot spoil a transaction). */
  private boolean works(String sql) {
    try {
      db.jdbi().withHandle(h -> h.select(sql, "").mapTo(Long.class).one());
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The resources counted (those with at least one existing table). */
  public Set<String> countedResources() {
    Set<String> out = new java.util.TreeSet<>();
    usable.forEach((k, v) -> {
      if (!v.isEmpty()) {
        out.add(k);
      }
    });
    return out;
  }

  // ---- enforcement ------------------------------------------------------------------------

  private void onPrecommitCreate(ResourceEvent e) {
    if (!(e.transaction() instanceof Handle h)) {
      LOG.warn("PRECOMMIT_CREATE of {} {} came without a transaction; quota not enforced",
          e.resource(), e.resourceId());
      return;
    }
    String project = projectOf(e.latest());
    if (project == null) {
      project = projectOf(e.request());
    }
    if (project == null || project.isEmpty()) {
      return;
    }
    enforce(h, e.resource(), project);
  }

  private static String projectOf(Map<String, Object> dict) {
    if (dict == null) {
      return null;
    }
    Object p = dict.get("project_id");
    if (p == null) {
      p = dict.get("tenant_id");
    }
    return p == null ? null : p.toString();
  }

  /**
   * Inside the creating transaction {@code h}: refuses (409 OverQuota) when the project now has
   * more {@code resource}s than its limit.
   */
  public void enforce(Handle h, String resource, String project) {
    List<String> sqls = usable.get(resource);
    if (sqls == null || sqls.isEmpty()) {
      return;
    }
    long limit = limit(h, project, resource);
    if (limit < 0) {
      return;
    }
    lock(h, project, resource);
    long used = count(h, sqls, project);
    if (used > limit) {
      throw overQuota(List.of(resource));
    }
  }

  /** neutron_lib.exceptions.OverQuota */
  public static NeutronException overQuota(List<String> resources) {
    List<String> quoted = resources.stream().sorted().map(r -> "'" + r + "'").toList();
    return new NeutronException("OverQuota", 409,
        "Quota exceeded for resources: [" + String.join(", ", quoted) + "].");
  }

  private static void lock(Handle h, String project, String resource) {
    Optional<String> row = h.select(
            "SELECT project_id FROM quota_locks WHERE project_id = ? AND resource = ? FOR UPDATE",
            project, resource)
        .mapTo(String.class).findOne();
    if (row.isPresent()) {
      return;
    }
    try {
      h.execute("INSERT INTO quota_locks (project_id, resource) VALUES (?, ?)", project, resource);
    } catch (RuntimeException ex) {
      if (Database.isDuplicateKey(ex)) {
        throw new Database.RetryRequest("quota lock of " + resource + " in " + project
            + " created concurrently");
      }
      throw ex;
    }
  }

  private static long count(Handle h, List<String> sqls, String project) {
    long total = 0;
    for (String sql : sqls) {
      total += h.select(sql, project).mapTo(Long.class).one();
    }
    return total;
  }

  /** How many {@code resource}s the project has (committed ones, outside a creation). */
  public long usage(Handle h, String resource, String project) {
    List<String> sqls = usable.get(resource);
    return sqls == null || sqls.isEmpty() ? 0 : count(h, sqls, project);
  }

  // ---- limits -----------------------------------------------------------------------------

  public long limit(Handle h, String project, String resource) {
    SideRead<Long> read = limitRead(project, resource);
    // Asked at precommit, after the new resource's rows: they do not change a limit, so the
    // question goes ahead of those still held back and they travel with the commit; when the
    // create expected it (#creating), it already came back with the transaction's first statement.
    List<Long> rows = WriteBehind.answeredEarly(h, read)
        .orElseGet(() -> WriteBehind.ahead(h, r -> Database.select(r, read)));
    return rows.isEmpty() ? defaults.of(resource) : rows.get(0);
  }

  private static SideRead<Long> limitRead(String project, String resource) {
    return SideRead.placedByCaller("SELECT quota_limit FROM quotas WHERE project_id = ? AND resource = ?",
        List.of(project, resource), rs -> rs.getLong(1));
  }

  /**
   * Runs {@code create}, which makes {@code resource}s of {@code projects}: when the resource is
   * counted, the limits its precommit will ask are expected ({@link WriteBehind#expecting}), so on
   * MariaDB and PostgreSQL they come back with its transaction's first statement instead of in a
   * round trip of their own.
   * A bulk create for more than {@link #EXPECTED_PROJECTS} projects asks them in turn, as before,
   * rather than put that many reads in front of each transaction it opens.
   */
  public <T> T creating(String resource, Collection<String> projects, Supplier<T> create) {
    List<String> sqls = usable.get(resource);
    if (sqls == null || sqls.isEmpty() || projects.size() > EXPECTED_PROJECTS) {
      return create.get();
    }
    List<SideRead<?>> reads = projects.stream()
        .filter(p -> p != null && !p.isEmpty())
        .distinct()
        .<SideRead<?>>map(p -> limitRead(p, resource))
        .toList();
    return reads.isEmpty() ? create.get() : WriteBehind.expecting(reads, create);
  }

  /** The project's limits: the defaults overlaid with its own, in {@code resources} order. */
  public Map<String, Object> limits(Handle h, String project, List<String> resources) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String r : resources) {
      out.put(r, defaults.of(r));
    }
    h.select("SELECT resource, quota_limit FROM quotas WHERE project_id = ?", project)
        .map((rs, c) -> Map.entry(rs.getString(1), rs.getInt(2)))
        .forEach(e -> {
          if (out.containsKey(e.getKey())) {
            out.put(e.getKey(), e.getValue());
          }
        });
    return out;
  }

  /** Project id to its stored limits, for every project with at least one. */
  public Map<String, Map<String, Integer>> allProjectLimits(Handle h) {
    Map<String, Map<String, Integer>> out = new TreeMap<>();
    h.select("SELECT project_id, resource, quota_limit FROM quotas")
        .map((rs, c) -> List.of(rs.getString(1), rs.getString(2), rs.getInt(3)))
        .forEach(row -> out.computeIfAbsent((String) row.get(0), k -> new LinkedHashMap<>())
            .put((String) row.get(1), (Integer) row.get(2)));
    return out;
  }

  /** Sets one limit (Neutron's update_quota_limit); a lost insert race retries the transaction. */
  public void setLimit(Handle h, String project, String resource, int limit) {
    int n = h.execute("UPDATE quotas SET quota_limit = ? WHERE project_id = ? AND resource = ?",
        limit, project, resource);
    if (n > 0) {
      return;
    }
    try {
      h.execute("INSERT INTO quotas (id, project_id, resource, quota_limit) VALUES (?, ?, ?, ?)",
          Uuids.randomString(), project, resource, limit);
    } catch (RuntimeException ex) {
      if (Database.isDuplicateKey(ex)) {
        throw new Database.RetryRequest("quota of " + resource + " in " + project + " set concurrently");
      }
      throw ex;
    }
  }

  /** Drops the project's own limits; how many there were. */
  public int deleteLimits(Handle h, String project) {
    return h.execute("DELETE FROM quotas WHERE project_id = ?", project);
  }
}
