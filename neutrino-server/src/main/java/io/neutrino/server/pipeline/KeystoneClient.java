package io.neutrino.server.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Keystone v3 calls of keystonemiddleware's auth_token: the service's own password
 * authentication (keystoneauth's {@code password} plugin, lazily, re-authenticating shortly
 * before expiry or when Keystone answers 401) and token validation
 * ({@code GET /v3/auth/tokens} with {@code X-Subject-Token}).
 *
 * <p>Errors are sorted as keystonemiddleware sorts them: 404 on validation means the token is
 * invalid ({@link InvalidTokenException}); a 401 is retried once with a fresh service token and
 * then, like connection failures, timeouts and any other status, means Keystone cannot be used
 * ({@link KeystoneUnavailableException}, the middleware's ServiceError → 503).
 */
final class KeystoneClient {
  private static final Logger LOG = LoggerFactory.getLogger(KeystoneClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** keystoneauth re-authenticates when the token expires within this (MIN_TOKEN_LIFE_SECONDS). */
  static final Duration MIN_TOKEN_LIFE = Duration.ofSeconds(120);

  static final class InvalidTokenException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidTokenException(String message) {
      super(message);
    }
  }

  static final class KeystoneUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    KeystoneUnavailableException(String message) {
      super(message);
    }

    KeystoneUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The password plugin's options, as keystoneauth reads them. */
  record PasswordAuth(
      String authUrl,
      String userId,
      String username,
      String password,
      String userDomainId,
      String userDomainName,
      String projectId,
      String projectName,
      String projectDomainId,
      String projectDomainName,
      String domainId,
      String domainName,
      String systemScope) {}

  /** A validated token: the identity and the raw token document (for access rules). */
  record TokenData(Identity identity, JsonNode token) {}

  private record ServiceToken(String token, Instant refreshAt) {}

  private final String v3;
  private final PasswordAuth auth;
  private final HttpClient http;
  private final Duration timeout;
  private final int connectRetries;
  private final Clock clock;
  private final Object authLock = new Object();
  private volatile ServiceToken serviceToken;

  KeystoneClient(PasswordAuth auth, Duration timeout, int connectRetries, Clock clock) {
    this.auth = auth;
    this.v3 = v3Url(auth.authUrl());
    this.timeout = timeout;
    this.connectRetries = Math.max(0, connectRetries);
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * {@code auth_url} as the v3 API root: a trailing slash and a trailing {@code /v3} (or
   * {@code /v2.0}, Keystone Zed having only v3) are tolerated.
   */
  static String v3Url(String authUrl) {
    String u = authUrl.strip();
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    if (u.endsWith("/v3")) {
      u = u.substring(0, u.length() - 3);
    } else if (u.endsWith("/v2.0")) {
      u = u.substring(0, u.length() - 5);
    }
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u + "/v3";
  }

  /** The unversioned identity endpoint (keystonemiddleware's fallback www_authenticate_uri). */
  String unversionedUrl() {
    return v3.substring(0, v3.length() - 3);
  }

  /** The service's token, authenticating when there is none or it expires soon. */
  String serviceToken() throws KeystoneUnavailableException {
    ServiceToken t = serviceToken;
    if (t != null && clock.instant().isBefore(t.refreshAt())) {
      return t.token();
    }
    synchronized (authLock) {
      t = serviceToken;
      if (t != null && clock.instant().isBefore(t.refreshAt())) {
        return t.token();
      }
      t = authenticate();
      serviceToken = t;
      return t.token();
    }
  }

  /** Forgets the service token if it is still {@code token} (Keystone refused it). */
  void invalidate(String token) {
    synchronized (authLock) {
      ServiceToken t = serviceToken;
      if (t != null && t.token().equals(token)) {
        serviceToken = null;
      }
    }
  }

  private ServiceToken authenticate() throws KeystoneUnavailableException {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode a = body.putObject("auth");
    ObjectNode identity = a.putObject("identity");
    identity.putArray("methods").add("password");
    ObjectNode user = identity.putObject("password").putObject("user");
    if (auth.userId() != null) {
      user.put("id", auth.userId());
    } else {
      user.put("name", auth.username());
      domain(user, auth.userDomainId(), auth.userDomainName());
    }
    user.put("password", auth.password() == null ? "" : auth.password());
    if (auth.projectId() != null || auth.projectName() != null) {
      ObjectNode project = a.putObject("scope").putObject("project");
      if (auth.projectId() != null) {
        project.put("id", auth.projectId());
      } else {
        project.put("name", auth.projectName());
        domain(project, auth.projectDomainId(), auth.projectDomainName());
      }
    } else if (auth.domainId() != null || auth.domainName() != null) {
      ObjectNode d = a.putObject("scope").putObject("domain");
      if (auth.domainId() != null) {
        d.put("id", auth.domainId());
      } else {
        d.put("name", auth.domainName());
      }
    } else if (auth.systemScope() != null) {
      a.putObject("scope").putObject("system").put(auth.systemScope(), true);
    }
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(v3 + "/auth/tokens?nocatalog"))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> resp = send(req, "authenticate the service user");
    if (resp.statusCode() != 201 && resp.statusCode() != 200) {
      LOG.error("Keystone refused to authenticate the service user ({}): HTTP {}", v3, resp.statusCode());
      throw new KeystoneUnavailableException(
          "Identity server rejected authorization necessary to fetch token data (HTTP "
              + resp.statusCode() + " on service authentication)");
    }
    String token = resp.headers().firstValue("X-Subject-Token").orElse(null);
    if (token == null || token.isBlank()) {
      throw new KeystoneUnavailableException("Keystone answered the service authentication without X-Subject-Token");
    }
    Instant now = clock.instant();
    Instant expires = null;
    try {
      expires = parseTime(JSON.readTree(resp.body()).path("token").path("expires_at").asText(null));
    } catch (IOException | RuntimeException e) {
      LOG.warn("Cannot read the service token's expires_at: {}", e.toString());
    }
    Instant refreshAt;
    if (expires == null) {
      refreshAt = now.plus(Duration.ofMinutes(5));
    } else {
      Duration life = Duration.between(now, expires);
      Duration margin = life.dividedBy(2).compareTo(MIN_TOKEN_LIFE) < 0 ? life.dividedBy(2) : MIN_TOKEN_LIFE;
      refreshAt = expires.minus(margin);
    }
    LOG.debug("Authenticated the service user against {} (token expires {})", v3, expires);
    return new ServiceToken(token, refreshAt);
  }

  private static void domain(ObjectNode node, String id, String name) {
    if (id != null) {
      node.putObject("domain").put("id", id);
    } else if (name != null) {
      node.putObject("domain").put("name", name);
    }
  }

  /** GET /v3/auth/tokens for {@code subjectToken}. */
  TokenData validate(String subjectToken, boolean allowExpired)
      throws InvalidTokenException, KeystoneUnavailableException {
    for (int attempt = 0; ; attempt++) {
      String svc = serviceToken();
      HttpRequest req =
          HttpRequest.newBuilder(URI.create(v3 + "/auth/tokens?nocatalog" + (allowExpired ? "&allow_expired=1" : "")))
              .timeout(timeout)
              .header("Accept", "application/json")
              .header("X-Auth-Token", svc)
              .header("X-Subject-Token", subjectToken)
              .header("OpenStack-Identity-Access-Rules", "1.0")
              .GET()
              .build();
      HttpResponse<String> resp = send(req, "validate a token");
      int status = resp.statusCode();
      if (status == 200) {
        try {
          JsonNode token = JSON.readTree(resp.body()).path("token");
          return new TokenData(parseToken(token), token);
        } catch (IOException | RuntimeException e) {
          LOG.warn("Invalid token contents: {}", e.toString());
          throw new InvalidTokenException("Token authorization failed");
        }
      }
      if (status == 404) {
        LOG.info("Authorization failed for token");
        throw new InvalidTokenException("Token authorization failed");
      }
      if (status == 401) {
        LOG.info("Identity server rejected authorization");
        invalidate(svc);
        if (attempt == 0) {
          LOG.info("Retrying validation");
          continue;
        }
        throw new KeystoneUnavailableException(
            "Identity server rejected authorization necessary to fetch token data");
      }
      LOG.error("Bad response code while validating token: {}", status);
      throw new KeystoneUnavailableException("Failed to fetch token data from identity server (HTTP " + status + ")");
    }
  }

  private HttpResponse<String> send(HttpRequest req, String what) throws KeystoneUnavailableException {
    for (int attempt = 0; ; attempt++) {
      try {
        return http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (ConnectException e) {
        if (attempt >= connectRetries) {
          throw new KeystoneUnavailableException("Unable to " + what + ": cannot connect to " + v3 + ": " + e, e);
        }
        try {
          Thread.sleep(Math.min(2000L, 100L << attempt));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new KeystoneUnavailableException("Interrupted", ie);
        }
      } catch (IOException e) {
        throw new KeystoneUnavailableException("Unable to " + what + " at " + v3 + ": " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KeystoneUnavailableException("Interrupted", e);
      }
    }
  }

  /** The v3 token document as keystoneauth's AccessInfoV3 reads it. */
  static Identity parseToken(JsonNode t) {
    if (!t.isObject()) {
      throw new IllegalArgumentException("no token object");
    }
    JsonNode user = t.path("user");
    JsonNode project = t.path("project");
    JsonNode domain = t.path("domain");
    List<String> roles = new ArrayList<>();
    for (JsonNode r : t.path("roles")) {
      String name = text(r.path("name"));
      if (name != null) {
        roles.add(name);
      }
    }
    String system = null;
    JsonNode sys = t.path("system");
    if (sys.isObject() && sys.path("all").asBoolean(false)) {
      system = "all";
    }
    JsonNode iap = t.get("is_admin_project");
    boolean isAdminProject = iap == null || iap.isNull() || iap.asBoolean(true);
    Instant expires = parseTime(text(t.path("expires_at")));
    return new Identity(
        text(user.path("id")),
        text(user.path("name")),
        text(user.path("domain").path("id")),
        text(user.path("domain").path("name")),
        text(project.path("id")),
        text(project.path("name")),
        text(project.path("domain").path("id")),
        text(project.path("domain").path("name")),
        text(domain.path("id")),
        text(domain.path("name")),
        system,
        roles,
        isAdminProject,
        expires,
        Optional.empty());
  }

  private static String text(JsonNode n) {
    return n == null || n.isMissingNode() || n.isNull() ? null : n.asText();
  }

  /** Keystone's ISO 8601 times ({@code 2015-11-05T22:00:11.000000Z}); no offset means UTC. */
  static Instant parseTime(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
    }
  }
}
