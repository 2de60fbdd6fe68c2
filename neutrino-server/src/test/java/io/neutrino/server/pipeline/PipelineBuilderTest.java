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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineBuilderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();
  private Server server;
  private String base;

  @TempDir Path tmp;

  /** The stand-in for the API router: echoes the pipeline's request attributes. */
  static final class EchoApi extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      String path = request.getHttpURI().getPath();
      if (path.endsWith("/boom")) {
        throw new IllegalStateException("secret internal detail");
      }
      if (path.endsWith("/failcb")) {
        callback.failed(new IllegalStateException("async secret"));
        return true;
      }
      if (path.endsWith("/decline")) {
        return false;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", path);
      for (String k :
          List.of(RequestAttributes.REQUEST_ID, RequestAttributes.GLOBAL_REQUEST_ID,
              RequestAttributes.PROJECT_ID, RequestAttributes.IS_ADMIN, RequestAttributes.BASE_URL,
              RequestAttributes.REMOTE_ADDR, RequestAttributes.SCRIPT_NAME)) {
        Object v = request.getAttribute(k);
        m.put(k, v == null ? null : v.toString());
      }
      Object ctx = request.getAttribute(RequestAttributes.CONTEXT);
      if (ctx instanceof RequestContext rc) {
        m.put("ctx.project", rc.projectId());
        m.put("ctx.roles", rc.roles());
        m.put("ctx.admin", rc.isAdmin());
        m.put("ctx.request_id", rc.requestId());
      }
      m.put("scheme", request.getHttpURI().getScheme());
      Http.writeJson(response, callback, 200, m);
      return true;
    }
  }

  /** A filter named by Java class in api-paste.ini. */
  public static final class MarkerFilterFactory implements FilterFactory {
    @Override
    public Handler.Wrapper create(Map<String, String> localConf, PipelineContext ctx) {
      String value = localConf.getOrDefault("value", "yes");
      return new Handler.Wrapper() {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
          response.getHeaders().put("X-Marker", value);
          return super.handle(request, response, callback);
        }
      };
    }
  }

  static PipelineContext ctx(String strategy, Map<String, String> options) {
    return new PipelineContext(
        strategy,
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

  void startDefault(Map<String, String> options) throws Exception {
    start(PipelineBuilder.build("neutron", ctx("noauth", options)));
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  HttpResponse<String> send(String method, String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpResponse<String> get(String path, String... headers) throws Exception {
    return send("GET", path, headers);
  }

  static String healthIni(Path disable) throws Exception {
    String ini = Files.readString(Path.of("src/main/resources/etc/api-paste.ini"));
    return ini.replace("disable_by_file_path = /etc/neutron/healthcheck_disable", "disable_by_file_path = " + disable)
        .replace("disable_by_file_path = /var/lib/neutron/healthcheck_disable", "disable_by_file_path = " + disable);
  }

  @Test
  void versionsDocumentAtRoot() throws Exception {
    startDefault(Map.of());
    HttpResponse<String> r = get("/");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(r.body())
        .isEqualTo("{\"versions\": [{\"id\": \"v2.0\", \"status\": \"CURRENT\", \"links\": [{\"rel\": \"self\", \"href\": \""
            + base + "/v2.0/\"}]}]}");
    // versions pipeline has no request_id filter in Zed's api-paste.ini
    assertThat(r.headers().firstValue("x-openstack-request-id")).isEmpty();
    assertThat(send("HEAD", "/").statusCode()).isEqualTo(405);
    assertThat(send("POST", "/").statusCode()).isEqualTo(405);
  }

  @Test
  void networkLinkPrefixRewritesVersionLinks() throws Exception {
    startDefault(Map.of("DEFAULT.network_link_prefix", "https://public.example.com/network"));
    JsonNode doc = JSON.readTree(get("/").body());
    assertThat(doc.at("/versions/0/links/0/href").asText()).isEqualTo("https://public.example.com/network/v2.0/");
  }

  @Test
  void unknownVersionIs404() throws Exception {
    startDefault(Map.of());
    HttpResponse<String> r = get("/v3");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
    assertThat(r.body()).startsWith("404 Not Found\n\nThe resource could not be found.");
    HttpResponse<String> j = get("/v1.1/x", "Accept", "application/json");
    assertThat(j.statusCode()).isEqualTo(404);
    assertThat(j.body()).isEqualTo("{\"code\": 404, \"title\": \"Not Found\", \"description\": null}");
    // /v2.0x is not under /v2.0: it goes to the versions app
    assertThat(get("/v2.0x").statusCode()).isEqualTo(404);
  }

  @Test
  void healthcheckOkThenDisabledByFile() throws Exception {
    Path disable = tmp.resolve("healthcheck_disable");
    start(PipelineBuilder.build(new StringReader(healthIni(disable)), "neutron", ctx("noauth", Map.of())));
    HttpResponse<String> ok = get("/healthcheck");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("OK");
    assertThat(ok.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
    assertThat(send("HEAD", "/healthcheck").statusCode()).isEqualTo(204);
    Files.writeString(disable, "");
    HttpResponse<String> down = get("/healthcheck");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.body()).isEqualTo("DISABLED BY FILE");
    assertThat(send("HEAD", "/healthcheck").statusCode()).isEqualTo(503);
    HttpResponse<String> json = get("/healthcheck", "Accept", "application/json");
    assertThat(json.body()).isEqualTo("{\n    \"detailed\": false,\n    \"reasons\": [\n        \"DISABLED BY FILE\"\n    ]\n}");
  }

  @Test
  void requestIdOnApiResponsesAndGlobalIdKeptWhenValid() throws Exception {
    startDefault(Map.of());
    HttpResponse<String> r = get("/v2.0/networks");
    assertThat(r.statusCode()).isEqualTo(200);
    String id = r.headers().firstValue("x-openstack-request-id").orElseThrow();
    assertThat(id).matches(RequestIdFilter.ID_FORMAT.pattern());
    JsonNode echo = JSON.readTree(r.body());
    assertThat(echo.get(RequestAttributes.REQUEST_ID).asText()).isEqualTo(id);
    assertThat(echo.get("path").asText()).isEqualTo("/v2.0/networks");
    assertThat(echo.get(RequestAttributes.SCRIPT_NAME).asText()).isEqualTo("/v2.0");

    String inbound = "req-" + UUID.randomUUID();
    HttpResponse<String> valid = get("/v2.0/networks", "X-OpenStack-Request-ID", inbound);
    JsonNode e2 = JSON.readTree(valid.body());
    assertThat(e2.get(RequestAttributes.GLOBAL_REQUEST_ID).asText()).isEqualTo(inbound);
    // oslo.middleware: the local id is always fresh; the inbound one becomes the global id
    String local = valid.headers().firstValue("x-openstack-request-id").orElseThrow();
    assertThat(local).isNotEqualTo(inbound).matches(RequestIdFilter.ID_FORMAT.pattern());

    HttpResponse<String> invalid = get("/v2.0/networks", "X-OpenStack-Request-ID", "bogus-id");
    JsonNode e3 = JSON.readTree(invalid.body());
    assertThat(e3.get(RequestAttributes.GLOBAL_REQUEST_ID).isNull()).isTrue();
    assertThat(invalid.headers().firstValue("x-openstack-request-id").orElseThrow())
        .matches(RequestIdFilter.ID_FORMAT.pattern());

    HttpResponse<String> notFound = get("/v2.0/decline");
    assertThat(notFound.statusCode()).isEqualTo(404);
    assertThat(notFound.headers().firstValue("x-openstack-request-id")).isPresent();
  }

  @Test
  void noauthFakeProjectId() throws Exception {
    startDefault(Map.of());
    JsonNode e = JSON.readTree(get("/v2.0/networks").body());
    assertThat(e.get(RequestAttributes.PROJECT_ID).asText()).isEqualTo("fake_project_id");
    assertThat(e.get(RequestAttributes.IS_ADMIN).asText()).isEqualTo("true");
    assertThat(e.get("ctx.project").asText()).isEqualTo("fake_project_id");
    assertThat(e.get("ctx.admin").asBoolean()).isTrue();
    assertThat(e.get("ctx.roles").toString()).contains("admin");
    assertThat(e.get("ctx.request_id").asText()).isEqualTo(e.get(RequestAttributes.REQUEST_ID).asText());

    JsonNode withProject = JSON.readTree(get("/v2.0/networks", "X-Project-Id", "p1").body());
    assertThat(withProject.get(RequestAttributes.PROJECT_ID).asText()).isEqualTo("p1");
    assertThat(withProject.get(RequestAttributes.IS_ADMIN).isNull()).isTrue();
    assertThat(withProject.has("ctx.project")).isFalse();
  }

  @Test
  void exceptionBecomes500NeutronErrorWithoutStackTrace() throws Exception {
    startDefault(Map.of());
    for (String p : List.of("/v2.0/boom", "/v2.0/failcb")) {
      HttpResponse<String> r = get(p);
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
      assertThat(r.body())
          .isEqualTo("{\"NeutronError\": {\"type\": \"HTTPInternalServerError\", \"message\": "
              + "\"Request Failed: internal server error while processing your request.\", \"detail\": \"\"}}");
      assertThat(r.body()).doesNotContain("secret").doesNotContain("Exception");
      assertThat(r.headers().firstValue("x-openstack-request-id")).isPresent();
    }
  }

  @Test
  void corsPassThroughWithoutAllowedOrigin() throws Exception {
    startDefault(Map.of());
    HttpResponse<String> r = get("/v2.0/networks", "Origin", "https://horizon.example.com");
    assertThat(r.headers().firstValue("access-control-allow-origin")).isEmpty();
  }

  @Test
  void corsPreflightAndSimpleRequest() throws Exception {
    startDefault(Map.of("cors.allowed_origin", "https://horizon.example.com, https://other.example.com"));
    HttpResponse<String> pre =
        send("OPTIONS", "/v2.0/networks",
            "Origin", "https://horizon.example.com",
            "Access-Control-Request-Method", "POST",
            "Access-Control-Request-Headers", "X-Auth-Token, Content-Type");
    assertThat(pre.statusCode()).isEqualTo(200);
    assertThat(pre.headers().firstValue("access-control-allow-origin")).hasValue("https://horizon.example.com");
    assertThat(pre.headers().firstValue("access-control-allow-methods")).hasValue("POST");
    assertThat(pre.headers().firstValue("access-control-allow-headers")).hasValue("X-Auth-Token,Content-Type");
    assertThat(pre.headers().firstValue("access-control-allow-credentials")).hasValue("true");
    assertThat(pre.headers().firstValue("access-control-max-age")).hasValue("3600");
    assertThat(pre.headers().firstValue("vary")).hasValue("Origin");

    HttpResponse<String> refused =
        send("OPTIONS", "/v2.0/networks",
            "Origin", "https://horizon.example.com", "Access-Control-Request-Method", "TRACE");
    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(refused.headers().firstValue("access-control-allow-origin")).isEmpty();

    HttpResponse<String> simple = get("/v2.0/networks", "Origin", "https://other.example.com");
    assertThat(simple.headers().firstValue("access-control-allow-origin")).hasValue("https://other.example.com");
    assertThat(simple.headers().firstValue("access-control-expose-headers"))
        .hasValue("X-Auth-Token,X-Subject-Token,X-Service-Token,X-OpenStack-Request-ID,OpenStack-Volume-microversion");

    HttpResponse<String> stranger = get("/", "Origin", "https://evil.example.com");
    assertThat(stranger.headers().firstValue("access-control-allow-origin")).isEmpty();
  }

  @Test
  void forwardedHeadersOnlyWhenEnabled() throws Exception {
    startDefault(Map.of());
    JsonNode off = JSON.readTree(get("/", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "neutron.example.com").body());
    assertThat(off.at("/versions/0/links/0/href").asText()).isEqualTo(base + "/v2.0/");
    stop();

    startDefault(Map.of("oslo_middleware.enable_proxy_headers_parsing", "true"));
    JsonNode on = JSON.readTree(get("/", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "neutron.example.com").body());
    assertThat(on.at("/versions/0/links/0/href").asText()).isEqualTo("https://neutron.example.com/v2.0/");
    JsonNode rfc = JSON.readTree(get("/", "Forwarded", "for=192.0.2.60;proto=https;host=api.example.com:8443").body());
    assertThat(rfc.at("/versions/0/links/0/href").asText()).isEqualTo("https://api.example.com:8443/v2.0/");
    JsonNode api = JSON.readTree(
        get("/v2.0/networks", "X-Forwarded-Proto", "https", "X-Forwarded-For", "198.51.100.7").body());
    assertThat(api.get(RequestAttributes.BASE_URL).asText()).startsWith("https://127.0.0.1:");
    assertThat(api.get(RequestAttributes.REMOTE_ADDR).asText()).isEqualTo("198.51.100.7");
    assertThat(api.get("scheme").asText()).isEqualTo("https");
  }

  @Test
  void unknownFactoryFailsNamingIt() {
    String ini = "[composite:neutron]\nuse = egg:Paste#urlmap\n/: main\n\n"
        + "[pipeline:main]\npipeline = weird api\n\n"
        + "[filter:weird]\npaste.filter_factory = some.module:Weird.factory\n\n"
        + "[app:api]\npaste.app_factory = neutron.api.v2.router:APIRouter.factory\n";
    assertThatThrownBy(() -> PipelineBuilder.build(new StringReader(ini), "neutron", ctx("noauth", Map.of())))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("[filter:weird]")
        .hasMessageContaining("some.module:Weird.factory");
  }

  @Test
  void unknownSectionFailsNamingIt() {
    String ini = "[pipeline:main]\npipeline = request_id nothere\n\n"
        + "[filter:request_id]\npaste.filter_factory = oslo_middleware:RequestId.factory\n";
    assertThatThrownBy(() -> PipelineBuilder.build(new StringReader(ini), "main", ctx("noauth", Map.of())))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("nothere")
        .hasMessageContaining("[pipeline:main]");
  }

  @Test
  void keystoneStrategyWithoutCredentialsFailsNamingAuthtoken() {
    assertThatThrownBy(() -> PipelineBuilder.build("neutron", ctx("keystone", Map.of())))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("[filter:authtoken]")
        .hasMessageContaining("auth_type is not set");
  }

  @Test
  void missingAuthStrategyLineFails() {
    assertThatThrownBy(() -> PipelineBuilder.build("neutron", ctx("bogus", Map.of())))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("auth_strategy 'bogus'");
  }

  @Test
  void missingApiAppFails() {
    PipelineContext noApi = new PipelineContext("noauth", null, Map.of());
    assertThatThrownBy(() -> PipelineBuilder.build((Path) null, "neutron", noApi))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("APIRouter.factory")
        .hasMessageContaining("[app:neutronapiapp_v2_0]");
  }

  @Test
  void filterByJavaClassName() throws Exception {
    String cls = MarkerFilterFactory.class.getName();
    String ini = "[composite:neutron]\nuse = egg:Paste#urlmap\n/: main\n/other: other\n\n"
        + "[pipeline:main]\npipeline = marker request_id api\n\n"
        + "[pipeline:other]\npipeline = marker2 api\n\n"
        + "[filter:marker]\npaste.filter_factory = " + cls + "\nvalue = one\n\n"
        + "[filter:marker2]\nuse = java:" + cls + "\nvalue = two\n\n"
        + "[filter:request_id]\nuse = egg:oslo.middleware#request_id\n\n"
        + "[app:api]\npaste.app_factory = neutron.api.v2.router:APIRouter.factory\n";
    start(PipelineBuilder.build(new StringReader(ini), "neutron", ctx("noauth", Map.of())));
    HttpResponse<String> r = get("/v2.0/networks");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-marker")).hasValue("one");
    assertThat(r.headers().firstValue("x-openstack-request-id")).isPresent();
    assertThat(get("/other/x").headers().firstValue("x-marker")).hasValue("two");
  }

  @Test
  void javaClassNotImplementingFactoryFails() {
    String ini = "[pipeline:main]\npipeline = bad api\n\n"
        + "[filter:bad]\nuse = java:java.lang.String\n\n"
        + "[app:api]\npaste.app_factory = neutron.api.v2.router:APIRouter.factory\n";
    assertThatThrownBy(() -> PipelineBuilder.build(new StringReader(ini), "main", ctx("noauth", Map.of())))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("[filter:bad]")
        .hasMessageContaining("FilterFactory");
  }

  @Test
  void buildsFromPathOfShippedFile() throws Exception {
    Handler h = PipelineBuilder.build(Path.of("src/main/resources/etc/api-paste.ini"), "neutron", ctx("noauth", new HashMap<>()));
    assertThat(h).isInstanceOf(UrlMapHandler.class);
    assertThat(((UrlMapHandler) h).mapping().keySet()).containsExactly("/healthcheck", "/v2.0", "/");
  }

  @Test
  void optionsOnApiWithoutCorsOriginIsEmpty200() throws Exception {
    // oslo's CORS middleware replaces any non-2xx answer to OPTIONS with an empty 200
    startDefault(Map.of());
    HttpResponse<String> r = send("OPTIONS", "/v2.0/decline");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEmpty();
    assertThat(r.headers().firstValue(HttpHeader.CONTENT_TYPE.asString())).isEmpty();
  }
}
