package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.neutrino.server.agent.scheduler.DhcpAgentScheduler;
import io.neutrino.server.db.Batches;
import io.neutrino.server.db.Database;
import io.neutrino.server.policy.Enforcer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No N+1 queries (issue 7, "scaling shape"): the SQL statements one API request runs, counted
 * through {@link Database#onStatement} on the request threads, do not depend on how many resources
 * the answer holds. Every collection is listed with 10 and then with 200 resources present, each
 * decorated with what list paths load per item (fixed IPs, security groups, address pairs, tags,
 * extension-driver attributes, subnets of networks, rules of groups, gateways and interfaces of
 * routers, associated ports of floating IPs), as an admin and as the owning project.
 */
class StatementCountTest {
  static final String[] P1 = {"X-Project-Id", "p1", "X-Roles", "member"};
  static final int FEW = 10;
  static final int MANY = 200;
  /** Lists whose statement count must not grow with the collection. */
  static final List<String> LISTS = List.of("ports", "networks", "subnets", "security-groups",
      "security-group-rules", "routers", "floatingips");

  static TestServer s;
  static final List<String> statements = new ArrayList<>();
  static String ext;
  static String privateNet;
  static String privateSubnet;
  static int networks;
  static int ports;
  static int groups;
  static int routers;
  static int floatingIps;

  @BeforeAll
  static void start() {
    Map<String, String> unlimited = new LinkedHashMap<>();
    for (String r : List.of("network", "subnet", "port", "router", "floatingip", "security_group",
        "security_group_rule")) {
      unlimited.put("quota_" + r, "-1");
    }
    // VXLAN project networks, as the benchmark's: a network create takes a segment id.
    s = TestServer.start(Map.of("DEFAULT", Map.of("service_plugins", "router"),
        "ml2", Map.of("extension_drivers",
            "port_security,dns_domain_ports,data_plane_status,uplink_status_propagation",
            "tenant_network_types", "vxlan"),
        "ml2_type_vxlan", Map.of("vni_ranges", "1:5000"),
        "quotas", unlimited));
    // Request threads only: periodic checks run on their own threads and are not the request's.
    // Nor is DhcpAgentScheduler.anyAgents' refresh, which a request thread runs at most once a
    // second for all requests: on a slow machine it fell inside a counted delete_port. (Its text is
    // its own: the scheduler's count of agents when binding is still counted.)
    s.service(Database.class).onStatement(sql -> {
      if (Thread.currentThread().getName().startsWith("neutrino-api") && !sql.equals(DhcpAgentScheduler.ANY_AGENTS)) {
        synchronized (statements) {
          statements.add(sql);
        }
      }
    });
    ext = RoutersTestHelper.external(s, "172.31.0.0/16");
    var net = ok(s.post("/v2.0/networks", Map.of("network", Map.of("name", "ports")), P1), 201);
    privateNet = (String) net.member("network").get("id");
    var sub = ok(s.post("/v2.0/subnets", Map.of("subnet", Map.of("network_id", privateNet,
        "cidr", "10.200.0.0/16", "ip_version", 4)), P1), 201);
    privateSubnet = (String) sub.member("subnet").get("id");
    // The ports' subnet reaches the external network, so floating IPs can be associated.
    String router = (String) ok(s.post("/v2.0/routers", Map.of("router", Map.of("name", "gw",
        "external_gateway_info", Map.of("network_id", ext))), P1), 201).member("router").get("id");
    ok(s.put("/v2.0/routers/" + router + "/add_router_interface",
        Map.of("subnet_id", privateSubnet), P1), 200);
  }

  @AfterAll
  static void stop() {
    s.service(Database.class).onStatement(null);
    s.close();
  }

  @Test
  void listsCostTheSameWith10And200Resources() {
    grow(FEW);
    Map<String, Measured> few = measureLists();
    grow(MANY);
    Map<String, Measured> many = measureLists();
    Map<String, String> table = new LinkedHashMap<>();
    few.forEach((request, m) -> table.put(request, m.sql().size() + " (" + m.items() + " items) -> "
        + many.get(request).sql().size() + " (" + many.get(request).items() + " items)"));
    System.out.println("SQL statements per request, " + FEW + " -> " + MANY + " resources of each kind: " + table);
    if (!TestServer.dbKind().equals("h2")) {
      // On PostgreSQL and MariaDB a page's side reads, the core's and the extenders' that state
      // theirs, travel as one text: the page's rows, then one round trip for all of their sides
      // (networks: and one for the default external network, an extender that does not state).
      Map<String, Integer> roundTrips = Map.of("ports", 2, "networks", 3, "subnets", 2, "routers", 2);
      roundTrips.forEach((collection, most) -> assertThat(few.get("admin GET /v2.0/" + collection).sql())
          .as(collection).hasSizeLessThanOrEqualTo(most));
    }
    for (String request : few.keySet()) {
      Measured a = few.get(request);
      Measured b = many.get(request);
      assertThat(b.items()).as(request).isGreaterThan(a.items());
      // The same statements, each repeated at most twice per Batches.SIZE ids (a side table read
      // by key range, then by IN-list when the range was sparse): an admin also sees the
      // routers' and floating IPs' ports, more than one chunk of them.
      int chunks = (b.items() + Batches.SIZE - 1) / Batches.SIZE;
      // Counted statement by statement: a page's side reads travel as one text, whose chunks
      // (and sparse ranges read again) differ with the page's size.
      Map<String, Integer> fewShapes = shapes(eachStatement(a.sql()));
      Map<String, Integer> manyShapes = shapes(eachStatement(b.sql()));
      String why = request + " with " + FEW + " then " + MANY + " of each resource:\n  "
          + fewShapes + "\n  " + manyShapes;
      assertThat(manyShapes.keySet()).as(why).isEqualTo(fewShapes.keySet());
      manyShapes.forEach((statement, n) ->
          assertThat(n).as(why).isLessThanOrEqualTo(fewShapes.get(statement) * 2 * chunks));
    }
  }

  @Test
  void showPortIsASmallConstant() {
    grow(FEW);
    var ids = s.get("/v2.0/ports?fields=id&network_id=" + privateNet, P1).list("ports");
    String first = (String) ids.get(0).get("id");
    String last = (String) ids.get(ids.size() - 1).get("id");
    List<String> admin = measure("/v2.0/ports/" + first).sql();
    List<String> owner = measure("/v2.0/ports/" + last, P1).sql();
    System.out.println("SQL statements for show_port: admin " + admin.size() + ", owner " + owner.size() + ": " + shapes(admin));
    // The port row with its decorations, whichever port it is and whoever asks: the row, its
    // tags, binding, groups and the four extension drivers' rows, as one text on PostgreSQL and
    // MariaDB (one round trip), eight reads on H2.
    boolean networked = !TestServer.dbKind().equals("h2");
    assertThat(admin).as("show_port as admin: %s", shapes(admin)).hasSize(networked ? 1 : 8);
    if (networked) {
      assertThat(admin).as("show_port as admin: %s", shapes(admin)).anyMatch(q -> q.contains("FROM ports WHERE id")
          && q.contains("FROM tags") && q.contains("FROM ml2_port_bindings") && q.contains("FROM securitygroupportbindings")
          && q.contains("FROM portsecuritybindings") && q.contains("FROM portdnses")
          && q.contains("FROM portdataplanestatuses") && q.contains("FROM portuplinkstatuspropagation"));
    }
    assertThat(owner).as("show_port as owner: %s", shapes(owner)).hasSameSizeAs(admin);
    assertThat(measure("/v2.0/ports/" + last).sql()).hasSameSizeAs(admin);
  }

  /**
   * A port create is one transaction of a fixed, small number of statements: its answer is built
   * from what it wrote (no read-back of the port row, of its binding or of its groups; a new port
   * has no tags) and the project's default group, seen moments ago, is not looked up again (the
   * binding's foreign key still checks it). The answer equals a later show.
   * On H2, 11 statements here: the network and its subnets, the address probe, the quota limit,
   * the network's port security, and the inserts of the port, its address, binding, group and two
   * extension drivers' rows (whether a DHCP agent serves the port's subnets, for its provisioning
   * block, is asked only once a DHCP agent exists). On PostgreSQL and MariaDB the network and
   * subnets go as one text, with the quota limit in front (QuotaEngine.creating), and the inserts as
   * one with the COMMIT (WriteBehind): 4 texts, each a round trip; the extension drivers put what
   * they wrote on the answer (completesCreatedPort).
   */
  @Test
  void createPortIsASmallConstant() {
    ok(s.post("/v2.0/ports", Map.of("port", Map.of("network_id", privateNet)), P1), 201);
    synchronized (statements) {
      statements.clear();
    }
    var created = ok(s.post("/v2.0/ports", Map.of("port", Map.of("network_id", privateNet,
        "name", "counted", "device_owner", "compute:nova")), P1), 201).member("port");
    List<String> sql;
    synchronized (statements) {
      sql = List.copyOf(statements);
    }
    System.out.println("SQL statements for create_port: " + sql.size() + ": " + shapes(sql));
    assertThat(sql).as("create_port: %s", shapes(sql))
        .hasSizeLessThanOrEqualTo(TestServer.dbKind().equals("h2") ? 11 : 4)
        .noneMatch(q -> q.startsWith("SELECT security_group_id FROM default_security_group")
            && sql.indexOf(q) != sql.lastIndexOf(q));
    assertThat(s.get("/v2.0/ports/" + created.get("id"), P1).member("port")).isEqualTo(created);
  }

  /**
   * A network create: its VXLAN id (on PostgreSQL and MariaDB the first free row no other creator
   * holds, locked), the project's network quota, then the marking of the id taken, the network's
   * rows, its segment and port security row with the COMMIT. On PostgreSQL and MariaDB that is 2
   * texts, the quota limit (QuotaEngine.creating) and MariaDB's START TRANSACTION riding with the
   * first. ML2 gets the segments the create wrote (no read back). On H2 the id is taken by a
   * compare-and-set: 6 statements.
   */
  @Test
  void createNetworkIsTwoRoundTrips() {
    ok(s.post("/v2.0/networks", Map.of("network", Map.of("name", "warm")), P1), 201);
    List<String> sql = counted(() -> ok(s.post("/v2.0/networks", Map.of("network", Map.of("name", "counted")), P1), 201));
    System.out.println("SQL statements for create_network: " + sql.size() + ": " + shapes(sql));
    assertThat(sql).as("create_network: %s", shapes(sql))
        .hasSizeLessThanOrEqualTo(TestServer.dbKind().equals("h2") ? 6 : 2)
        .anyMatch(q -> q.contains("FROM segment_allocations"))
        .noneMatch(q -> q.contains("FROM network_segments"));
  }

  /**
   * A port update and a port delete are small constants too. The update: the locked row with its
   * view (on which the policy check runs), the update, the drivers' view (the answer: no read
   * after the commit), ML2's binding; not the network, which no driver here asks for. The delete:
   * the locked row with its view, the deletes (one text with the COMMIT on PostgreSQL and MariaDB).
   */
  @Test
  void updateAndDeletePortAreSmallConstants() {
    String id = (String) ok(s.post("/v2.0/ports", Map.of("port", Map.of("network_id", privateNet)), P1), 201)
        .member("port").get("id");
    ok(s.put("/v2.0/ports/" + id, Map.of("port", Map.of("name", "warm")), P1), 200);
    List<String> update = counted(() -> ok(s.put("/v2.0/ports/" + id, Map.of("port", Map.of("name", "counted")), P1), 200));
    List<String> delete = counted(() -> ok(s.delete("/v2.0/ports/" + id, P1), 204));
    System.out.println("SQL statements for update_port: " + update.size() + ": " + shapes(update));
    System.out.println("SQL statements for delete_port: " + delete.size() + ": " + shapes(delete));
    boolean networked = !TestServer.dbKind().equals("h2");
    assertThat(update).as("update_port: %s", shapes(update))
        .hasSizeLessThanOrEqualTo(networked ? UPDATE_BOUND_NETWORKED : UPDATE_BOUND_H2)
        .noneMatch(q -> q.startsWith("SELECT networks."));
    assertThat(delete).as("delete_port: %s", shapes(delete))
        .hasSizeLessThanOrEqualTo(networked ? DELETE_BOUND_NETWORKED : DELETE_BOUND_H2)
        .noneMatch(q -> q.startsWith("SELECT networks."));
  }

  /**
   * With the four extension drivers, a view of a port is 8 reads (row, tags, binding, groups and
   * the drivers' four tables), sent as one text to PostgreSQL and MariaDB. The API's policy check
   * runs on the port as the change's transaction locks it (ResourceHandler.checkedUpdate and
   * checkedDelete), so there is no show before. Update: the locked row with its view, ML2's
   * locked binding with its levels, the UPDATE, the drivers' view: 4 texts on PostgreSQL, whose
   * driver commits outside the count; on MariaDB also its COMMIT (its START TRANSACTION rides in
   * front of the first text): 5. On H2, 19 statements. Delete: the locked row with its view, the
   * L3 plugin's floating IP check, the deletes with the COMMIT (3 texts; 13 statements on H2).
   */
  static final int UPDATE_BOUND_NETWORKED = 5;
  static final int UPDATE_BOUND_H2 = 19;
  static final int DELETE_BOUND_NETWORKED = 3;
  static final int DELETE_BOUND_H2 = 13;

  static List<String> counted(Runnable request) {
    synchronized (statements) {
      statements.clear();
    }
    request.run();
    synchronized (statements) {
      return List.copyOf(statements);
    }
  }

  /** What one request ran, and how many items its answer held (lists) or 1. */
  record Measured(List<String> sql, int items) {}

  /** Each list as the admin (sees everything) and as project p1 (policy checks every item). */
  static Map<String, Measured> measureLists() {
    Map<String, Measured> out = new LinkedHashMap<>();
    for (String collection : LISTS) {
      String path = "/v2.0/" + collection;
      // Warm: first calls fill caches (policy parents, extension state). Parent resources of owner
      // checks are cached for 5 s from their first lookup, as Neutron's OwnerCheck does: the cache
      // is emptied right before each warm call, so the measured call finds it warm however slow
      // the machine. (Cold, a list costs one lookup per distinct parent network.)
      Enforcer policy = s.service(Enforcer.class);
      policy.clearParentCache();
      measure(path);
      out.put("admin GET " + path, measure(path));
      policy.clearParentCache();
      measure(path, P1);
      out.put("p1 GET " + path, measure(path, P1));
    }
    return out;
  }

  static Measured measure(String path, String... headers) {
    synchronized (statements) {
      statements.clear();
    }
    var r = ok(s.get(path, headers), 200);
    List<String> sql;
    synchronized (statements) {
      sql = List.copyOf(statements);
    }
    int items = r.body().size() == 1 && r.body().values().iterator().next() instanceof List<?> l ? l.size() : 1;
    return new Measured(sql, items);
  }

  /** The statements of texts that may hold several (Database.selectTogether joins them with ";\n"). */
  static List<String> eachStatement(List<String> texts) {
    List<String> out = new ArrayList<>();
    texts.forEach(t -> out.addAll(List.of(t.split(";\n"))));
    return out;
  }

  /**
   * Statements counted by shape: an id list, whether an IN-list or a key range
   * ({@code BETWEEN ? AND ? … LIMIT n}, see Batches.rowsFor), is written {@code <ids>}.
   */
  static Map<String, Integer> shapes(List<String> sql) {
    Map<String, Integer> out = new TreeMap<>();
    for (String q : sql) {
      // A list's next page is its first page's statement after a keyset ("id > ?").
      String shape = q.replaceAll(" IN \\([^)]*\\)", " <ids>")
          .replaceAll(" BETWEEN \\? AND \\?(.*) LIMIT \\d+$", " <ids>$1")
          .replaceAll(" WHERE \\(\\(\\w+\\.id > \\?\\)\\)", "")
          .replaceAll(" AND \\(\\(\\w+\\.id > \\?\\)\\)", "");
      out.merge(shape, 1, Integer::sum);
    }
    return out;
  }

  /**
   * Tops every collection up to {@code n} resources of project p1: networks with a subnet (DNS
   * servers, host routes), ports with address pairs and an extra group, groups with two rules,
   * routers with gateway and one interface, floating IPs associated with a port; all tagged.
   */
  static void grow(int n) {
    while (networks < n) {
      var net = ok(s.post("/v2.0/networks", Map.of("network", Map.of("name", "n" + networks)), P1), 201);
      String id = (String) net.member("network").get("id");
      tag("networks", id);
      int third = networks / 250;
      int fourth = networks % 250;
      var sub = ok(s.post("/v2.0/subnets", Map.of("subnet", Map.of("network_id", id,
          "cidr", "10." + third + "." + fourth + ".0/24", "ip_version", 4,
          "dns_nameservers", List.of("10.0.0.53"),
          "host_routes", List.of(Map.of("destination", "192.168.0.0/24", "nexthop", "10." + third + "." + fourth + ".254")))),
          P1), 201);
      String subnet = (String) sub.member("subnet").get("id");
      tag("subnets", subnet);
      if (routers < n) {
        var r = ok(s.post("/v2.0/routers", Map.of("router", Map.of("name", "r" + routers,
            "external_gateway_info", Map.of("network_id", ext))), P1), 201);
        String router = (String) r.member("router").get("id");
        ok(s.put("/v2.0/routers/" + router + "/add_router_interface", Map.of("subnet_id", subnet), P1), 200);
        tag("routers", router);
        routers++;
      }
      networks++;
    }
    while (groups < n) {
      var g = ok(s.post("/v2.0/security-groups", Map.of("security_group", Map.of("name", "g" + groups)), P1), 201);
      String id = (String) g.member("security_group").get("id");
      for (int port : List.of(22, 443)) {
        ok(s.post("/v2.0/security-group-rules", Map.of("security_group_rule", Map.of(
            "security_group_id", id, "direction", "ingress", "ethertype", "IPv4", "protocol", "tcp",
            "port_range_min", port, "port_range_max", port, "remote_ip_prefix", "10.0.0.0/8")), P1), 201);
      }
      tag("security-groups", id);
      groups++;
    }
    String group = (String) s.get("/v2.0/security-groups?name=g0", P1).list("security_groups").get(0).get("id");
    List<Map<String, Object>> bulk = new ArrayList<>();
    for (int i = ports; i < n; i++) {
      bulk.add(Map.of("network_id", privateNet, "name", "p" + i, "device_id", "vm-" + i,
          "device_owner", "compute:nova",
          "allowed_address_pairs", List.of(Map.of("ip_address", "192.0.2." + (i % 250 + 1))),
          "security_groups", List.of(group)));
    }
    if (!bulk.isEmpty()) {
      var created = ok(s.post("/v2.0/ports", Map.of("ports", bulk), P1), 201).list("ports");
      for (var p : created) {
        tag("ports", (String) p.get("id"));
      }
      ports = n;
    }
    java.util.Set<Object> associated = new java.util.HashSet<>();
    s.get("/v2.0/floatingips?fields=port_id", P1).list("floatingips").forEach(f -> associated.add(f.get("port_id")));
    var free = s.get("/v2.0/ports?device_owner=compute:nova&fields=id", P1).list("ports").stream()
        .map(p -> p.get("id")).filter(id -> !associated.contains(id)).iterator();
    while (floatingIps < n) {
      var f = ok(s.post("/v2.0/floatingips", Map.of("floatingip", Map.of("floating_network_id", ext,
          "port_id", free.next())), P1), 201);
      tag("floatingips", (String) f.member("floatingip").get("id"));
      floatingIps++;
    }
  }

  static void tag(String collection, String id) {
    ok(s.put("/v2.0/" + collection + "/" + id + "/tags", Map.of("tags", List.of("bench", "t-" + id.charAt(0))), P1), 200);
  }

  static TestServer.Reply ok(TestServer.Reply r, int status) {
    assertThat(r.status()).as(r.raw().body()).isEqualTo(status);
    return r;
  }
}
