package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.server.NeutrinoServer;
import io.neutrino.config.Config;
import io.neutrino.server.db.Database;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Quotas (quotas, quota_details, quota-check-limit) as tempest's admin/test_quotas.py and
 * test_negative_quotas.py use them, and their enforcement: per resource, in bulk, unlimited, and
 * under concurrency on one server and on two servers sharing the database.
 */
class QuotasTest {
  private static final Map<String, Map<String, String>> QUOTAS =
      Map.of("DEFAULT", Map.of("service_plugins", "quotas"));
  private static final String[] MEMBER = {"X-Project-Id", "p1", "X-Roles", "member"};

  private static Map<String, Object> quota(Object... kv) {
    Map<String, Object> q = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      q.put((String) kv[i], kv[i + 1]);
    }
    return Map.of("quota", q);
  }

  private static Map<String, Object> network(String project) {
    return Map.of("network", Map.of("name", "n", "project_id", project));
  }

  private static String message(TestServer.Reply r) {
    @SuppressWarnings("unchecked")
    var err = (Map<String, Object>) r.body().get("NeutronError");
    return (String) err.get("message");
  }

  @Test
  void listShowDefaultDetailsUpdateReset() {
    try (TestServer s = TestServer.start(QUOTAS)) {
      for (String alias : List.of("quotas", "quota_details", "quota-check-limit")) {
        assertThat(s.get("/v2.0/extensions/" + alias).status()).as(alias).isEqualTo(200);
      }
      assertThat(s.get("/v2.0/quotas").list("quotas")).isEmpty();

      Map<String, Object> shown = s.get("/v2.0/quotas/proj-a").member("quota");
      assertThat(shown).containsExactlyInAnyOrderEntriesOf(Map.of("network", 100, "subnet", 100,
          "subnetpool", -1, "port", 500, "router", 10, "floatingip", 50, "security_group", 10,
          "security_group_rule", 100, "rbac_policy", 10));
      assertThat(s.get("/v2.0/quotas/proj-a/default").member("quota")).isEqualTo(shown);

      // tempest test_quotas: set, listed as non-default, shown, reset, show == default.
      var up = s.put("/v2.0/quotas/proj-a", quota("network", 0, "port", 0));
      assertThat(up.status()).as(up.raw().body()).isEqualTo(200);
      assertThat(up.member("quota")).containsEntry("network", 0).containsEntry("port", 0)
          .containsEntry("subnet", 100).doesNotContainKey("project_id");
      var listed = s.get("/v2.0/quotas").list("quotas");
      assertThat(listed).hasSize(1);
      assertThat(listed.get(0)).containsEntry("project_id", "proj-a")
          .containsEntry("tenant_id", "proj-a").containsEntry("network", 0)
          .containsEntry("router", 10);
      assertThat(s.get("/v2.0/quotas/proj-a").member("quota")).containsEntry("network", 0)
          .containsEntry("port", 0);

      var details = s.get("/v2.0/quotas/proj-a/details.json");
      assertThat(details.status()).isEqualTo(200);
      @SuppressWarnings("unchecked")
      var net = (Map<String, Object>) details.member("quota").get("network");
      assertThat(net).isEqualTo(Map.of("limit", 0, "used", 0, "reserved", 0));
      assertThat(details.member("quota")).hasSize(9);

      assertThat(s.delete("/v2.0/quotas/proj-a").status()).isEqualTo(204);
      assertThat(s.get("/v2.0/quotas").list("quotas")).isEmpty();
      assertThat(s.get("/v2.0/quotas/proj-a").member("quota"))
          .isEqualTo(s.get("/v2.0/quotas/proj-a/default").member("quota"));
      var again = s.delete("/v2.0/quotas/proj-a");
      assertThat(again.status()).isEqualTo(404);
      assertThat(again.errorType()).isEqualTo("TenantQuotaNotFound");
      assertThat(message(again)).isEqualTo("Quota for tenant proj-a could not be found.");
    }
  }

  @Test
  void badValuesAre400() {
    try (TestServer s = TestServer.start(QUOTAS)) {
      for (Object bad : List.of(-2, "abc", 2147483648L, "1.5", List.of(1), Map.of())) {
        var r = s.put("/v2.0/quotas/proj-b", quota("network", bad));
        assertThat(r.status()).as(bad + ": " + r.raw().body()).isEqualTo(400);
      }
      var unknown = s.put("/v2.0/quotas/proj-b", quota("nosuch", 1));
      assertThat(unknown.status()).isEqualTo(400);
      assertThat(message(unknown)).isEqualTo("Unrecognized attribute(s) 'nosuch'");
      assertThat(s.put("/v2.0/quotas/proj-b", Map.of("nothing", 1)).status()).isEqualTo(400);
      // Neutron converts with int(): "7" is 7; -1 is unlimited; the maximum is the DB's INT max.
      assertThat(s.put("/v2.0/quotas/proj-b", quota("network", "7")).member("quota"))
          .containsEntry("network", 7);
      assertThat(s.put("/v2.0/quotas/proj-b", quota("subnet", -1, "port", 2147483647))
          .member("quota")).containsEntry("subnet", -1).containsEntry("port", 2147483647);
      assertThat(s.get("/v2.0/quotas").list("quotas")).hasSize(1);
    }
  }

  @Test
  void checkLimitRefusesALimitBelowUsage() {
    try (TestServer s = TestServer.start(QUOTAS)) {
      for (int i = 0; i < 2; i++) {
        assertThat(s.post("/v2.0/networks", network("proj-c")).status()).isEqualTo(201);
      }
      var refused = s.put("/v2.0/quotas/proj-c", quota("network", 1, "check_limit", true));
      assertThat(refused.status()).isEqualTo(400);
      assertThat(message(refused)).isEqualTo(
          "Quota limit 1 for network must be greater than or equal to already used 2");
      assertThat(s.get("/v2.0/quotas").list("quotas")).isEmpty();
      assertThat(s.put("/v2.0/quotas/proj-c", quota("network", 2, "check_limit", true))
          .member("quota")).containsEntry("network", 2).doesNotContainKey("check_limit");
      assertThat(s.put("/v2.0/quotas/proj-c", quota("network", -1, "check_limit", true)).status())
          .isEqualTo(200);
      // Without check_limit (or with force) a limit below the usage is accepted.
      assertThat(s.put("/v2.0/quotas/proj-c", quota("network", 1)).status()).isEqualTo(200);
      assertThat(s.put("/v2.0/quotas/proj-c", quota("network", 0, "force", true)).status())
          .isEqualTo(200);
      var d = s.get("/v2.0/quotas/proj-c/details").member("quota");
      assertThat(d.get("network")).isEqualTo(Map.of("limit", 0, "used", 2, "reserved", 0));
      assertThat(s.post("/v2.0/networks", network("proj-c")).status()).isEqualTo(409);
    }
  }

  /**
   * Neutron's QuotaSetsController authorizes by itself: a project reads its own quotas, defaults
   * and details; another's, the list, updates and resets need admin and are 403s. The generic API
   * layer applies get_quota (admin_only) to every show, so this needs the API router to leave
   * authorization to handlers that do it themselves (QuotaResource.authorizesItself()).
   */
  @Test
  void nonAdminReadsOwnQuotasOnly() {
    try (TestServer s = TestServer.start(QUOTAS)) {
      assertThat(s.put("/v2.0/quotas/p1", quota("network", 3)).status()).isEqualTo(200);
      var own = s.get("/v2.0/quotas/p1", MEMBER);
      assertThat(own.status()).as(own.raw().body()).isEqualTo(200);
      assertThat(own.member("quota")).containsEntry("network", 3);
      assertThat(s.get("/v2.0/quotas/p1/default", MEMBER).member("quota"))
          .containsEntry("network", 100);
      assertThat(s.get("/v2.0/quotas/p1/details", MEMBER).status()).isEqualTo(200);

      var update = s.put("/v2.0/quotas/p1", quota("network", 50), MEMBER);
      assertThat(update.status()).isEqualTo(403);
      assertThat(update.errorType()).isEqualTo("PolicyNotAuthorized");
      assertThat(s.delete("/v2.0/quotas/p1", MEMBER).status()).isEqualTo(403);
      assertThat(s.get("/v2.0/quotas", MEMBER).status()).isEqualTo(403);
      assertThat(s.get("/v2.0/quotas/p2", MEMBER).status()).isEqualTo(403);
      assertThat(s.get("/v2.0/quotas/p2/default", MEMBER).status()).isEqualTo(403);
      var details = s.get("/v2.0/quotas/p2/details", MEMBER);
      assertThat(details.status()).isEqualTo(403);
      assertThat(details.errorType()).isEqualTo("AdminRequired");
      assertThat(s.get("/v2.0/quotas/p1").member("quota")).containsEntry("network", 3);
    }
  }

  /** What works on the generic API layer as it is: a non-admin changes nothing. */
  @Test
  void nonAdminCannotChangeQuotas() {
    try (TestServer s = TestServer.start(QUOTAS)) {
      assertThat(s.put("/v2.0/quotas/p1", quota("network", 50), MEMBER).status()).isIn(403, 404);
      assertThat(s.put("/v2.0/quotas/p2", quota("network", 50), MEMBER).status()).isIn(403, 404);
      assertThat(s.delete("/v2.0/quotas/p1", MEMBER).status()).isIn(403, 404);
      assertThat(s.get("/v2.0/quotas/p2", MEMBER).status()).isIn(403, 404);
      assertThat(s.get("/v2.0/quotas", MEMBER).status()).isIn(200, 403);
      assertThat(s.get("/v2.0/quotas").list("quotas")).isEmpty();
    }
  }

  @Test
  void networksSubnetsAndPortsAreLimited() {
    Map<String, Map<String, String>> conf = Map.of(
        "DEFAULT", Map.of("service_plugins", "quotas"),
        "quotas", Map.of("quota_port", "1"));
    try (TestServer s = TestServer.start(conf)) {
      // tempest test_network_quota_exceeding
      assertThat(s.put("/v2.0/quotas/pn", quota("network", 2)).status()).isEqualTo(200);
      String n1 = (String) s.post("/v2.0/networks", network("pn")).member("network").get("id");
      assertThat(s.post("/v2.0/networks", network("pn")).status()).isEqualTo(201);
      var third = s.post("/v2.0/networks", network("pn"));
      assertThat(third.status()).isEqualTo(409);
      assertThat(third.errorType()).isEqualTo("OverQuota");
      assertThat(message(third)).isEqualTo("Quota exceeded for resources: ['network'].");
      assertThat(s.get("/v2.0/networks?project_id=pn").list("networks")).hasSize(2);
      // Other projects are not affected; a delete frees room.
      assertThat(s.post("/v2.0/networks", network("other")).status()).isEqualTo(201);
      assertThat(s.delete("/v2.0/networks/" + n1).status()).isEqualTo(204);
      assertThat(s.post("/v2.0/networks", network("pn")).status()).isEqualTo(201);

      // Bulk: all of the bulk counts, and all of it fails together.
      assertThat(s.put("/v2.0/quotas/pb", quota("network", 3)).status()).isEqualTo(200);
      List<Map<String, Object>> four = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        four.add(Map.of("name", "b" + i, "project_id", "pb"));
      }
      var bulk = s.post("/v2.0/networks", Map.of("networks", four));
      assertThat(bulk.status()).isEqualTo(409);
      assertThat(bulk.errorType()).isEqualTo("OverQuota");
      assertThat(s.get("/v2.0/networks?project_id=pb").list("networks")).isEmpty();
      assertThat(s.post("/v2.0/networks", Map.of("networks", four.subList(0, 3))).status())
          .isEqualTo(201);

      // Subnets.
      String net = (String) s.post("/v2.0/networks", network("ps")).member("network").get("id");
      assertThat(s.put("/v2.0/quotas/ps", quota("subnet", 1)).status()).isEqualTo(200);
      assertThat(s.post("/v2.0/subnets", Map.of("subnet", Map.of("network_id", net,
          "cidr", "10.1.0.0/24", "ip_version", 4, "project_id", "ps"))).status()).isEqualTo(201);
      var sub2 = s.post("/v2.0/subnets", Map.of("subnet", Map.of("network_id", net,
          "cidr", "10.2.0.0/24", "ip_version", 4, "project_id", "ps")));
      assertThat(sub2.status()).isEqualTo(409);
      assertThat(message(sub2)).isEqualTo("Quota exceeded for resources: ['subnet'].");

      // Ports: the configured default (quota_port = 1) applies; system ports (project "") are
      // nobody's and never counted.
      assertThat(s.get("/v2.0/quotas/ps/default").member("quota")).containsEntry("port", 1);
      Map<String, Object> port = Map.of("port", Map.of("network_id", net, "project_id", "ps"));
      assertThat(s.post("/v2.0/ports", port).status()).isEqualTo(201);
      var port2 = s.post("/v2.0/ports", port);
      assertThat(port2.status()).isEqualTo(409);
      assertThat(message(port2)).isEqualTo("Quota exceeded for resources: ['port'].");
      for (int i = 0; i < 3; i++) {
        var sys = s.post("/v2.0/ports", Map.of("port", Map.of("network_id", net, "project_id", "",
            "device_owner", "network:router_gateway")));
        assertThat(sys.status()).as(sys.raw().body()).isEqualTo(201);
      }
      var d = s.get("/v2.0/quotas/ps/details").member("quota");
      assertThat(d.get("port")).isEqualTo(Map.of("limit", 1, "used", 1, "reserved", 0));
      assertThat(d.get("subnet")).isEqualTo(Map.of("limit", 1, "used", 1, "reserved", 0));

      // -1 is unlimited, whatever the default.
      assertThat(s.put("/v2.0/quotas/ps", quota("port", -1)).status()).isEqualTo(200);
      for (int i = 0; i < 3; i++) {
        assertThat(s.post("/v2.0/ports", port).status()).isEqualTo(201);
      }
    }
  }

  /** The other counted resources: routers, floating IPs, security groups and subnet pools. */
  @Test
  void routersFloatingIpsGroupsAndPoolsAreLimited() {
    try (TestServer s = TestServer.start(Map.of("DEFAULT", Map.of("service_plugins", "router")))) {
      String ext = RoutersTestHelper.external(s, "172.62.0.0/24");
      String[] pr = {"X-Project-Id", "pr", "X-Roles", "member"};
      var set = s.put("/v2.0/quotas/pr", quota("router", 1, "floatingip", 1, "security_group", 2,
          "subnetpool", 1));
      assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
      Map<String, Map<String, Object>> bodies = new LinkedHashMap<>();
      bodies.put("router", Map.of("routers", Map.of("router", Map.of("name", "r"))));
      bodies.put("floatingip", Map.of("floatingips", Map.of("floatingip",
          Map.of("floating_network_id", ext))));
      // The project's default group is made with the first: it is one of the two.
      bodies.put("security_group", Map.of("security-groups", Map.of("security_group",
          Map.of("name", "g"))));
      bodies.put("subnetpool", Map.of("subnetpools", Map.of("subnetpool", Map.of("name", "sp",
          "prefixes", List.of("10.63.0.0/16")))));
      bodies.forEach((resource, request) -> request.forEach((collection, body) -> {
        var first = s.post("/v2.0/" + collection, body, pr);
        assertThat(first.status()).as(resource + ": " + first.raw().body()).isEqualTo(201);
        var second = s.post("/v2.0/" + collection, body, pr);
        assertThat(second.status()).as(resource + ": " + second.raw().body()).isEqualTo(409);
        assertThat(second.errorType()).isEqualTo("OverQuota");
        assertThat(message(second)).isEqualTo("Quota exceeded for resources: ['" + resource + "'].");
      }));
      var details = s.get("/v2.0/quotas/pr/details").member("quota");
      for (String resource : List.of("router", "floatingip", "subnetpool")) {
        assertThat(details.get(resource)).as(resource).isEqualTo(Map.of("limit", 1, "used", 1, "reserved", 0));
      }
      assertThat(details.get("security_group")).isEqualTo(Map.of("limit", 2, "used", 2, "reserved", 0));
      // The refused floating IP gave its external port back.
      assertThat(s.get("/v2.0/ports?device_owner=network:floatingip").list("ports")).hasSize(1);
    }
  }

  @Test
  void sixteenConcurrentCreatesAgainstALimitOfFive() throws Exception {
    try (TestServer s = TestServer.start(QUOTAS)) {
      assertThat(s.put("/v2.0/quotas/pc", quota("network", 5)).status()).isEqualTo(200);
      List<Integer> statuses = race(16, i -> s.post("/v2.0/networks", network("pc")).status());
      assertThat(statuses.stream().filter(c -> c == 201).count()).as(statuses.toString()).isEqualTo(5);
      assertThat(statuses.stream().filter(c -> c == 409).count()).as(statuses.toString()).isEqualTo(11);
      assertThat(s.get("/v2.0/networks?project_id=pc").list("networks")).hasSize(5);
    }
  }

  /** Two servers on one database: the limit is the database's, not a server's. */
  @Test
  void twoServersSharingTheDatabase() throws Exception {
    String connection = sharedDatabase();
    try (Server a = new Server(connection); Server b = new Server(connection)) {
      assertThat(a.call("PUT", "/v2.0/quotas/pd", quota("network", 5))).isEqualTo(200);
      List<Integer> statuses = race(16,
          i -> (i % 2 == 0 ? a : b).call("POST", "/v2.0/networks", network("pd")));
      assertThat(statuses.stream().filter(c -> c == 201).count()).as(statuses.toString()).isEqualTo(5);
      assertThat(statuses.stream().filter(c -> c == 409).count()).as(statuses.toString()).isEqualTo(11);
    } finally {
      TestServer.dropDatabase(connection);
    }
  }

  interface Attempt {
    int run(int i) throws Exception;
  }

  private static List<Integer> race(int n, Attempt attempt) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int k = i;
        Callable<Integer> c = () -> {
          go.await();
          return attempt.run(k);
        };
        futures.add(pool.submit(c));
      }
      go.countDown();
      List<Integer> out = new ArrayList<>();
      for (Future<Integer> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdown();
    }
  }

  /** A fresh database of its own (not TestServer's), migrated, for two servers to share. */
  private static String sharedDatabase() throws Exception {
    String connection = TestServer.freshDatabase("neutrino_it_quotas");
    try (Database db = NeutrinoServer.openDatabase(config(connection), 2)) {
      db.upgrade();
    }
    return connection;
  }

  private static Config config(String connection) {
    Map<String, Map<String, List<String>>> conf = new HashMap<>();
    conf.put("DEFAULT", Map.of("bind_port", List.of("0"), "auth_strategy", List.of("noauth"),
        "service_plugins", List.of("quotas")));
    conf.put("database", Map.of("connection", List.of(connection)));
    return Config.of(conf);
  }

  /** A second kind of test server: started on a given database, with a status-only client. */
  private static final class Server implements AutoCloseable {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
        new com.fasterxml.jackson.databind.ObjectMapper();
    private final NeutrinoServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    Server(String connection) {
      server = NeutrinoServer.start(config(connection), QuotasTest.class.getClassLoader());
    }

    int call(String method, String path, Object body) throws Exception {
      HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
          .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
          .header("Content-Type", "application/json").build();
      return http.send(r, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Override
    public void close() {
      server.close();
    }
  }
}
