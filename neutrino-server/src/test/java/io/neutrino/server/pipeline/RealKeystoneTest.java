package io.neutrino.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The keystone pipeline against a real Keystone: runs when NEUTRINO_KEYSTONE_URL is set, as
 * {@code .ci/run} sets it after starting ../shared/conformance/keystone-up.sh (admin/admin,
 * project admin, domain Default); it was named *IT before and no build ever ran it.
 */
@EnabledIfEnvironmentVariable(named = "NEUTRINO_KEYSTONE_URL", matches = "https?://.+")
class RealKeystoneTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();
  private Server server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  static String url() {
    return System.getenv("NEUTRINO_KEYSTONE_URL");
  }

  /** [token, project id] of admin/admin in project admin. */
  String[] login() throws Exception {
    String body = "{\"auth\": {\"identity\": {\"methods\": [\"password\"], \"password\": {\"user\": "
        + "{\"name\": \"admin\", \"domain\": {\"name\": \"Default\"}, \"password\": \"admin\"}}}, "
        + "\"scope\": {\"project\": {\"name\": \"admin\", \"domain\": {\"name\": \"Default\"}}}}}";
    HttpResponse<String> r = client.send(
        HttpRequest.newBuilder(URI.create(KeystoneClient.v3Url(url()) + "/auth/tokens"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(201);
    return new String[] {r.headers().firstValue("X-Subject-Token").orElseThrow(),
        JSON.readTree(r.body()).path("token").path("project").path("id").asText()};
  }

  @Test
  void realTokens() throws Exception {
    Map<String, String> o = new HashMap<>();
    o.put("keystone_authtoken.www_authenticate_uri", url());
    o.put("keystone_authtoken.auth_url", url());
    o.put("keystone_authtoken.auth_type", "password");
    o.put("keystone_authtoken.username", "admin");
    o.put("keystone_authtoken.password", "admin");
    o.put("keystone_authtoken.project_name", "admin");
    o.put("keystone_authtoken.user_domain_name", "Default");
    o.put("keystone_authtoken.project_domain_name", "Default");
    o.put("keystone_authtoken.service_token_roles_required", "true");
    PipelineContext ctx = new PipelineContext("keystone",
        (s, k) -> Optional.ofNullable(o.get(s + "." + k)), Map.of("api", new KeystoneAuthTest.EchoApi()));
    server = new Server();
    ServerConnector c = new ServerConnector(server);
    c.setHost("127.0.0.1");
    server.addConnector(c);
    server.setHandler(PipelineBuilder.build("neutron", ctx));
    server.start();
    String base = "http://127.0.0.1:" + c.getLocalPort();
    String[] login = login();

    HttpResponse<String> ok = get(base + "/v2.0/networks", "X-Auth-Token", login[0]);
    System.out.println("real keystone, valid token: " + ok.statusCode() + " " + ok.body());
    assertThat(ok.statusCode()).isEqualTo(200);
    JsonNode b = JSON.readTree(ok.body());
    assertThat(b.path("context").path("project_id").asText()).isEqualTo(login[1]);
    assertThat(b.path("context").path("roles").toString()).contains("admin");
    assertThat(b.path("context").path("is_admin").asBoolean()).isTrue();
    assertThat(b.path("headers").path("X-Identity-Status").asText()).isEqualTo("Confirmed");

    HttpResponse<String> bad = get(base + "/v2.0/networks", "X-Auth-Token", login[0].substring(0, login[0].length() - 4) + "AAAA");
    System.out.println("real keystone, altered token: " + bad.statusCode() + " " + bad.headers().map() + " " + bad.body());
    assertThat(bad.statusCode()).isEqualTo(401);
    HttpResponse<String> garbage = get(base + "/v2.0/networks", "X-Auth-Token", "garbage");
    System.out.println("real keystone, garbage token: " + garbage.statusCode() + " " + garbage.body());
    assertThat(garbage.statusCode()).isEqualTo(401);

    // the admin token is also a valid service token (role admin is not 'service': refused when required)
    HttpResponse<String> svc = get(base + "/v2.0/networks", "X-Auth-Token", login[0], "X-Service-Token", login[0]);
    System.out.println("real keystone, admin token as service token: " + svc.statusCode());
    assertThat(svc.statusCode()).isEqualTo(401);

    // revoked token: 401 once the cache has forgotten it (cached for token_cache_time otherwise)
    String[] other = login();
    client.send(HttpRequest.newBuilder(URI.create(KeystoneClient.v3Url(url()) + "/auth/tokens"))
        .header("X-Auth-Token", login[0]).header("X-Subject-Token", other[0]).DELETE().build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> revoked = get(base + "/v2.0/networks", "X-Auth-Token", other[0]);
    System.out.println("real keystone, revoked (never cached) token: " + revoked.statusCode());
    assertThat(revoked.statusCode()).isEqualTo(401);
  }

  HttpResponse<String> get(String u, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(u)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
