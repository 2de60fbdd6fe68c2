package io.neutrino.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Neutrino with {@code auth_strategy = keystone} against a real Keystone (Debian's, started by
 * {@code .ci/run} through ../shared/conformance/keystone-up.sh; URL from NEUTRINO_KEYSTONE_URL,
 * default http://127.0.0.1:5000/v3, admin/admin): tokens are validated, the context comes from
 * them, and two projects are isolated. Runs in the H2 execution only (see the module's pom).
 */
class KeystoneEndToEndTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final String KEYSTONE = System.getenv().getOrDefault("NEUTRINO_KEYSTONE_URL", "http://127.0.0.1:5000/v3")
      .replaceAll("/+$", "");
  static TestServer s;
  static String adminToken;
  static String memberToken;
  static String memberProject;

  @BeforeAll
  static void start() throws Exception {
    adminToken = token("admin", "admin", "admin");
    memberProject = ensure("projects", "project", "neutrino-it-member",
        Map.of("name", "neutrino-it-member", "domain_id", "default"));
    String user = ensure("users", "user", "neutrino-it-member",
        Map.of("name", "neutrino-it-member", "domain_id", "default", "password", "secret"));
    String role = (String) ((List<Map<String, Object>>) keystone("GET", "/roles?name=member", null)
        .get("roles")).get(0).get("id");
    keystone("PUT", "/projects/" + memberProject + "/users/" + user + "/roles/" + role, null);
    memberToken = token("neutrino-it-member", "secret", "neutrino-it-member");
    String authUrl = KEYSTONE.replaceAll("/v3$", "");
    s = TestServer.start(Map.of(
        "DEFAULT", Map.of("auth_strategy", "keystone"),
        "keystone_authtoken", Map.of("www_authenticate_uri", authUrl, "auth_url", authUrl,
            "auth_type", "password", "username", "admin", "password", "admin",
            "project_name", "admin", "user_domain_name", "Default", "project_domain_name", "Default")));
  }

  @AfterAll
  static void stop() {
    if (s != null) {
      s.close();
    }
  }

  @SuppressWarnings("unchecked")
  static String ensure(String collection, String member, String name, Map<String, Object> body) throws Exception {
    var found = (List<Map<String, Object>>) keystone("GET", "/" + collection + "?name=" + name, null).get(collection);
    if (!found.isEmpty()) {
      return (String) found.get(0).get("id");
    }
    return (String) ((Map<String, Object>) keystone("POST", "/" + collection, Map.of(member, body)).get(member)).get("id");
  }

  static Map<String, Object> keystone(String method, String path, Object body) throws Exception {
    var b = HttpRequest.newBuilder(URI.create(KEYSTONE + path)).header("X-Auth-Token", adminToken)
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    var r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isLessThan(300);
    @SuppressWarnings("unchecked")
    Map<String, Object> m = r.body().isEmpty() ? Map.of() : JSON.readValue(r.body(), Map.class);
    return m;
  }

  static String token(String user, String password, String project) throws Exception {
    Map<String, Object> auth = Map.of("auth", Map.of(
        "identity", Map.of("methods", List.of("password"), "password", Map.of("user",
            Map.of("name", user, "domain", Map.of("id", "default"), "password", password))),
        "scope", Map.of("project", Map.of("name", project, "domain", Map.of("id", "default")))));
    var r = HTTP.send(HttpRequest.newBuilder(URI.create(KEYSTONE + "/auth/tokens"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(auth))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return r.headers().firstValue("X-Subject-Token").orElseThrow();
  }

  @Test
  void tokensAreRequiredAndValidated() {
    var none = s.get("/v2.0/networks");
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
        assertThat(v).startsWith("Keystone uri="));
    assertThat(s.get("/v2.0/networks", "X-Auth-Token", "not-a-token").status()).isEqualTo(401);
    assertThat(s.get("/").status()).isEqualTo(200);
    assertThat(s.get("/v2.0/networks", "X-Auth-Token", adminToken).status()).isEqualTo(200);
  }

  @Test
  void projectsAreIsolated() {
    var adminNet = s.post("/v2.0/networks", Map.of("network", Map.of("name", "admin-private")),
        "X-Auth-Token", adminToken);
    assertThat(adminNet.status()).isEqualTo(201);
    String adminNetId = (String) adminNet.member("network").get("id");
    var memberNet = s.post("/v2.0/networks", Map.of("network", Map.of("name", "member-net")),
        "X-Auth-Token", memberToken);
    assertThat(memberNet.status()).as(memberNet.raw().body()).isEqualTo(201);
    assertThat(memberNet.member("network").get("project_id")).isEqualTo(memberProject);
    assertThat(memberNet.member("network")).doesNotContainKey("provider:network_type");
    // Spoofed identity headers change nothing: the token decides.
    assertThat(s.get("/v2.0/networks/" + adminNetId, "X-Auth-Token", memberToken, "X-Roles", "admin").status())
        .isEqualTo(404);
    assertThat(s.get("/v2.0/networks", "X-Auth-Token", memberToken).list("networks"))
        .extracting(n -> n.get("id")).doesNotContain(adminNetId);
    assertThat(s.get("/v2.0/networks/" + memberNet.member("network").get("id"), "X-Auth-Token", adminToken)
        .member("network")).containsKey("provider:network_type");
    assertThat(s.post("/v2.0/networks", Map.of("network", Map.of("shared", true)), "X-Auth-Token", memberToken)
        .status()).isEqualTo(403);
    var shared = s.post("/v2.0/networks", Map.of("network", Map.of("name", "shared", "shared", true)),
        "X-Auth-Token", adminToken);
    String sharedId = (String) shared.member("network").get("id");
    assertThat(s.get("/v2.0/networks/" + sharedId, "X-Auth-Token", memberToken).status()).isEqualTo(200);
    assertThat(s.delete("/v2.0/networks/" + sharedId, "X-Auth-Token", memberToken).status()).isEqualTo(403);
    assertThat(s.delete("/v2.0/networks/" + sharedId, "X-Auth-Token", adminToken).status()).isEqualTo(204);
  }
}
