package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neutrino.server.NeutrinoServer;
import io.neutrino.config.Config;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/neutrino} as an operator runs it: the server starts from a config file, answers, and
 * exits 0 on SIGTERM; a bad option is one line on stderr and exit 1; db-manage reports and
 * upgrades; an unmigrated PostgreSQL database is refused with the command to run. Runs in the H2
 * execution only (see the module's pom): it starts its own processes and databases.
 */
class LauncherTest {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  @TempDir Path tmp;

  private Process launch(Path conf, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("bin/neutrino").toString()));
    cmd.addAll(List.of(args));
    cmd.add("--config-file");
    cmd.add(conf.toString());
    lastErr = tmp.resolve("stderr-" + System.nanoTime());
    lastOut = tmp.resolve("stdout-" + System.nanoTime());
    return new ProcessBuilder(cmd).redirectError(lastErr.toFile()).redirectOutput(lastOut.toFile()).start();
  }

  private Path lastErr;
  private Path lastOut;

  private String err() throws IOException {
    return Files.readString(lastErr);
  }

  private String out() throws IOException {
    return Files.readString(lastOut);
  }

  private Path conf(String text) throws IOException {
    Path p = tmp.resolve("neutrino-" + System.nanoTime() + ".conf");
    Files.writeString(p, text);
    return p;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void serverStartsAnswersAndExitsZeroOnSigterm() throws Exception {
    int port = freePort();
    Path conf = conf("[DEFAULT]\nbind_host = 127.0.0.1\nbind_port = " + port + "\nstate_path = " + tmp
        + "\nsome_option_neutrino_lacks = 1\n");
    Process p = launch(conf, "server");
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> r = null;
    for (int i = 0; i < 100 && r == null; i++) {
      try {
        r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2.0/networks")).build(),
            HttpResponse.BodyHandlers.ofString());
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    assertThat(r).isNotNull();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-openstack-request-id")).hasValueSatisfying(v -> assertThat(v).startsWith("req-"));
    p.destroy(); // SIGTERM
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    String log = err();
    assertThat(log).contains("some_option_neutrino_lacks");
    assertThat(Files.exists(tmp.resolve("neutrino.mv.db"))).isTrue();
  }

  @Test
  void badOptionIsOneLineAndExitOne() throws Exception {
    Path conf = conf("[DEFAULT]\nstate_path = " + tmp + "\ncore_plugin = nosuch\n");
    Process p = launch(conf, "server");
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(1);
    String err = err();
    assertThat(err.lines().filter(l -> l.startsWith("neutrino: "))).singleElement()
        .satisfies(l -> assertThat(l).contains("core_plugin", "nosuch"));
  }

  @Test
  void dbManageUpgradesAndReports() throws Exception {
    Path conf = conf("[database]\nconnection = jdbc:h2:file:" + tmp.resolve("db") + "\n");
    Process before = launch(conf, "db-manage", "check_migration");
    assertThat(before.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(before.exitValue()).isEqualTo(1);
    Process up = launch(conf, "db-manage", "upgrade", "heads");
    assertThat(up.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out()).contains("Applied");
    Process after = launch(conf, "db-manage", "check_migration");
    assertThat(after.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(after.exitValue()).isZero();
    Process history = launch(conf, "db-manage", "history");
    history.waitFor(60, TimeUnit.SECONDS);
    assertThat(out()).contains("core resources");
  }

  @Test
  void unmigratedPostgresqlIsRefusedNamingTheCommand() throws Exception {
    postgres("DROP DATABASE IF EXISTS neutrino_unmigrated WITH (FORCE)", "CREATE DATABASE neutrino_unmigrated");
    try {
      Config config = Config.of(Map.of(
          "DEFAULT", Map.of("bind_port", List.of("0")),
          "database", Map.of("connection", List.of("postgresql://postgres@127.0.0.1/neutrino_unmigrated"))));
      assertThatThrownBy(() -> NeutrinoServer.start(config, getClass().getClassLoader()).close())
          .hasMessageContaining("db-manage").hasMessageContaining("upgrade heads");
    } finally {
      postgres("DROP DATABASE IF EXISTS neutrino_unmigrated WITH (FORCE)");
    }
  }

  private static void postgres(String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
         Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    }
  }

  @Test
  void unreachableDatabaseNamesTheOption() {
    Config config = Config.of(Map.of(
        "DEFAULT", Map.of("bind_port", List.of("0")),
        "database", Map.of("connection", List.of("postgresql://postgres@127.0.0.1:1/none"))));
    assertThatThrownBy(() -> NeutrinoServer.start(config, getClass().getClassLoader()).close())
        .hasMessageContaining("[database] connection");
  }
}
