package io.neutrino.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Tiny in-memory stand-in for a Neutron v2.0 endpoint, just enough for the bench scenarios. */
final class FakeNeutron implements AutoCloseable {
    static final Map<String, String> SINGULAR = Map.of(
            "networks", "network", "subnets", "subnet", "ports", "port", "routers", "router",
            "security-groups", "security_group", "security-group-rules", "security_group_rule",
            "floatingips", "floatingip");

    static {
        // without it the JDK server's separate header/body writes hit Nagle + delayed ACK (~40 ms per request)
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    final Map<String, Map<String, ObjectNode>> store = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger bulkRequests = new AtomicInteger();
    final AtomicInteger tokenRequests = new AtomicInteger();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    FakeNeutron() throws IOException {
        for (String c : SINGULAR.keySet()) {
            store.put(c, new ConcurrentHashMap<>());
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int remaining() {
        return store.values().stream().mapToInt(Map::size).sum();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        if (ex.getRequestHeaders().containsKey("X-auth-token")) {
            tokenRequests.incrementAndGet();
        }
        try {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            String query = ex.getRequestURI().getRawQuery();
            byte[] in = ex.getRequestBody().readAllBytes();
            if (path.equals("/v3/auth/tokens") && method.equals("POST")) {
                JsonNode auth = Api.JSON.readTree(in).path("auth");
                String pw = auth.path("identity").path("password").path("user").path("password").asText();
                String project = auth.path("scope").path("project").path("name").asText();
                if (!pw.equals("secret")) {
                    send(ex, 401, error("The request you have made requires authentication."));
                    return;
                }
                ex.getResponseHeaders().set("X-Subject-Token", "tok-" + project);
                ObjectNode r = Api.JSON.createObjectNode();
                r.putObject("token").putObject("project").put("id", "id-of-" + project).put("name", project);
                send(ex, 201, r);
                return;
            }
            String token = ex.getRequestHeaders().getFirst("X-Auth-Token");
            if (token != null && !token.startsWith("tok-")) {
                send(ex, 401, error("bad token"));
                return;
            }
            String[] seg = path.replaceAll("^/+|/+$", "").split("/");
            if (seg.length < 2 || !seg[0].equals("v2.0")) {
                send(ex, 404, error("not found"));
                return;
            }
            if (seg[1].equals("extensions") && method.equals("GET")) {
                ObjectNode r = Api.JSON.createObjectNode();
                ArrayNode a = r.putArray("extensions");
                for (String alias : List.of("router", "security-group", "external-net")) {
                    a.addObject().put("alias", alias).put("name", alias);
                }
                send(ex, 200, r);
                return;
            }
            String coll = seg[1];
            String singular = SINGULAR.get(coll);
            if (singular == null) {
                send(ex, 404, error("no such collection " + coll));
                return;
            }
            Map<String, ObjectNode> items = store.get(coll);
            if (seg.length == 2) {
                if (method.equals("GET")) {
                    Map<String, String> filters = parseQuery(query);
                    filters.remove("fields");
                    ObjectNode r = Api.JSON.createObjectNode();
                    ArrayNode a = r.putArray(coll);
                    for (ObjectNode o : items.values()) {
                        boolean match = filters.entrySet().stream()
                                .allMatch(f -> f.getValue().equals(o.path(f.getKey()).asText(null)));
                        if (match) {
                            a.add(o);
                        }
                    }
                    send(ex, 200, r);
                } else if (method.equals("POST")) {
                    JsonNode body = Api.JSON.readTree(in);
                    ObjectNode r = Api.JSON.createObjectNode();
                    if (body.has(coll)) {
                        bulkRequests.incrementAndGet();
                        ArrayNode a = r.putArray(coll);
                        for (JsonNode n : body.get(coll)) {
                            a.add(create(items, (ObjectNode) n));
                        }
                    } else if (body.path(singular).isObject()) {
                        r.set(singular, create(items, (ObjectNode) body.get(singular)));
                    } else {
                        send(ex, 400, error("bad body"));
                        return;
                    }
                    send(ex, 201, r);
                } else {
                    send(ex, 405, error("method"));
                }
                return;
            }
            String id = seg[2];
            ObjectNode item = items.get(id);
            if (item == null) {
                send(ex, 404, error(singular + " " + id + " could not be found."));
                return;
            }
            if (seg.length == 4 && coll.equals("routers") && method.equals("PUT")) {
                send(ex, 200, Api.JSON.createObjectNode().put("id", id));
                return;
            }
            switch (method) {
                case "GET" -> send(ex, 200, Api.JSON.createObjectNode().set(singular, item));
                case "PUT" -> {
                    item.setAll((ObjectNode) Api.JSON.readTree(in).get(singular));
                    send(ex, 200, Api.JSON.createObjectNode().set(singular, item));
                }
                case "DELETE" -> {
                    items.remove(id);
                    send(ex, 204, null);
                }
                default -> send(ex, 405, error("method"));
            }
        } catch (Exception e) {
            send(ex, 500, error(e.toString()));
        }
    }

    private static ObjectNode create(Map<String, ObjectNode> items, ObjectNode attrs) {
        ObjectNode o = attrs.deepCopy();
        String id = UUID.randomUUID().toString();
        o.put("id", id);
        if (!o.has("project_id")) {
            o.put("project_id", "fake-project");
        }
        o.put("tenant_id", o.get("project_id").asText());
        items.put(id, o);
        return o;
    }

    private static Map<String, String> parseQuery(String q) {
        Map<String, String> m = new LinkedHashMap<>();
        if (q == null || q.isEmpty()) {
            return m;
        }
        for (String kv : q.split("&")) {
            int i = kv.indexOf('=');
            m.put(URLDecoder.decode(i < 0 ? kv : kv.substring(0, i), StandardCharsets.UTF_8),
                    i < 0 ? "" : URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    private static ObjectNode error(String msg) {
        ObjectNode r = Api.JSON.createObjectNode();
        r.putObject("NeutronError").put("type", "Fake").put("message", msg);
        return r;
    }

    private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        if (body == null) {
            ex.sendResponseHeaders(status, -1);
            ex.close();
            return;
        }
        byte[] b = Api.JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(b);
        }
    }
}
