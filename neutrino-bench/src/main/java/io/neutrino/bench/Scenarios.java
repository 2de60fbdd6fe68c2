package io.neutrino.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static io.neutrino.bench.Ctx.m;

/** All built-in scenarios. */
public final class Scenarios {
    private Scenarios() {
    }

    private static final Map<String, Supplier<Scenario>> ALL = new LinkedHashMap<>();

    static {
        reg(CreateNetworkSubnet::new);
        reg(CreatePort::new);
        reg(CreateAndDeletePort::new);
        reg(CreateAndUpdatePort::new);
        reg(() -> new ListPorts(1_000));
        reg(() -> new ListPorts(10_000));
        reg(() -> new ListPorts(100_000));
        reg(ListPortsFiltered::new);
        reg(ShowPort::new);
        reg(DeletePort::new);
        reg(CreateAndListNetworks::new);
        reg(CreateAndListSubnets::new);
        reg(CreateAndListPorts::new);
        reg(CreateAndListRouters::new);
        reg(CreateAndListSecurityGroupRules::new);
        reg(CreateAndDeleteFloatingIps::new);
    }

    private static void reg(Supplier<Scenario> s) {
        ALL.put(s.get().name(), s);
    }

    public static List<String> names() {
        return new ArrayList<>(ALL.keySet());
    }

    public static boolean exists(String name) {
        return ALL.containsKey(name);
    }

    public static Scenario create(String name) {
        Supplier<Scenario> s = ALL.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown scenario '" + name + "'; known: " + String.join(", ", ALL.keySet()));
        }
        return s.get();
    }

    /** Is this one of the "GET the whole port collection" scenarios plotted against collection size? */
    /** Rally's create_and_list_*: each operation creates, then lists the collection it grows. */
    public static boolean isCreateAndList(String name) {
        return name.startsWith("create_and_list_");
    }

    public static boolean isListScenario(String name) {
        return name.startsWith("list_ports_") && !name.equals("list_ports_filtered");
    }

    // =================================================================== ports

    static final class CreateNetworkSubnet extends Scenario {
        public String name() { return "create_network_subnet"; }
        public String description() { return "POST network, then POST a 10.x.y.0/24 subnet on it"; }

        public void run(Worker w, Object p) throws Exception {
            String net = ctx.createNetwork(Map.of());
            ctx.createSubnet(net, ctx.nextCidr24(), Map.of());
        }
    }

    static final class CreatePort extends Scenario {
        String net;
        public String name() { return "create_port"; }
        public String description() { return "POST port on one pre-created network with a /16 subnet"; }

        public void setup() throws Exception {
            net = ctx.createPortNetwork();
        }

        public void run(Worker w, Object p) throws Exception {
            ctx.createPort(net, Map.of());
        }
    }

    static final class CreateAndDeletePort extends Scenario {
        String net;
        public String name() { return "create_and_delete_port"; }
        public String description() { return "POST port then DELETE it (one sample for both)"; }

        public void setup() throws Exception {
            net = ctx.createPortNetwork();
        }

        public void run(Worker w, Object p) throws Exception {
            String id = ctx.createPort(net, Map.of()).path("id").asText();
            String path = "/v2.0/ports/" + id;
            ctx.api.delete(path);
            ctx.cleanup.forget(Cleanup.Stage.PORT, path);
        }
    }

    static final class CreateAndUpdatePort extends Scenario {
        String net;
        public String name() { return "create_and_update_port"; }
        public String description() { return "POST port then PUT a new name on it (one sample for both)"; }

        public void setup() throws Exception {
            net = ctx.createPortNetwork();
        }

        public void run(Worker w, Object p) throws Exception {
            String id = ctx.createPort(net, Map.of()).path("id").asText();
            ctx.api.put("/v2.0/ports/" + id, Map.of("port", m("name", ctx.name("upd"), "admin_state_up", false)));
        }
    }

    /** Seeds ports (device_id cycles over 100 values) on one network. */
    abstract static class SeededPorts extends Scenario {
        static final int DEVICES = 100;
        String net;
        List<String> ids;
        long collection = -1;

        public int seedCount() { return 1_000; }

        public void setup() throws Exception {
            int n = seedCount();
            net = ctx.createPortNetwork(n);
            ctx.log.println("  seeding " + n + " ports (bulk, " + Ctx.BULK_BATCH + " per request)...");
            long t0 = System.nanoTime();
            ids = ctx.seedPorts(net, n, i -> m("device_id", deviceId(i % DEVICES)));
            collection = ctx.countPorts(null);
            ctx.log.printf("  seeded %d ports in %.1fs; the endpoint lists %d ports%n",
                    ids.size(), (System.nanoTime() - t0) / 1e9, collection);
        }

        String deviceId(int i) {
            return ctx.prefix + "dev-" + i;
        }

        public Long collectionSize() {
            return collection >= 0 ? collection : ids == null ? null : (long) ids.size();
        }
    }

    static final class ListPorts extends SeededPorts {
        final int n;
        ListPorts(int n) { this.n = n; }
        public int seedCount() { return n; }
        public String name() { return "list_ports_" + (n >= 1000 && n % 1000 == 0 ? n / 1000 + "k" : n); }
        public String description() { return "seed " + n + " ports (bulk POST), then GET /v2.0/ports"; }

        public void run(Worker w, Object p) throws Exception {
            ctx.api.call("GET", "/v2.0/ports", null);
        }
    }

    static final class ListPortsFiltered extends SeededPorts {
        String project;
        public String name() { return "list_ports_filtered"; }
        public String description() {
            return "seed 1000 ports, then GET /v2.0/ports?device_id=X / ?network_id=Y / ?project_id=Z alternating";
        }

        public void setup() throws Exception {
            super.setup();
            project = ctx.projectId;
            if (project == null && !ids.isEmpty()) {
                JsonNode port = ctx.api.get("/v2.0/ports/" + ids.get(0)).path("port");
                project = port.path("project_id").asText(port.path("tenant_id").asText(null));
            }
        }

        public void run(Worker w, Object p) throws Exception {
            String q = switch ((int) (w.seq % 3)) {
                case 0 -> "device_id=" + deviceId(ThreadLocalRandom.current().nextInt(DEVICES));
                case 1 -> "network_id=" + net;
                default -> project != null ? "project_id=" + project : "network_id=" + net;
            };
            ctx.api.call("GET", "/v2.0/ports?" + q, null);
        }
    }

    static final class ShowPort extends SeededPorts {
        public String name() { return "show_port"; }
        public String description() { return "seed 500 ports, then GET /v2.0/ports/{random one of them}"; }
        public int seedCount() { return 500; }

        public void run(Worker w, Object p) throws Exception {
            ctx.api.call("GET", "/v2.0/ports/" + ids.get(ThreadLocalRandom.current().nextInt(ids.size())), null);
        }

        public Long collectionSize() { return null; }
    }

    static final class DeletePort extends Scenario {
        static final int REFILL = 100;
        String net;
        public String name() { return "delete_port"; }
        public String description() {
            return "DELETE port; each client bulk-creates its ports " + REFILL + " at a time, unmeasured";
        }

        public void setup() throws Exception {
            net = ctx.createPortNetwork();
        }

        @SuppressWarnings("unchecked")
        public Object prepare(Worker w) throws Exception {
            ArrayDeque<String> pool = (ArrayDeque<String>) w.state;
            if (pool == null) {
                pool = new ArrayDeque<>();
                w.state = pool;
            }
            if (pool.isEmpty()) {
                pool.addAll(ctx.seedPorts(net, REFILL, null));
            }
            return pool.poll();
        }

        public void run(Worker w, Object id) throws Exception {
            String path = "/v2.0/ports/" + id;
            ctx.api.delete(path);
            ctx.cleanup.forget(Cleanup.Stage.PORT, path);
        }
    }

    // =================================================================== Rally-style

    static final class CreateAndListNetworks extends Scenario {
        public String name() { return "create_and_list_networks"; }
        public String description() { return "POST network, then GET /v2.0/networks"; }

        public void run(Worker w, Object p) throws Exception {
            ctx.createNetwork(Map.of());
            ctx.api.call("GET", "/v2.0/networks", null);
        }
    }

    static final class CreateAndListSubnets extends Scenario {
        String net;
        public String name() { return "create_and_list_subnets"; }
        public String description() { return "POST a /24 subnet on a shared network, then GET /v2.0/subnets"; }

        public void setup() throws Exception {
            net = ctx.createNetwork(Map.of());
        }

        public void run(Worker w, Object p) throws Exception {
            ctx.createSubnet(net, ctx.nextCidr24(), Map.of());
            ctx.api.call("GET", "/v2.0/subnets", null);
        }
    }

    static final class CreateAndListPorts extends Scenario {
        String net;
        public String name() { return "create_and_list_ports"; }
        public String description() { return "POST port on a shared /16 network, then GET /v2.0/ports"; }

        public void setup() throws Exception {
            net = ctx.createPortNetwork();
        }

        public void run(Worker w, Object p) throws Exception {
            ctx.createPort(net, Map.of());
            ctx.api.call("GET", "/v2.0/ports", null);
        }
    }

    static final class CreateAndListRouters extends Scenario {
        String net;
        public String name() { return "create_and_list_routers"; }
        public String description() {
            return "POST subnet, POST router, PUT add_router_interface, then GET /v2.0/routers";
        }

        public String unsupportedReason() {
            return requireExtensions("router");
        }

        public void setup() throws Exception {
            net = ctx.createNetwork(Map.of());
        }

        public void run(Worker w, Object p) throws Exception {
            String subnet = ctx.createSubnet(net, ctx.nextCidr24(), Map.of());
            String router = ctx.api.post("/v2.0/routers", ctx.body("router", m("name", ctx.name("router"))))
                    .path("router").path("id").asText();
            ctx.cleanup.delete(Cleanup.Stage.ROUTER, "/v2.0/routers/" + router);
            ctx.api.put("/v2.0/routers/" + router + "/add_router_interface", Map.of("subnet_id", subnet));
            ctx.cleanup.add(Cleanup.Stage.ROUTER_INTERFACE, router + "/" + subnet,
                    api -> api.put("/v2.0/routers/" + router + "/remove_router_interface", Map.of("subnet_id", subnet)));
            ctx.api.call("GET", "/v2.0/routers", null);
        }
    }

    static final class CreateAndListSecurityGroupRules extends Scenario {
        final AtomicLong counter = new AtomicLong();
        String sg;
        public String name() { return "create_and_list_security_group_rules"; }
        public String description() {
            return "POST a distinct rule on a shared security group, then GET /v2.0/security-group-rules";
        }

        public String unsupportedReason() {
            return requireExtensions("security-group");
        }

        public void setup() throws Exception {
            sg = ctx.api.post("/v2.0/security-groups",
                            ctx.body("security_group", m("name", ctx.name("sg"), "description", "neutrino-bench")))
                    .path("security_group").path("id").asText();
            ctx.cleanup.delete(Cleanup.Stage.SECURITY_GROUP, "/v2.0/security-groups/" + sg);
        }

        public void run(Worker w, Object p) throws Exception {
            long n = counter.getAndIncrement();
            int port = (int) (n % 65535) + 1;
            String proto = (n / 65535) % 2 == 0 ? "tcp" : "udp";
            String prefix = "10." + ((n / 131070) % 256) + ".0.0/16";
            String id = ctx.api.post("/v2.0/security-group-rules", ctx.body("security_group_rule", m(
                            "security_group_id", sg, "direction", "ingress", "ethertype", "IPv4",
                            "protocol", proto, "port_range_min", port, "port_range_max", port,
                            "remote_ip_prefix", prefix)))
                    .path("security_group_rule").path("id").asText();
            ctx.cleanup.delete(Cleanup.Stage.SECURITY_GROUP_RULE, "/v2.0/security-group-rules/" + id);
            ctx.api.call("GET", "/v2.0/security-group-rules", null);
        }
    }

    static final class CreateAndDeleteFloatingIps extends Scenario {
        String ext;
        public String name() { return "create_and_delete_floating_ips"; }
        public String description() {
            return "POST floatingip on an external network (created as admin), then DELETE it";
        }

        public String unsupportedReason() {
            return requireExtensions("router", "external-net");
        }

        public void setup() throws Exception {
            try {
                ext = ctx.createNetwork(m("router:external", true));
            } catch (ApiException e) {
                throw new IllegalStateException("cannot create an external network (needs admin): " + e.getMessage(), e);
            }
            ctx.createSubnet(ext, ctx.nextCidrExternal(), m("enable_dhcp", false));
        }

        public void run(Worker w, Object p) throws Exception {
            String id = ctx.api.post("/v2.0/floatingips", ctx.body("floatingip", m("floating_network_id", ext)))
                    .path("floatingip").path("id").asText();
            String path = "/v2.0/floatingips/" + id;
            ctx.cleanup.delete(Cleanup.Stage.FLOATINGIP, path);
            ctx.api.delete(path);
            ctx.cleanup.forget(Cleanup.Stage.FLOATINGIP, path);
        }
    }
}
