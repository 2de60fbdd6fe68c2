package io.neutrino.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Thin synchronous JSON client for a Neutron v2.0 endpoint (HTTP/1.1, shared pool of keep-alive
 * connections). Apache HttpClient's classic (blocking) client: a request is written and its
 * answer read on the calling thread. The JDK's HttpClient hands each request between threads
 * (caller, selector, executor), which cost the load generator more CPU than a fast server spends
 * answering a show, on the same two cores.
 *
 * <p>No socket read timeouts: a JDK socket read with one turns non-blocking for good, and
 * each wait for an answer then costs a read that finds nothing, a poll and a second read instead
 * of one blocking read, with the client's CPU in the measured latency and taken from the server's
 * two cores. A request's deadline is kept by {@link Deadlines} instead.
 */
public final class Api {
    public static final ObjectMapper JSON = new ObjectMapper();
    /** More than any client count plus the setup's parallel requests. */
    private static final int MAX_CONNECTIONS = 4096;

    private final CloseableHttpClient http;
    private final Deadlines deadlines;
    private final String base;
    private volatile String token;
    private volatile String projectHeader;

    /** An answer: status, body (empty if none) and its {@code X-Subject-Token} header, if any. */
    public record Response(int statusCode, byte[] body, String subjectToken) {
    }

    public Api(String endpoint, Duration timeout) {
        this.base = stripSlash(endpoint);
        this.deadlines = new Deadlines(timeout);
        Timeout perRequest = Timeout.of(timeout.toMillis(), TimeUnit.MILLISECONDS);
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(10))
                                .setSocketTimeout(Timeout.DISABLED)
                                // HttpClient checks a connection idle for a while with a read of
                                // 1 ms timeout, which would make its socket non-blocking too: idle
                                // connections are closed before they get one (evictIdleConnections).
                                .setValidateAfterInactivity(TimeValue.ofSeconds(30))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.DISABLED)
                        .setConnectionRequestTimeout(perRequest)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableContentCompression()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofSeconds(1))
                .build();
    }

    static String stripSlash(String s) {
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    public String base() {
        return base;
    }

    public void token(String token) {
        this.token = token;
    }

    public void projectHeader(String projectId) {
        this.projectHeader = projectId;
    }

    public Response send(String method, String path, Object body) throws IOException {
        HttpUriRequestBase req = new HttpUriRequestBase(method, java.net.URI.create(base + path));
        req.setHeader("Accept", "application/json");
        if (token != null) {
            req.setHeader("X-Auth-Token", token);
        }
        if (projectHeader != null) {
            req.setHeader("X-Project-Id", projectHeader);
        }
        if (body != null) {
            req.setEntity(new ByteArrayEntity(JSON.writeValueAsBytes(body), ContentType.APPLICATION_JSON));
        }
        try {
            return execute(req);
        } catch (IOException e) {
            throw new IOException(method + " " + base + ApiException.templ(path) + " failed: " + ApiException.describe(e), e);
        }
    }

    private Response execute(HttpUriRequestBase req) throws IOException {
        deadlines.start(req);
        try {
            return http.execute(req, r -> {
                Header subject = r.getFirstHeader("X-Subject-Token");
                return new Response(r.getCode(), r.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(r.getEntity()),
                        subject == null ? null : subject.getValue());
            });
        } catch (IOException e) {
            if (req.isCancelled()) {
                SocketTimeoutException late = new SocketTimeoutException("no answer within " + deadlines.timeout.toMillis() + " ms");
                late.initCause(e);
                throw late;
            }
            throw e;
        } finally {
            deadlines.end(req);
        }
    }

    /**
     * The requests under way and when each must have its answer; one daemon thread cancels those
     * past it (HttpClient then closes the connection, and the request fails as timed out). Checked
     * every quarter of the timeout, at most every second, so a request may run that much longer;
     * a map entry per request costs no system call, where a timer task per request would wake a
     * thread each time. (A connect keeps its own 10 s timeout: connecting leaves the socket
     * blocking.)
     */
    static final class Deadlines {
        final Duration timeout;
        private final Map<HttpUriRequestBase, Long> due = new ConcurrentHashMap<>();

        Deadlines(Duration timeout) {
            this.timeout = timeout;
            long every = Math.max(10, Math.min(1_000, timeout.toMillis() / 4));
            Thread watch = new Thread(() -> {
                while (true) {
                    try {
                        Thread.sleep(every);
                    } catch (InterruptedException e) {
                        return;
                    }
                    long now = System.nanoTime();
                    due.forEach((req, deadline) -> {
                        if (now - deadline > 0) {
                            req.cancel();
                        }
                    });
                }
            }, "request-deadlines");
            watch.setDaemon(true);
            watch.start();
        }

        void start(HttpUriRequestBase req) {
            due.put(req, System.nanoTime() + timeout.toNanos());
        }

        void end(HttpUriRequestBase req) {
            due.remove(req);
        }
    }

    /** Sends and checks for 2xx; returns the raw body without parsing it. */
    public byte[] call(String method, String path, Object body) throws IOException, InterruptedException, ApiException {
        Response r = send(method, path, body);
        if (r.statusCode() / 100 != 2) {
            throw new ApiException(method, path, r.statusCode(), r.body());
        }
        return r.body();
    }

    public JsonNode json(String method, String path, Object body) throws IOException, InterruptedException, ApiException {
        byte[] b = call(method, path, body);
        return b.length == 0 ? JSON.nullNode() : JSON.readTree(b);
    }

    public JsonNode get(String path) throws IOException, InterruptedException, ApiException {
        return json("GET", path, null);
    }

    public JsonNode post(String path, Object body) throws IOException, InterruptedException, ApiException {
        return json("POST", path, body);
    }

    public JsonNode put(String path, Object body) throws IOException, InterruptedException, ApiException {
        return json("PUT", path, body);
    }

    public void delete(String path) throws IOException, InterruptedException, ApiException {
        call("DELETE", path, null);
    }

    /** Keystone v3 password authentication with project scope; sets the token on this client. */
    public KeystoneToken authenticate(String keystoneUrl, String user, String password, String project,
                                      String userDomain, String projectDomain)
            throws IOException, InterruptedException, ApiException {
        Map<String, Object> auth = Map.of("auth", Map.of(
                "identity", Map.of(
                        "methods", List.of("password"),
                        "password", Map.of("user", Map.of(
                                "name", user,
                                "domain", Map.of("name", userDomain),
                                "password", password))),
                "scope", Map.of("project", Map.of(
                        "name", project,
                        "domain", Map.of("name", projectDomain)))));
        String url = stripSlash(keystoneUrl);
        if (!url.endsWith("/v3")) {
            url = url + "/v3";
        }
        url = url + "/auth/tokens";
        HttpUriRequestBase req = new HttpUriRequestBase("POST", java.net.URI.create(url));
        req.setHeader("Accept", "application/json");
        req.setEntity(new ByteArrayEntity(JSON.writeValueAsBytes(auth), ContentType.APPLICATION_JSON));
        Response r;
        try {
            r = execute(req);
        } catch (IOException e) {
            throw new IOException("POST " + url + " failed: " + ApiException.describe(e), e);
        }
        if (r.statusCode() / 100 != 2) {
            throw new ApiException("POST", url, r.statusCode(), r.body());
        }
        String tok = r.subjectToken();
        if (tok == null) {
            throw new IOException("Keystone answered without X-Subject-Token");
        }
        JsonNode body = JSON.readTree(r.body());
        String projectId = body.path("token").path("project").path("id").asText(null);
        token(tok);
        return new KeystoneToken(tok, projectId);
    }

    public record KeystoneToken(String token, String projectId) {
    }
}
