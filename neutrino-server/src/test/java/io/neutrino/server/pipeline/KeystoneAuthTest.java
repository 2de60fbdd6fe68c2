package io.neutrino.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.neutrino.lib.context.RequestContext;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped api-paste.ini's keystone pipeline against a fake Keystone. */
class KeystoneAuthTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant FUTURE = Instant.now().plusSeconds(3600);

  private final HttpClient client = HttpClient.newHttpClient();
  private FakeKeystone keystone;
  private Server server;
  private String base;

  /** The API stand-in: echoes context, identity and identity headers as JSON. */
  static final class EchoApi extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      if (request.getHttpURI().getPath().endsWith("/unauthorized")) {
        Http.write(response, callback, 401, "text/plain", "no");
        return true;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("request_id", RequestAttributes.requestId(request));
      if (request.getAttribute(RequestAttributes.CONTEXT) instanceof RequestContext rc) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("user_id", rc.userId());
        c.put("project_id", rc.projectId());
        c.put("roles", rc.roles());
        c.put("is_admin", rc.isAdmin());
        c.put("request_id", rc.requestId());
        m.put("context", c);
      }
      if (request.getAttribute(RequestAttributes.IDENTITY) instanceof Identity id) {
        Map<String, Object> i = new LinkedHashMap<>();
        i.put("user_name", id.userName());
        i.put("project_name", id.projectName());
        i.put("project_domain_id", id.projectDomainId());
        i.put("is_admin_project", id.isAdminProject());
        i.put("expires_at", String.valueOf(id.expiresAt()));
        i.put("service_user", id.service().map(Identity::userId).orElse(null));
        m.put("identity", i);
      }
      m.put("project_attr", request.getAttribute(RequestAttributes.PROJECT_ID));
      Map<String, Object> h = new LinkedHashMap<>();
      for (String name : List.of("X-Identity-Status", "X-Service-Identity-Status", "X-User-Id", "X-User-Name",
          "X-User-Domain-Id", "X-Project-Id", "X-Project-Name", "X-Project-Domain-Id", "X-Roles",
          "X-Is-Admin-Project", "X-Service-Roles", "X-Service-User-Id", "X-Tenant-Id", "X-Domain-Id",
          "X-Auth-Token")) {
        h.put(name, request.getHeaders().get(name));
      }
      m.put("headers", h);
      Http.writeJson(response, callback, 200, m);
      return true;
    }
  }

  @BeforeEach
  void fake() throws Exception {
    keystone = new FakeKeystone();
    keystone.addToken("user-token", "u1", "p1", FUTURE, "member", "reader");
    keystone.addToken("admin-token", "u-admin", "p-admin", FUTURE, "Admin");
    keystone.addToken("expired-token", "u2", "p1", Instant.now().minusSeconds(5), "member");
    keystone.addToken("service-token", "neutron-svc", "service", FUTURE, "service");
    keystone.addToken("plain-token", "u3", "p3", FUTURE, "member");
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
    keystone.close();
  }

  Map<String, String> options(String authUrl) {
    Map<String, String> o = new HashMap<>();
    o.put("keystone_authtoken.www_authenticate_uri", "http://public.example:5000");
    o.put("keystone_authtoken.auth_url", authUrl);
    o.put("keystone_authtoken.auth_type", "password");
    o.put("keystone_authtoken.username", "neutron");
    o.put("keystone_authtoken.password", FakeKeystone.SERVICE_PASSWORD);
    o.put("keystone_authtoken.project_name", "service");
    o.put("keystone_authtoken.user_domain_name", "Default");
    o.put("keystone_authtoken.project_domain_name", "Default");
    o.put("keystone_authtoken.region_name", "RegionOne");
    o.put("keystone_authtoken.memcached_servers", "localhost:11211");
    o.put("keystone_authtoken.http_request_max_retries", "0");
    return o;
  }

  void start(Map<String, String> options) throws Exception {
    start(PipelineBuilder.build("neutron", ctx(options)));
  }

  static PipelineContext ctx(Map<String, String> options) {
    return new PipelineContext(
        "keystone",
        (section, key) -> Optional.ofNullable(options.get(section + "." + key)),
        Map.of("api", new EchoApi()));
  }

  void start(Handler h) throws Exception {
    server = new Server();
    ServerConnector c = new ServerConnector(server);
    c.setPort(0);
    c.setHost("127.0.0.1");
    server.addConnector(c);
    server.setHandler(h);
    server.start();
    base = "http://127.0.0.1:" + c.getLocalPort();
  }

  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  static final String UNAUTHORIZED_BODY =
      "{\"error\": {\"code\": 401, \"title\": \"Unauthorized\", \"message\": "
          + "\"The request you have made requires authentication.\"}}";

  static void assertRejected(HttpResponse<String> r) {
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Keystone uri=\"http://public.example:5000\"");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=UTF-8");
    assertThat(r.headers().firstValue("X-OpenStack-Request-ID")).hasValueSatisfying(v -> assertThat(v).startsWith("req-"));
    assertThat(r.body()).isEqualTo(UNAUTHORIZED_BODY);
  }

  @Test
  void validTokenGivesTheApiTheCallersContext() throws Exception {
    start(options(keystone.url() + "/v3"));
    HttpResponse<String> r = get("/v2.0/networks", "X-Auth-Token", "user-token");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode b = json(r);
    JsonNode c = b.path("context");
    assertThat(c.path("user_id").asText()).isEqualTo("u1");
    assertThat(c.path("project_id").asText()).isEqualTo("p1");
    assertThat(c.path("roles").toString()).isEqualTo("[\"member\",\"reader\"]");
    assertThat(c.path("is_admin").asBoolean()).isFalse();
    assertThat(c.path("request_id").asText()).isEqualTo(b.path("request_id").asText()).startsWith("req-");
    assertThat(r.headers().firstValue("X-OpenStack-Request-ID")).hasValue(b.path("request_id").asText());
    assertThat(b.path("project_attr").asText()).isEqualTo("p1");
    JsonNode i = b.path("identity");
    assertThat(i.path("user_name").asText()).isEqualTo("u1-name");
    assertThat(i.path("project_name").asText()).isEqualTo("p1-name");
    assertThat(i.path("project_domain_id").asText()).isEqualTo("default");
    assertThat(i.path("is_admin_project").asBoolean()).isTrue(); // absent in the token: keystoneauth says True
    assertThat(i.path("service_user").isNull()).isTrue();
    JsonNode h = b.path("headers");
    assertThat(h.path("X-Identity-Status").asText()).isEqualTo("Confirmed");
    assertThat(h.path("X-User-Id").asText()).isEqualTo("u1");
    assertThat(h.path("X-User-Name").asText()).isEqualTo("u1-name");
    assertThat(h.path("X-User-Domain-Id").asText()).isEqualTo("default");
    assertThat(h.path("X-Project-Id").asText()).isEqualTo("p1");
    assertThat(h.path("X-Project-Name").asText()).isEqualTo("p1-name");
    assertThat(h.path("X-Tenant-Id").asText()).isEqualTo("p1");
    assertThat(h.path("X-Roles").asText()).isEqualTo("member,reader");
    assertThat(h.path("X-Is-Admin-Project").asText()).isEqualTo("True");
    assertThat(h.path("X-Service-Identity-Status").isNull()).isTrue();
    // the service authenticated itself with the configured credentials
    JsonNode auth = keystone.lastAuthBody.path("auth");
    assertThat(auth.path("identity").path("password").path("user").path("name").asText()).isEqualTo("neutron");
    assertThat(auth.path("identity").path("password").path("user").path("domain").path("name").asText()).isEqualTo("Default");
    assertThat(auth.path("scope").path("project").path("name").asText()).isEqualTo("service");
    assertThat(auth.path("scope").path("project").path("domain").path("name").asText()).isEqualTo("Default");
    assertThat(keystone.lastQuery).isEqualTo("nocatalog");
  }

  @Test
  void adminRoleMakesAnAdminContextCaseInsensitively() throws Exception {
    start(options(keystone.url()));
    JsonNode c = json(get("/v2.0/networks", "X-Auth-Token", "admin-token")).path("context");
    assertThat(c.path("is_admin").asBoolean()).isTrue();
    assertThat(c.path("roles").toString()).isEqualTo("[\"Admin\"]");
  }

  @Test
  void adminRoleCheckCanBeReplaced() throws Exception {
    PipelineContext pc = ctx(options(keystone.url())).withAdminRoleCheck(id -> id.roles().contains("reader"));
    start(PipelineBuilder.build("neutron", pc));
    assertThat(json(get("/v2.0/networks", "X-Auth-Token", "user-token")).path("context").path("is_admin").asBoolean()).isTrue();
    assertThat(json(get("/v2.0/networks", "X-Auth-Token", "admin-token")).path("context").path("is_admin").asBoolean()).isFalse();
  }

  @Test
  void threeArgConstructorKeepsTheDefaultAdminCheck() {
    PipelineContext pc = new PipelineContext("keystone", null, Map.of());
    assertThat(pc.adminRoleCheck()).isSameAs(AdminRoleCheck.DEFAULT);
  }

  @Test
  void invalidTokenIsRejected() throws Exception {
    start(options(keystone.url()));
    assertRejected(get("/v2.0/networks", "X-Auth-Token", "bogus"));
    assertThat(keystone.validationsOf("bogus")).isEqualTo(1);
    // remembered as invalid for a while
    assertRejected(get("/v2.0/networks", "X-Auth-Token", "bogus"));
    assertThat(keystone.validationsOf("bogus")).isEqualTo(1);
  }

  @Test
  void missingTokenIsRejectedWithoutAskingKeystone() throws Exception {
    start(options(keystone.url()));
    assertRejected(get("/v2.0/networks"));
    assertRejected(get("/v2.0"));
    assertRejected(get("/v2.0/networks", "X-Auth-Token", "  "));
    assertThat(keystone.totalValidations()).isZero();
    assertThat(keystone.authentications.get()).isZero();
  }

  @Test
  void versionsAndHealthcheckNeedNoToken() throws Exception {
    start(options(keystone.url()));
    assertThat(get("/").statusCode()).isEqualTo(200);
    assertThat(get("/healthcheck").statusCode()).isEqualTo(200);
  }

  @Test
  void expiredTokenIsRejected() throws Exception {
    start(options(keystone.url()));
    assertRejected(get("/v2.0/networks", "X-Auth-Token", "expired-token"));
  }

  @Test
  void tokenIsCachedUntilCacheTime() throws Exception {
    start(options(keystone.url()));
    for (int i = 0; i < 3; i++) {
      assertThat(get("/v2.0/networks", "X-Auth-Token", "user-token").statusCode()).isEqualTo(200);
    }
    assertThat(keystone.validationsOf("user-token")).isEqualTo(1);
    assertThat(keystone.authentications.get()).isEqualTo(1);
  }

  @Test
  void tokenCacheCanBeDisabled() throws Exception {
    Map<String, String> o = options(keystone.url());
    o.put("keystone_authtoken.token_cache_time", "-1");
    start(o);
    for (int i = 0; i < 2; i++) {
      assertThat(get("/v2.0/networks", "X-Auth-Token", "user-token").statusCode()).isEqualTo(200);
    }
    assertThat(keystone.validationsOf("user-token")).isEqualTo(2);
    assertThat(keystone.authentications.get()).isEqualTo(1);
  }

  @Test
  void keystoneDownIs503UntilItIsBack() throws Exception {
    start(options(keystone.url()));
    keystone.stop();
    HttpResponse<String> r = get("/v2.0/networks", "X-Auth-Token", "user-token", "Accept", "application/json");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).contains("The Keystone service is temporarily unavailable.");
    assertThat(r.headers().firstValue("WWW-Authenticate")).isEmpty();
    keystone.restart();
    assertThat(get("/v2.0/networks", "X-Auth-Token", "user-token").statusCode()).isEqualTo(200);
  }

  @Test
  void keystoneErrorIs503AndNotCached() throws Exception {
    start(options(keystone.url()));
    keystone.failWith = 500;
    HttpResponse<String> r = get("/v2.0/networks", "X-Auth-Token", "user-token");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).contains("The Keystone service is temporarily unavailable.");
    keystone.failWith = 0;
    assertThat(get("/v2.0/networks", "X-Auth-Token", "user-token").statusCode()).isEqualTo(200);
  }

  @Test
  void wrongServiceCredentialsAre503() throws Exception {
    Map<String, String> o = options(keystone.url());
    o.put("keystone_authtoken.password", "wrong");
    start(o);
    assertThat(get("/v2.0/networks", "X-Auth-Token", "user-token").statusCode()).isEqualTo(503);
  }

  @Test
  void serviceTokenRefusedByKeystoneIsRenewedOnce() throws Exception {
    start(options(keystone.url()));
    assertThat(get("/v2.0/networks", "X-Auth-Token", "user-token").statusCode()).isEqualTo(200);
    keystone.serviceTokens.clear(); // Keystone forgot the service's token
    assertThat(get("/v2.0/networks", "X-Auth-Token", "plain-token").statusCode()).isEqualTo(200);
    assertThat(keystone.authentications.get()).isEqualTo(2);
  }

  @Test
  void spoofedIdentityHeadersAreIgnored() throws Exception {
    start(options(keystone.url()));
    HttpResponse<String> r =
        get("/v2.0/networks", "X-Auth-Token", "user-token", "X-Roles", "admin", "X-Role", "admin",
            "X-User-Id", "evil", "X-Project-Id", "victim", "X-Tenant-Id", "victim",
            "X-Identity-Status", "Confirmed", "X-Service-Roles", "service", "X-Service-User-Id", "nova",
            "X-Is-Admin-Project", "True", "X-Domain-Id", "default");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode b = json(r);
    assertThat(b.path("context").path("is_admin").asBoolean()).isFalse();
    assertThat(b.path("context").path("user_id").asText()).isEqualTo("u1");
    assertThat(b.path("context").path("project_id").asText()).isEqualTo("p1");
    JsonNode h = b.path("headers");
    assertThat(h.path("X-Roles").asText()).isEqualTo("member,reader");
    assertThat(h.path("X-User-Id").asText()).isEqualTo("u1");
    assertThat(h.path("X-Project-Id").asText()).isEqualTo("p1");
    assertThat(h.path("X-Tenant-Id").asText()).isEqualTo("p1");
    assertThat(h.path("X-Service-Roles").isNull()).isTrue();
    assertThat(h.path("X-Service-User-Id").isNull()).isTrue();
    assertThat(h.path("X-Domain-Id").isNull()).isTrue();
  }

  @Test
  void spoofedHeadersWithoutTokenAreRejected() throws Exception {
    start(options(keystone.url()));
    assertRejected(get("/v2.0/networks", "X-Roles", "admin", "X-User-Id", "evil", "X-Project-Id", "p",
        "X-Identity-Status", "Confirmed"));
  }

  @Test
  void validServiceTokenIsRecorded() throws Exception {
    Map<String, String> o = options(keystone.url());
    o.put("keystone_authtoken.service_token_roles_required", "true");
    start(o);
    HttpResponse<String> r = get("/v2.0/networks", "X-Auth-Token", "user-token", "X-Service-Token", "service-token");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode b = json(r);
    assertThat(b.path("identity").path("service_user").asText()).isEqualTo("neutron-svc");
    assertThat(b.path("headers").path("X-Service-Identity-Status").asText()).isEqualTo("Confirmed");
    assertThat(b.path("headers").path("X-Service-Roles").asText()).isEqualTo("service");
    assertThat(b.path("headers").path("X-Service-User-Id").asText()).isEqualTo("neutron-svc");
    assertThat(b.path("context").path("user_id").asText()).isEqualTo("u1");
    // a service token with a service role lets an expired user token through (allow_expired)
    keystone.lastQuery = null;
    HttpResponse<String> e = get("/v2.0/networks", "X-Auth-Token", "expired-token", "X-Service-Token", "service-token");
    assertThat(e.statusCode()).isEqualTo(200);
    assertThat(keystone.lastQuery).isEqualTo("nocatalog&allow_expired=1");
  }

  @Test
  void serviceTokenWithoutServiceRoleIsInvalidWhenRolesRequired() throws Exception {
    Map<String, String> o = options(keystone.url());
    o.put("keystone_authtoken.service_token_roles_required", "true");
    start(o);
    assertRejected(get("/v2.0/networks", "X-Auth-Token", "user-token", "X-Service-Token", "plain-token"));
    assertRejected(get("/v2.0/networks", "X-Auth-Token", "user-token", "X-Service-Token", "bogus"));
  }

  @Test
  void serviceTokenWithoutServiceRoleIsAcceptedWhenRolesNotRequired() throws Exception {
    start(options(keystone.url())); // Zed's default: service_token_roles_required = false
    HttpResponse<String> r = get("/v2.0/networks", "X-Auth-Token", "user-token", "X-Service-Token", "plain-token");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).path("identity").path("service_user").asText()).isEqualTo("u3");
    // but it does not allow expired user tokens
    assertRejected(get("/v2.0/networks", "X-Auth-Token", "expired-token", "X-Service-Token", "plain-token"));
  }

  @Test
  void serviceTokenRolesAreConfigurable() throws Exception {
    Map<String, String> o = options(keystone.url());
    o.put("keystone_authtoken.service_token_roles_required", "true");
    o.put("keystone_authtoken.service_token_roles", "member, other");
    start(o);
    assertThat(get("/v2.0/networks", "X-Auth-Token", "user-token", "X-Service-Token", "plain-token").statusCode()).isEqualTo(200);
    assertRejected(get("/v2.0/networks", "X-Auth-Token", "user-token", "X-Service-Token", "service-token"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/", "/v3", "/v3/"})
  void authUrlWithOrWithoutVersion(String suffix) throws Exception {
    start(options(keystone.url() + suffix));
    assertThat(get("/v2.0/networks", "X-Auth-Token", "user-token").statusCode()).isEqualTo(200);
  }

  @Test
  void wwwAuthenticateDefaultsToAuthUrl() throws Exception {
    Map<String, String> o = options(keystone.url() + "/v3");
    o.remove("keystone_authtoken.www_authenticate_uri");
    start(o);
    HttpResponse<String> r = get("/v2.0/networks");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Keystone uri=\"" + keystone.url() + "/v3\"");
  }

  @Test
  void legacyAuthUriAndPasteLocalConfWin() throws Exception {
    Map<String, String> o = options(keystone.url());
    o.remove("keystone_authtoken.www_authenticate_uri");
    o.put("keystone_authtoken.auth_uri", "http://legacy.example:5000");
    String ini = Files.readString(Path.of("src/main/resources/etc/api-paste.ini"));
    start(PipelineBuilder.build(new StringReader(ini), "neutron", ctx(o)));
    assertThat(get("/v2.0/networks").headers().firstValue("WWW-Authenticate")).hasValue("Keystone uri=\"http://legacy.example:5000\"");
    server.stop();
    String withLocal = ini.replace("paste.filter_factory = keystonemiddleware.auth_token:filter_factory",
        "paste.filter_factory = keystonemiddleware.auth_token:filter_factory\nwww_authenticate_uri = http://paste.example/identity");
    start(PipelineBuilder.build(new StringReader(withLocal), "neutron", ctx(o)));
    assertThat(get("/v2.0/networks").headers().firstValue("WWW-Authenticate")).hasValue("Keystone uri=\"http://paste.example/identity\"");
  }

  @Test
  void unauthorizedFromTheApiGetsWwwAuthenticate() throws Exception {
    start(options(keystone.url()));
    HttpResponse<String> r = get("/v2.0/unauthorized", "X-Auth-Token", "user-token");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).isEqualTo("no");
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Keystone uri=\"http://public.example:5000\"");
  }

  @Test
  void delayAuthDecisionLetsKeystonecontextAnswer401() throws Exception {
    Map<String, String> o = options(keystone.url());
    o.put("keystone_authtoken.delay_auth_decision", "true");
    start(o);
    HttpResponse<String> r = get("/v2.0/networks", "X-Auth-Token", "bogus", "X-User-Id", "evil", "Accept", "application/json");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Keystone uri=\"http://public.example:5000\"");
    assertThat(json(r).path("title").asText()).isEqualTo("Unauthorized");
    assertThat(get("/v2.0/networks", "X-Auth-Token", "user-token").statusCode()).isEqualTo(200);
    // Keystone down: the token counts as invalid, no 503
    keystone.stop();
    assertThat(get("/v2.0/networks", "X-Auth-Token", "plain-token").statusCode()).isEqualTo(401);
  }

  @Test
  void missingCredentialsFailAtBuildTime() {
    Map<String, String> o = options(keystone.url());
    o.remove("keystone_authtoken.username");
    assertThatThrownBy(() -> PipelineBuilder.build("neutron", ctx(o)))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("[filter:authtoken]")
        .hasMessageContaining("username");
    Map<String, String> o2 = options(keystone.url());
    o2.put("keystone_authtoken.auth_type", "token");
    assertThatThrownBy(() -> PipelineBuilder.build("neutron", ctx(o2)))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("auth_type = token is not supported");
  }

  @Test
  void buildingDoesNotContactKeystone() {
    PipelineBuilder.build("neutron", ctx(options(keystone.url())));
    assertThat(keystone.authentications.get()).isZero();
  }

  @Test
  void helpers() {
    assertThat(KeystoneClient.v3Url("http://k:5000")).isEqualTo("http://k:5000/v3");
    assertThat(KeystoneClient.v3Url("http://k:5000/identity/v3/")).isEqualTo("http://k:5000/identity/v3");
    assertThat(KeystoneClient.v3Url("http://k:5000/v2.0")).isEqualTo("http://k:5000/v3");
    assertThat(KeystoneClient.parseTime("2015-11-05T22:00:11.000000Z")).isEqualTo(Instant.parse("2015-11-05T22:00:11Z"));
    assertThat(KeystoneClient.parseTime("2015-11-05T22:00:11.000000")).isEqualTo(Instant.parse("2015-11-05T22:00:11Z"));
    assertThat(KeystoneClient.parseTime("2015-11-05T23:00:11+01:00")).isEqualTo(Instant.parse("2015-11-05T22:00:11Z"));
    assertThat(AuthTokenFilter.pathMatches("/v2.0/networks/abc", "/v2.0/networks/*")).isTrue();
    assertThat(AuthTokenFilter.pathMatches("/v2.0/networks/abc/x", "/v2.0/networks/*")).isFalse();
    assertThat(AuthTokenFilter.pathMatches("/v2.0/networks/abc/x", "/v2.0/**")).isTrue();
    assertThat(AuthTokenFilter.pathMatches("/v2.0/networks/abc", "/v2.0/networks/{id}")).isTrue();
    assertThat(AuthTokenFilter.pathMatches("/v2x0/networks", "/v2.0/networks")).isFalse();
    assertThat(AdminRoleCheck.hasRole(List.of("ADMIN"), "admin")).isTrue();
  }
}
