package io.neutrino.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Thin synchronous JSON client for a Neutron v2.0 endpoint (HTTP/1.1, shared connection pool). */
public final class Api {
    public static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String base;
    private final Duration timeout;
    private volatile String token;
    private volatile String projectHeader;

    public Api(String endpoint, Duration timeout) {
        this.base = stripSlash(endpoint);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
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

    public HttpResponse<byte[]> send(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Accept", "application/json");
        if (token != null) {
            b.header("X-Auth-Token", token);
        }
        if (projectHeader != null) {
            b.header("X-Project-Id", projectHeader);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IOException(method + " " + base + ApiException.templ(path) + " failed: " + ApiException.describe(e), e);
        }
    }

    /** Sends and checks for 2xx; returns the raw body without parsing it. */
    public byte[] call(String method, String path, Object body) throws IOException, InterruptedException, ApiException {
        HttpResponse<byte[]> r = send(method, path, body);
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
        HttpRequest req = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(auth)))
                .build();
        HttpResponse<byte[]> r;
        try {
            r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IOException("POST " + url + " failed: " + ApiException.describe(e), e);
        }
        if (r.statusCode() / 100 != 2) {
            throw new ApiException("POST", url, r.statusCode(), r.body());
        }
        String tok = r.headers().firstValue("X-Subject-Token")
                .orElseThrow(() -> new IOException("Keystone answered without X-Subject-Token"));
        JsonNode body = JSON.readTree(r.body());
        String projectId = body.path("token").path("project").path("id").asText(null);
        token(tok);
        return new KeystoneToken(tok, projectId);
    }

    public record KeystoneToken(String token, String projectId) {
    }
}
