package io.neutrino.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/** Everything a scenario needs: the client, the cleanup registry, helpers to create resources. */
public final class Ctx {
    public static final int BULK_BATCH = 500;

    public final Api api;
    public final Cleanup cleanup = new Cleanup();
    public final ExecutorService pool;
    public final PrintStream log;
    public final Set<String> extensions;
    /** Project id from the Keystone token or --project-id; may be null. */
    public final String projectId;
    /** In noauth mode with --project-id, put project_id into every create body. */
    public final boolean projectInBody;
    public final int portSubnetPrefix;
    /** Unique name prefix of this run, e.g. "bench-1a2b3c-". */
    public final String prefix;

    private final AtomicLong names = new AtomicLong();
    private final AtomicLong cidr24;
    private final AtomicLong cidrBig;
    private final AtomicLong cidrExt;
    private final AtomicBoolean bulkUnsupported = new AtomicBoolean();

    public Ctx(Api api, ExecutorService pool, PrintStream log, Set<String> extensions, String projectId,
               boolean projectInBody, int portSubnetPrefix) {
        this.api = api;
        this.pool = pool;
        this.log = log;
        this.extensions = extensions == null ? Set.of() : Collections.unmodifiableSet(extensions);
        this.projectId = projectId;
        this.projectInBody = projectInBody;
        this.portSubnetPrefix = portSubnetPrefix;
        ThreadLocalRandom r = ThreadLocalRandom.current();
        this.prefix = "bench-" + Long.toString(r.nextLong(36L * 36 * 36 * 36 * 36 * 36), 36) + "-";
        this.cidr24 = new AtomicLong(r.nextInt(32768));
        this.cidrBig = new AtomicLong(r.nextInt(128));
        this.cidrExt = new AtomicLong(r.nextInt(16));
    }

    public String name(String kind) {
        return prefix + kind + "-" + names.incrementAndGet();
    }

    // ---------------------------------------------------------------- CIDRs

    /** Unique 10.x.y.0/24 with x in 0..127 (32768 of them, then they repeat). */
    public String nextCidr24() {
        long n = Math.floorMod(cidr24.getAndIncrement(), 32768L);
        return "10." + (n / 256) + "." + (n % 256) + ".0/24";
    }

    /** A large subnet for ports inside 10.128.0.0/9, of --port-subnet-prefix (9..24, default 16). */
    public String nextCidrBig() {
        return nextCidrBig(0);
    }

    /**
     * As {@link #nextCidrBig()}, widened when it would be more than half full with {@code ports}
     * (a /16 holds 65,533 ports; random address picks slow down as a subnet fills).
     */
    public String nextCidrBig(int ports) {
        int p = Math.max(9, Math.min(24, portSubnetPrefix));
        while (p > 9 && (1L << (32 - p)) < 2L * ports) {
            p--;
        }
        int units = p >= 16 ? 1 : 1 << (16 - p);
        long k = Math.floorMod(cidrBig.getAndIncrement(), 128L / units);
        return "10." + (128 + k * units) + ".0.0/" + p;
    }

    /** Subnet for external networks: 172.16-31.0.0/16. */
    public String nextCidrExternal() {
        long k = Math.floorMod(cidrExt.getAndIncrement(), 16L);
        return "172." + (16 + k) + ".0.0/16";
    }

    // ---------------------------------------------------------------- bodies

    public static Map<String, Object> m(Object... kv) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put((String) kv[i], kv[i + 1]);
        }
        return out;
    }

    /** {"key": attrs}, adding project_id in noauth mode. */
    public Map<String, Object> body(String key, Map<String, Object> attrs) {
        return Map.of(key, withProject(attrs));
    }

    public Map<String, Object> withProject(Map<String, Object> attrs) {
        if (projectInBody && projectId != null && !attrs.containsKey("project_id")) {
            Map<String, Object> copy = new LinkedHashMap<>(attrs);
            copy.put("project_id", projectId);
            return copy;
        }
        return attrs;
    }

    // ---------------------------------------------------------------- resources

    public String createNetwork(Map<String, Object> extra) throws Exception {
        Map<String, Object> attrs = m("name", name("net"));
        attrs.putAll(extra);
        String id = api.post("/v2.0/networks", body("network", attrs)).path("network").path("id").asText();
        cleanup.delete(Cleanup.Stage.NETWORK, "/v2.0/networks/" + id);
        return id;
    }

    public String createSubnet(String networkId, String cidr, Map<String, Object> extra) throws Exception {
        Map<String, Object> attrs = m("name", name("subnet"), "network_id", networkId, "ip_version", 4, "cidr", cidr);
        attrs.putAll(extra);
        String id = api.post("/v2.0/subnets", body("subnet", attrs)).path("subnet").path("id").asText();
        cleanup.delete(Cleanup.Stage.SUBNET, "/v2.0/subnets/" + id);
        return id;
    }

    public JsonNode createPort(String networkId, Map<String, Object> extra) throws Exception {
        Map<String, Object> attrs = m("name", name("port"), "network_id", networkId);
        attrs.putAll(extra);
        JsonNode port = api.post("/v2.0/ports", body("port", attrs)).path("port");
        cleanup.delete(Cleanup.Stage.PORT, "/v2.0/ports/" + port.path("id").asText());
        return port;
    }

    /** A network with one large subnet that many ports fit on. Returns the network id. */
    public String createPortNetwork() throws Exception {
        return createPortNetwork(0);
    }

    /** As {@link #createPortNetwork()}, with room for at least {@code ports} ports. */
    public String createPortNetwork(int ports) throws Exception {
        String net = createNetwork(Map.of());
        createSubnet(net, nextCidrBig(ports), Map.of());
        return net;
    }

    /**
     * Creates {@code n} ports on a network with bulk POST /v2.0/ports in batches of 500, batches in
     * parallel. Falls back to one-by-one creation if the endpoint rejects bulk requests.
     */
    public List<String> seedPorts(String networkId, int n, IntFunction<Map<String, Object>> extra) throws Exception {
        List<Future<List<String>>> fs = new ArrayList<>();
        for (int start = 0; start < n; start += BULK_BATCH) {
            int from = start;
            int to = Math.min(n, start + BULK_BATCH);
            fs.add(pool.submit(() -> createPortBatch(networkId, from, to, extra)));
        }
        List<String> ids = new ArrayList<>(n);
        try {
            for (Future<List<String>> f : fs) {
                ids.addAll(f.get());
            }
        } catch (ExecutionException e) {
            for (Future<?> f : fs) {
                f.cancel(false);
            }
            Throwable c = e.getCause();
            throw c instanceof Exception ex ? ex : new RuntimeException(c);
        }
        return ids;
    }

    private List<String> createPortBatch(String networkId, int from, int to, IntFunction<Map<String, Object>> extra)
            throws Exception {
        List<Map<String, Object>> ports = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            Map<String, Object> attrs = m("name", prefix + "seed-" + i, "network_id", networkId);
            if (extra != null) {
                attrs.putAll(extra.apply(i));
            }
            ports.add(withProject(attrs));
        }
        List<String> ids = new ArrayList<>(ports.size());
        if (!bulkUnsupported.get()) {
            try {
                JsonNode r = api.post("/v2.0/ports", Map.of("ports", ports));
                for (JsonNode p : r.path("ports")) {
                    String id = p.path("id").asText();
                    cleanup.delete(Cleanup.Stage.PORT, "/v2.0/ports/" + id);
                    ids.add(id);
                }
                if (ids.size() == ports.size()) {
                    return ids;
                }
                throw new IllegalStateException("bulk create returned " + ids.size() + " of " + ports.size() + " ports");
            } catch (ApiException e) {
                if (e.status() != 400 && e.status() != 404 && e.status() != 405 && e.status() != 501) {
                    throw e;
                }
                if (bulkUnsupported.compareAndSet(false, true)) {
                    log.println("  bulk port create rejected (" + e.getMessage() + "); creating ports one by one");
                }
            }
        }
        for (Map<String, Object> attrs : ports) {
            JsonNode p = api.post("/v2.0/ports", Map.of("port", attrs)).path("port");
            String id = p.path("id").asText();
            cleanup.delete(Cleanup.Stage.PORT, "/v2.0/ports/" + id);
            ids.add(id);
        }
        return ids;
    }

    /** Number of ports the endpoint lists (cheap: fields=id), or -1 if that fails. */
    public long countPorts(String query) {
        try {
            return api.get("/v2.0/ports?fields=id" + (query == null ? "" : "&" + query)).path("ports").size();
        } catch (Exception e) {
            return -1;
        }
    }

    public boolean hasExtension(String alias) {
        return extensions.contains(alias);
    }
}
