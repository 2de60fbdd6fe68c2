package io.neutrino.server.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code keystonemiddleware.auth_token:filter_factory}: validates the caller's Keystone token.
 *
 * <ul>
 *   <li>The token comes in {@code X-Auth-Token} (or the legacy {@code X-Storage-Token}); a
 *       service token may come in {@code X-Service-Token}.
 *   <li>Tokens are validated with {@code GET /v3/auth/tokens} under the service's own token
 *       ({@link KeystoneClient}) and cached in process ({@link TokenCache}).
 *   <li>Whatever identity headers the client sent ({@code X-Identity-Status},
 *       {@code X-User-Id}, {@code X-Roles}, {@code X-Service-*}, ...) are removed; the request
 *       passed on carries the ones derived from the token, as keystonemiddleware sets them, and
 *       the validated {@link Identity} in {@link RequestAttributes#IDENTITY}.
 *   <li>Invalid, expired or missing token (or invalid service token): 401 with
 *       {@code WWW-Authenticate: Keystone uri="..."} and keystonemiddleware's JSON body, unless
 *       {@code delay_auth_decision}, in which case the request goes on with
 *       {@code X-Identity-Status: Invalid} and no IDENTITY.
 *   <li>Keystone unreachable or failing: 503 ("The Keystone service is temporarily
 *       unavailable."), or with delay_auth_decision the token counts as invalid.
 *   <li>Any 401 coming back from the inner application gets the WWW-Authenticate header too.
 * </ul>
 *
 * Options ({@code [keystone_authtoken]}, overridden by the paste section's keys; the auth
 * plugin's from {@code [<auth_section>]} when set): www_authenticate_uri (auth_uri),
 * delay_auth_decision, http_connect_timeout, http_request_max_retries, token_cache_time,
 * service_token_roles, service_token_roles_required, service_type, auth_section, auth_type
 * (password / v3password), auth_url, username / user_id, password, project_name / project_id,
 * user_domain_name / user_domain_id, project_domain_name / project_domain_id,
 * default_domain_name / default_domain_id, domain_name / domain_id, system_scope. Accepted and
 * ignored: region_name, interface (auth_url is used for validation, not the catalog),
 * memcached_servers and the other memcache / cafile / insecure options, include_service_catalog
 * (no X-Service-Catalog is set), enforce_token_bind.
 */
public final class AuthTokenFilter extends PipelineFilter {
  private static final Logger LOG = LoggerFactory.getLogger(AuthTokenFilter.class);

  public static final String SECTION = "keystone_authtoken";

  public static final FilterFactory FACTORY = (conf, ctx) -> create(conf, ctx, Clock.systemUTC());

  public static final String UNAUTHORIZED_MESSAGE = "The request you have made requires authentication.";
  public static final String UNAVAILABLE_MESSAGE = "The Keystone service is temporarily unavailable.";

  /** How long a token Keystone called invalid is remembered (bounded by token_cache_time). */
  static final Duration INVALID_CACHE_TIME = Duration.ofSeconds(30);

  static final String STATUS = "X-Identity-Status";
  static final String SERVICE_STATUS = "X-Service-Identity-Status";

  /** keystonemiddleware's remove_auth_headers: what a client may not set. */
  static final Set<String> AUTH_HEADERS;

  static {
    Set<String> h = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    h.addAll(List.of("X-Service-Catalog", STATUS, SERVICE_STATUS, "X-Is-Admin-Project",
        "OpenStack-System-Scope", "X-Role", "X-User", "X-Tenant-Id", "X-Tenant-Name", "X-Tenant"));
    for (String prefix : List.of("", "-Service")) {
      for (String t : List.of("Domain-Id", "Domain-Name", "Project-Id", "Project-Name",
          "Project-Domain-Id", "Project-Domain-Name", "User-Id", "User-Name", "User-Domain-Id",
          "User-Domain-Name", "Roles")) {
        h.add("X" + prefix + "-" + t);
      }
    }
    AUTH_HEADERS = java.util.Collections.unmodifiableSet(h);
  }

  private final KeystoneClient keystone;
  private final TokenCache cache;
  private final String wwwAuthenticate;
  private final boolean delayAuthDecision;
  private final Set<String> serviceTokenRoles;
  private final boolean serviceTokenRolesRequired;
  private final String serviceType;
  private final Clock clock;

  AuthTokenFilter(
      KeystoneClient keystone,
      TokenCache cache,
      String wwwAuthenticateUri,
      boolean delayAuthDecision,
      List<String> serviceTokenRoles,
      boolean serviceTokenRolesRequired,
      String serviceType,
      Clock clock) {
    this.keystone = keystone;
    this.cache = cache;
    this.wwwAuthenticate = "Keystone uri=\"" + wwwAuthenticateUri + "\"";
    this.delayAuthDecision = delayAuthDecision;
    Set<String> roles = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    roles.addAll(serviceTokenRoles);
    this.serviceTokenRoles = roles;
    this.serviceTokenRolesRequired = serviceTokenRolesRequired;
    this.serviceType = serviceType;
    this.clock = clock;
  }

  static AuthTokenFilter create(Map<String, String> conf, PipelineContext ctx, Clock clock) {
    Optional<String> authSection = nonBlank(ctx.get(conf, SECTION, "auth_section"));
    String group = authSection.orElse(SECTION);
    java.util.function.Function<String, Optional<String>> opt = k -> nonBlank(ctx.get(conf, SECTION, k));
    java.util.function.Function<String, Optional<String>> aopt = k -> nonBlank(ctx.get(conf, group, k));

    String authType = aopt.apply("auth_type").orElseThrow(() -> new PipelineException(
        "[" + group + "] auth_type is not set: the authtoken filter needs credentials to validate tokens "
            + "(auth_type = password, auth_url, username, password, project_name, ...)"));
    if (!Set.of("password", "v3password").contains(authType.strip().toLowerCase(Locale.ROOT))) {
      throw new PipelineException("[" + group + "] auth_type = " + authType
          + " is not supported (supported: password, v3password)");
    }
    String authUrl = aopt.apply("auth_url").orElseThrow(() -> new PipelineException(
        "[" + group + "] auth_url is not set (the Keystone URL, e.g. http://127.0.0.1:5000/v3)"));
    if (!authUrl.startsWith("http://") && !authUrl.startsWith("https://")) {
      throw new PipelineException("[" + group + "] auth_url = " + authUrl + " is not an http(s) URL");
    }
    if (aopt.apply("trust_id").isPresent()) {
      throw new PipelineException("[" + group + "] trust_id is not supported");
    }
    Optional<String> username = aopt.apply("username").or(() -> aopt.apply("user_name"));
    Optional<String> userId = aopt.apply("user_id");
    if (username.isEmpty() && userId.isEmpty()) {
      throw new PipelineException("[" + group + "] username (or user_id) is not set");
    }
    String defDomainId = aopt.apply("default_domain_id").orElse(null);
    String defDomainName = aopt.apply("default_domain_name").orElse(null);
    String userDomainId = aopt.apply("user_domain_id").orElse(null);
    String userDomainName = aopt.apply("user_domain_name").orElse(null);
    if (userDomainId == null && userDomainName == null) {
      userDomainId = defDomainId;
      userDomainName = defDomainName;
    }
    String projectDomainId = aopt.apply("project_domain_id").orElse(null);
    String projectDomainName = aopt.apply("project_domain_name").orElse(null);
    if (projectDomainId == null && projectDomainName == null) {
      projectDomainId = defDomainId;
      projectDomainName = defDomainName;
    }
    KeystoneClient.PasswordAuth pa =
        new KeystoneClient.PasswordAuth(
            authUrl.strip(),
            userId.orElse(null),
            username.orElse(null),
            aopt.apply("password").orElse(""),
            userDomainId,
            userDomainName,
            aopt.apply("project_id").or(() -> aopt.apply("tenant_id")).orElse(null),
            aopt.apply("project_name").or(() -> aopt.apply("tenant_name")).orElse(null),
            projectDomainId,
            projectDomainName,
            aopt.apply("domain_id").orElse(null),
            aopt.apply("domain_name").orElse(null),
            aopt.apply("system_scope").orElse(null));

    int connectTimeout = intOpt(opt, "http_connect_timeout", 0);
    Duration timeout = Duration.ofSeconds(connectTimeout > 0 ? connectTimeout : 30);
    int retries = intOpt(opt, "http_request_max_retries", 3);
    int cacheTime = intOpt(opt, "token_cache_time", 300);
    boolean delay = bool(opt, "delay_auth_decision", false);
    boolean rolesRequired = bool(opt, "service_token_roles_required", false);
    List<String> serviceRoles =
        opt.apply("service_token_roles").map(PipelineContext::splitList).orElse(List.of("service"));
    String www = opt.apply("www_authenticate_uri").or(() -> opt.apply("auth_uri")).orElse(null);
    if (www == null) {
      LOG.warn("Configuring www_authenticate_uri to point to the public identity endpoint is required; "
          + "clients may not be able to authenticate against an admin endpoint (using auth_url {})", authUrl);
      www = authUrl.strip();
    }
    if (!rolesRequired) {
      LOG.warn("AuthToken middleware is set with keystone_authtoken.service_token_roles_required set to "
          + "False. This is backwards compatible but deprecated behaviour. Please set this to True.");
    }
    Clock c = clock == null ? Clock.systemUTC() : clock;
    KeystoneClient client = new KeystoneClient(pa, timeout, retries, c);
    LOG.info("Starting Keystone auth_token middleware (identity {}, token_cache_time {} s)",
        KeystoneClient.v3Url(authUrl), cacheTime);
    return new AuthTokenFilter(client, new TokenCache(Duration.ofSeconds(cacheTime), INVALID_CACHE_TIME, c),
        www, delay, serviceRoles, rolesRequired, opt.apply("service_type").orElse(null), c);
  }

  private static Optional<String> nonBlank(Optional<String> v) {
    return v.map(String::strip).filter(s -> !s.isEmpty());
  }

  private static int intOpt(java.util.function.Function<String, Optional<String>> opt, String key, int dflt) {
    Optional<String> v = opt.apply(key);
    if (v.isEmpty()) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.get());
    } catch (NumberFormatException e) {
      throw new PipelineException("Invalid integer value for " + SECTION + "." + key + ": '" + v.get() + "'");
    }
  }

  private static boolean bool(java.util.function.Function<String, Optional<String>> opt, String key, boolean dflt) {
    Optional<String> v = opt.apply(key);
    return v.isEmpty() ? dflt : PipelineContext.parseBool(SECTION + "." + key, v.get());
  }

  TokenCache cache() {
    return cache;
  }

  /** A token fetched (cache or Keystone); InvalidToken also for expired ones. */
  private KeystoneClient.TokenData fetch(String token, boolean allowExpired)
      throws KeystoneClient.InvalidTokenException, KeystoneClient.KeystoneUnavailableException {
    String key = TokenCache.key(token, allowExpired);
    Object cached = cache.get(key);
    KeystoneClient.TokenData data;
    if (cached == TokenCache.INVALID) {
      throw new KeystoneClient.InvalidTokenException("Token authorization failed (cached)");
    } else if (cached != null) {
      data = (KeystoneClient.TokenData) cached;
    } else {
      try {
        data = keystone.validate(token, allowExpired);
      } catch (KeystoneClient.InvalidTokenException e) {
        cache.putInvalid(key);
        throw e;
      } catch (KeystoneClient.KeystoneUnavailableException e) {
        LOG.error("Unable to validate token: {}", e.getMessage());
        if (delayAuthDecision) {
          throw new KeystoneClient.InvalidTokenException("Keystone unavailable: " + e.getMessage());
        }
        throw e;
      }
      cache.putValid(key, data, allowExpired);
    }
    if (!allowExpired && data.identity().expiredAt(clock.instant())) {
      throw new KeystoneClient.InvalidTokenException("Token authorization failed (expired)");
    }
    return data;
  }

  private static String header(Request request, String name) {
    String v = request.getHeaders().get(name);
    if (v == null) {
      return null;
    }
    v = v.strip();
    return v.isEmpty() ? null : v;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String userToken = header(request, "X-Auth-Token");
    if (userToken == null) {
      userToken = header(request, "X-Storage-Token");
    }
    String serviceToken = header(request, "X-Service-Token");
    Identity service = null;
    Boolean serviceValid = null;
    Identity user = null;
    try {
      boolean allowExpired = false;
      if (serviceToken != null) {
        try {
          service = fetch(serviceToken, false).identity();
          boolean rolesOk = service.roles().stream().anyMatch(serviceTokenRoles::contains);
          serviceValid = serviceTokenRolesRequired ? rolesOk : Boolean.TRUE;
          allowExpired = rolesOk;
          if (!serviceValid) {
            LOG.info("Service token without any of the service_token_roles {}", serviceTokenRoles);
            service = null;
          }
        } catch (KeystoneClient.InvalidTokenException e) {
          LOG.info("Invalid service token");
          serviceValid = Boolean.FALSE;
        }
      }
      if (userToken != null) {
        try {
          KeystoneClient.TokenData data = fetch(userToken, allowExpired);
          checkAccessRules(request, data.token(), serviceToken != null);
          user = data.identity();
        } catch (KeystoneClient.InvalidTokenException e) {
          LOG.info("Invalid user token");
        }
      }
    } catch (KeystoneClient.KeystoneUnavailableException e) {
      Http.webobError(request, response, callback, 503, "Service Unavailable",
          "The server is currently unavailable. Please try again at a later time.<br /><br />\n"
              + UNAVAILABLE_MESSAGE + "\n\n");
      return true;
    }

    boolean ok = user != null && (serviceValid == null || serviceValid);
    if (!ok && !delayAuthDecision) {
      LOG.info("Rejecting request");
      reject(response, callback);
      return true;
    }
    if (!ok) {
      LOG.debug("Deferring reject downstream");
    }
    Request inner = withIdentityHeaders(request, user, serviceValid, service);
    if (user != null) {
      inner.setAttribute(RequestAttributes.IDENTITY, service == null ? user : user.withService(service));
    } else {
      inner.removeAttribute(RequestAttributes.IDENTITY);
    }
    DecoratingResponse decorated =
        new DecoratingResponse(inner, response, r -> {
          if (r.getStatus() == 401) {
            r.getHeaders().add("WWW-Authenticate", wwwAuthenticate);
          }
        });
    return next(inner, decorated, decorated.wrap(callback));
  }

  private void reject(Response response, Callback callback) {
    Map<String, Object> err = new LinkedHashMap<>();
    err.put("code", 401);
    err.put("title", "Unauthorized");
    err.put("message", UNAUTHORIZED_MESSAGE);
    response.getHeaders().put("WWW-Authenticate", wwwAuthenticate);
    Http.write(response, callback, 401, "application/json; charset=UTF-8", PyJson.dumps(Map.of("error", err)));
  }

  /** The request with the client's identity headers replaced by the token's. */
  static Request withIdentityHeaders(Request request, Identity user, Boolean serviceValid, Identity service) {
    HttpFields.Mutable h = HttpFields.build();
    for (HttpField f : request.getHeaders()) {
      if (!AUTH_HEADERS.contains(f.getName())) {
        h.add(f);
      }
    }
    h.put(STATUS, user != null ? "Confirmed" : "Invalid");
    if (serviceValid != null) {
      h.put(SERVICE_STATUS, serviceValid ? "Confirmed" : "Invalid");
    }
    if (user != null) {
      identityHeaders(h, user, "");
      h.put("X-Is-Admin-Project", user.isAdminProject() ? "True" : "False");
      // keystonemiddleware's deprecated aliases
      putIfNotNull(h, "X-Role", user.rolesHeader());
      putIfNotNull(h, "X-User", user.userName());
      putIfNotNull(h, "X-Tenant-Id", user.projectId());
      putIfNotNull(h, "X-Tenant-Name", user.projectName());
      putIfNotNull(h, "X-Tenant", user.projectName());
    }
    if (service != null && Boolean.TRUE.equals(serviceValid)) {
      identityHeaders(h, service, "-Service");
    }
    HttpFields fields = h.asImmutable();
    return new Request.Wrapper(request) {
      @Override
      public HttpFields getHeaders() {
        return fields;
      }
    };
  }

  private static void identityHeaders(HttpFields.Mutable h, Identity id, String prefix) {
    h.put("X" + prefix + "-Roles", id.rolesHeader());
    putIfNotNull(h, "OpenStack-System-Scope", id.systemScope());
    putIfNotNull(h, "X" + prefix + "-Domain-Id", id.domainId());
    putIfNotNull(h, "X" + prefix + "-Domain-Name", id.domainName());
    putIfNotNull(h, "X" + prefix + "-Project-Id", id.projectId());
    putIfNotNull(h, "X" + prefix + "-Project-Name", id.projectName());
    putIfNotNull(h, "X" + prefix + "-Project-Domain-Id", id.projectDomainId());
    putIfNotNull(h, "X" + prefix + "-Project-Domain-Name", id.projectDomainName());
    putIfNotNull(h, "X" + prefix + "-User-Id", id.userId());
    putIfNotNull(h, "X" + prefix + "-User-Name", id.userName());
    putIfNotNull(h, "X" + prefix + "-User-Domain-Id", id.userDomainId());
    putIfNotNull(h, "X" + prefix + "-User-Domain-Name", id.userDomainName());
  }

  private static void putIfNotNull(HttpFields.Mutable h, String name, String value) {
    if (value != null) {
      h.put(name, value);
    }
  }

  /**
   * keystonemiddleware's validate_allowed_request: an application credential restricted by
   * access rules may only call what a rule allows on this service ({@code service_type}). The
   * catalog check is not made (tokens are validated without catalog).
   */
  private void checkAccessRules(Request request, JsonNode token, boolean withServiceToken)
      throws KeystoneClient.InvalidTokenException {
    JsonNode appCred = token.path("application_credential");
    if (!appCred.isObject()) {
      return;
    }
    JsonNode rules = appCred.get("access_rules");
    if (rules == null || rules.isNull()) {
      return;
    }
    if (serviceType == null) {
      LOG.warn("Cannot validate request with restricted access rules. Set service_type in "
          + "[keystone_authtoken] to allow access rule validation.");
      throw new KeystoneClient.InvalidTokenException("Token authorization failed");
    }
    if (withServiceToken) {
      return;
    }
    String method = request.getMethod();
    String path = request.getHttpURI().getPath();
    for (JsonNode rule : rules) {
      if (method.equals(rule.path("method").asText()) && serviceType.equals(rule.path("service").asText())
          && pathMatches(path, rule.path("path").asText())) {
        return;
      }
    }
    throw new KeystoneClient.InvalidTokenException("Token authorization failed");
  }

  private static final Pattern RULE_TOKEN =
      Pattern.compile("(?<tag>\\{[^}]*})|(?<wild>\\*(?=$|[^*]))|(?<recwild>\\*\\*)|(?<literal>[^{}*])");

  /** Access rule paths: {@code {tag}} and {@code *} one segment, {@code **} anything. */
  static boolean pathMatches(String path, String pattern) {
    StringBuilder re = new StringBuilder("^");
    Matcher m = RULE_TOKEN.matcher(pattern);
    while (m.find()) {
      if (m.group("tag") != null || m.group("wild") != null) {
        re.append("[^/]+");
      } else if (m.group("recwild") != null) {
        re.append(".*");
      } else if (m.group("literal") != null) {
        re.append(Pattern.quote(m.group("literal")));
      }
    }
    return Pattern.compile(re.append("$").toString()).matcher(path).find();
  }
}
