package io.neutrino.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.neutrino.server.NeutrinoServer;
import io.neutrino.config.Config;
import io.neutrino.server.db.Database;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Neutrino server on a free port, on the database the build selects with
 * {@code -Dneutrino.test.db=h2|postgresql|mariadb} (PostgreSQL and MariaDB on 127.0.0.1, a fresh
 * database each time), plus a small JSON-over-HTTP client.
 */
public final class TestServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final NeutrinoServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  public final String base;

  private final String connection;
  private final Config config;
  /** False for a server started by {@link #another}: the first one drops the database. */
  private final boolean ownsDatabase;
  /** Set once {@link #restart} gave the database to a new server. */
  private boolean handedOver;

  private TestServer(NeutrinoServer server, String connection, Config config, boolean ownsDatabase) {
    this.server = server;
    this.connection = connection;
    this.config = config;
    this.ownsDatabase = ownsDatabase;
    this.base = "http://127.0.0.1:" + server.port();
  }

  public static String dbKind() {
    return System.getProperty("neutrino.test.db", "h2");
  }

  /**
   * Starts a server; {@code extra} adds or overrides options as section -> key -> value. By default
   * {@code [ml2] extension_drivers = port_security}, as devstack sets it.
   */
  public static TestServer start(Map<String, Map<String, String>> extra) {
    return start(extra, Map.of());
  }

  /** Starts a server whose plugins may also look up {@code services} (e.g. test doubles of RPC notifiers). */
  public static TestServer start(Map<String, Map<String, String>> extra, Map<Class<?>, Object> services) {
    String connection = freshDatabase("neutrino_it");
    Config config = config(connection, extra);
    if (!dbKind().equals("h2")) {
      try (Database db = NeutrinoServer.openDatabase(config, 2)) {
        db.upgrade();
      }
    }
    return new TestServer(startOrDrop(config, services, connection, true), connection, config, true);
  }

  /**
   * Starts a server on {@code connection}; when it fails to start (the tests of bad options expect
   * that), the database is dropped if the caller owned it, as closing the server would have.
   */
  private static NeutrinoServer startOrDrop(Config config, Map<Class<?>, Object> services, String connection,
      boolean owned) {
    try {
      return NeutrinoServer.start(config, TestServer.class.getClassLoader(), services);
    } catch (RuntimeException | Error e) {
      if (owned) {
        dropDatabase(connection);
      }
      throw e;
    }
  }

  private static Config config(String connection, Map<String, Map<String, String>> extra) {
    Map<String, Map<String, List<String>>> conf = new HashMap<>();
    put(conf, "DEFAULT", "bind_port", "0");
    put(conf, "DEFAULT", "auth_strategy", "noauth");
    put(conf, "database", "connection", connection);
    // As devstack configures ML2 (Neutron's own default is no extension driver).
    put(conf, "ml2", "extension_drivers", "port_security");
    extra.forEach((section, kv) -> kv.forEach((k, v) -> put(conf, section, k, v)));
    return Config.of(conf);
  }

  /**
   * Stops this server and starts another on its database with {@code extra} as options, as an
   * operator restarts with a changed configuration (to see what start-up does to existing rows).
   * The new server takes the database over: closing this one afterwards does nothing.
   */
  public TestServer restart(Map<String, Map<String, String>> extra) {
    server.close();
    handedOver = true;
    Config changed = config(connection, extra);
    return new TestServer(startOrDrop(changed, Map.of(), connection, ownsDatabase), connection, changed, ownsDatabase);
  }

  /**
   * A second server with this one's options on this one's database, as when several servers
   * share one database behind a load balancer; close it before this one.
   */
  public TestServer another() {
    return new TestServer(NeutrinoServer.start(config, TestServer.class.getClassLoader(), Map.of()),
        connection, config, false);
  }

  /** A server-side service, for what reaches the server other than over HTTP (agents' RPC). */
  public <T> T service(Class<T> type) {
    return server.service(type);
  }

  public static TestServer start() {
    return start(Map.of());
  }

  private static void put(Map<String, Map<String, List<String>>> conf, String s, String k, String v) {
    conf.computeIfAbsent(s, x -> new LinkedHashMap<>()).put(k, List.of(v));
  }

  private static final java.util.concurrent.atomic.AtomicInteger DATABASES =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * A new, empty database named {@code prefix}, this JVM's pid and a sequence number: several
   * builds may run the tests at once on one machine (they share its PostgreSQL and MariaDB), and
   * one test may run several servers at once, none dropping another's database (a server whose
   * database is dropped under it answers 500 on its next request).
   */
  public static String freshDatabase(String prefix) {
    String name = prefix + "_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    DbServer server = DbServer.of(dbKind());
    try {
      if (server == null) {
        Path dir = Files.createTempDirectory("neutrino-it");
        return "jdbc:h2:file:" + dir.resolve("neutrino") + ";LOCK_TIMEOUT=10000";
      }
      server.run(st -> {
        dropOrphans(st, server.listSql, prefix, server.dropSuffix);
        st.execute("DROP DATABASE IF EXISTS " + name + server.dropSuffix);
        st.execute("CREATE DATABASE " + name);
      });
      return server.connectionPrefix + name;
    } catch (Exception e) {
      throw new IllegalStateException("cannot prepare the " + dbKind() + " test database", e);
    }
  }

  /** The database servers tests may run on: how to administer them and name one of their databases. */
  private enum DbServer {
    POSTGRESQL("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "SELECT datname FROM pg_database",
        " WITH (FORCE)", "postgresql://postgres@127.0.0.1:5432/"),
    MARIADB("jdbc:mariadb://127.0.0.1:3306/", "root", "SHOW DATABASES", "",
        "mysql+pymysql://root@127.0.0.1:3306/");

    final String adminUrl;
    final String user;
    final String listSql;
    /** What DROP DATABASE needs to drop a database still connected to. */
    final String dropSuffix;
    final String connectionPrefix;

    DbServer(String adminUrl, String user, String listSql, String dropSuffix, String connectionPrefix) {
      this.adminUrl = adminUrl;
      this.user = user;
      this.listSql = listSql;
      this.dropSuffix = dropSuffix;
      this.connectionPrefix = connectionPrefix;
    }

    /** The server of {@code -Dneutrino.test.db}, or null for the embedded H2. */
    static DbServer of(String kind) {
      return switch (kind) {
        case "postgresql" -> POSTGRESQL;
        case "mariadb" -> MARIADB;
        default -> null;
      };
    }

    void run(AdminWork work) throws java.sql.SQLException {
      try (Connection c = DriverManager.getConnection(adminUrl, user, "");
           Statement st = c.createStatement()) {
        work.run(st);
      }
    }
  }

  private interface AdminWork {
    void run(Statement st) throws java.sql.SQLException;
  }

  /** Drops the databases earlier test JVMs (now gone) left behind, so runs do not pile them up. */
  private static void dropOrphans(Statement st, String listSql, String prefix, String dropSuffix)
      throws java.sql.SQLException {
    List<String> orphans = new java.util.ArrayList<>();
    try (var rs = st.executeQuery(listSql)) {
      while (rs.next()) {
        String db = rs.getString(1);
        String pid = db.startsWith(prefix + "_") ? db.substring(prefix.length() + 1).split("_")[0] : "";
        if (pid.matches("[0-9]+") && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
          orphans.add(db);
        }
      }
    }
    for (String db : orphans) {
      st.execute("DROP DATABASE IF EXISTS " + db + dropSuffix);
    }
  }

  public record Reply(int status, Map<String, Object> body, HttpResponse<String> raw) {
    @SuppressWarnings("unchecked")
    public Map<String, Object> member(String name) {
      return (Map<String, Object>) body.get(name);
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> list(String name) {
      return (List<Map<String, Object>>) body.get(name);
    }

    @SuppressWarnings("unchecked")
    public String errorType() {
      return (String) ((Map<String, Object>) body.get("NeutronError")).get("type");
    }
  }

  public Reply call(String method, String path, Object body, String... headers) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
      String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
      b.method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
      for (int i = 0; i + 1 < headers.length; i += 2) {
        b.header(headers[i], headers[i + 1]);
      }
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      Map<String, Object> parsed = Map.of();
      if (!r.body().isEmpty() && r.body().startsWith("{")) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = JSON.readValue(r.body(), Map.class);
        parsed = m;
      }
      return new Reply(r.statusCode(), parsed, r);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public Reply get(String path, String... headers) {
    return call("GET", path, null, headers);
  }

  public Reply post(String path, Object body, String... headers) {
    return call("POST", path, body, headers);
  }

  public Reply put(String path, Object body, String... headers) {
    return call("PUT", path, body, headers);
  }

  public Reply delete(String path, String... headers) {
    return call("DELETE", path, null, headers);
  }

  /** Creates a network and a subnet on it; returns {networkId, subnetId}. */
  public String[] networkWithSubnet(String cidr) {
    String net = (String) post("/v2.0/networks", Map.of("network", Map.of("name", "n"))).member("network").get("id");
    String sub = (String) post("/v2.0/subnets", Map.of("subnet",
        Map.of("network_id", net, "cidr", cidr, "ip_version", cidr.contains(":") ? 6 : 4))).member("subnet").get("id");
    return new String[] {net, sub};
  }

  @Override
  public void close() {
    if (handedOver) {
      return;
    }
    server.close();
    if (ownsDatabase) {
      dropDatabase(connection);
    }
  }

  /** Drops a database {@link #freshDatabase} made, once its server is closed (H2's file stays). */
  public static void dropDatabase(String connection) {
    DbServer server = DbServer.of(dbKind());
    if (server == null) {
      return;
    }
    String name = connection.substring(connection.lastIndexOf('/') + 1);
    try {
      server.run(st -> st.execute("DROP DATABASE IF EXISTS " + name + server.dropSuffix));
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot drop the test database " + name, e);
    }
  }

}
