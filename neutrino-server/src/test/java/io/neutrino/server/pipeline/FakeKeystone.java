package io.neutrino.server.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A Keystone v3 stand-in: password auth of the service user and token validation. */
final class FakeKeystone implements AutoCloseable {
  static {
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  static final ObjectMapper JSON = new ObjectMapper();
  static final String SERVICE_PASSWORD = "secret";

  private HttpServer server;
  private int port;
  final Map<String, ObjectNode> tokens = new ConcurrentHashMap<>();
  final Set<String> serviceTokens = ConcurrentHashMap.newKeySet();
  final Map<String, AtomicInteger> validations = new ConcurrentHashMap<>();
  final AtomicInteger authentications = new AtomicInteger();
  volatile JsonNode lastAuthBody;
  volatile String lastQuery;
  volatile int failWith; // 0 = answer normally

  FakeKeystone() throws IOException {
    start(0);
  }

  private void start(int p) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), p), 0);
    server.createContext("/v3/auth/tokens", this::tokens);
    server.start();
    port = server.getAddress().getPort();
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  void stop() {
    server.stop(0);
  }

  /** Up again on the same port. */
  void restart() throws IOException {
    start(port);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  int validationsOf(String token) {
    AtomicInteger n = validations.get(token);
    return n == null ? 0 : n.get();
  }

  int totalValidations() {
    return validations.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** Registers a user token scoped to {@code project} with {@code roles}. */
  ObjectNode addToken(String token, String userId, String project, Instant expires, String... roles) {
    ObjectNode t = JSON.createObjectNode();
    t.putArray("methods").add("password");
    ObjectNode user = t.putObject("user");
    user.put("id", userId);
    user.put("name", userId + "-name");
    ObjectNode ud = user.putObject("domain");
    ud.put("id", "default");
    ud.put("name", "Default");
    if (project != null) {
      ObjectNode p = t.putObject("project");
      p.put("id", project);
      p.put("name", project + "-name");
      ObjectNode pd = p.putObject("domain");
      pd.put("id", "default");
      pd.put("name", "Default");
    }
    ArrayNode r = t.putArray("roles");
    for (String role : roles) {
      r.addObject().put("id", role + "-id").put("name", role);
    }
    t.put("expires_at", expires.toString().replace("Z", "") + "Z");
    t.put("issued_at", Instant.now().toString());
    t.put("is_domain", false);
    tokens.put(token, t);
    return t;
  }

  private void tokens(HttpExchange ex) throws IOException {
    try (ex) {
      if (failWith != 0) {
        send(ex, failWith, "{\"error\": {\"code\": " + failWith + "}}");
        return;
      }
      if ("POST".equals(ex.getRequestMethod())) {
        JsonNode body = JSON.readTree(ex.getRequestBody());
        lastAuthBody = body;
        authentications.incrementAndGet();
        if (!SERVICE_PASSWORD.equals(body.path("auth").path("identity").path("password").path("user").path("password").asText())) {
          send(ex, 401, "{\"error\": {\"code\": 401, \"title\": \"Unauthorized\"}}");
          return;
        }
        String tok = "svc-" + authentications.get();
        serviceTokens.add(tok);
        ex.getResponseHeaders().add("X-Subject-Token", tok);
        send(ex, 201, "{\"token\": {\"expires_at\": \"" + Instant.now().plusSeconds(3600) + "\"}}");
        return;
      }
      lastQuery = ex.getRequestURI().getRawQuery();
      String auth = ex.getRequestHeaders().getFirst("X-Auth-Token");
      if (auth == null || !serviceTokens.contains(auth)) {
        send(ex, 401, "{\"error\": {\"code\": 401, \"title\": \"Unauthorized\"}}");
        return;
      }
      String subject = ex.getRequestHeaders().getFirst("X-Subject-Token");
      validations.computeIfAbsent(String.valueOf(subject), k -> new AtomicInteger()).incrementAndGet();
      ObjectNode t = subject == null ? null : tokens.get(subject);
      if (t == null) {
        send(ex, 404, "{\"error\": {\"code\": 404, \"title\": \"Not Found\", \"message\": \"Could not find token\"}}");
        return;
      }
      ex.getResponseHeaders().add("X-Subject-Token", subject);
      ObjectNode doc = JSON.createObjectNode();
      doc.set("token", t);
      send(ex, 200, doc.toString());
    }
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
  }
}
