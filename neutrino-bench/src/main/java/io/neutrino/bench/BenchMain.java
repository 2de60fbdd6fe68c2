package io.neutrino.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Command(name = "neutrino-bench", mixinStandardHelpOptions = true, version = "neutrino-bench 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Load generator for any Neutron v2.0-compatible HTTP endpoint.%n"
                + "Each scenario sets up what it needs, measures one operation, then deletes what it created.")
public final class BenchMain implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--endpoint", paramLabel = "URL", description = "Neutron endpoint, e.g. http://127.0.0.1:9696")
    String endpoint;

    @Option(names = {"-c", "--clients"}, split = ",", splitSynopsisLabel = ",", paramLabel = "N", defaultValue = "1",
            description = "Concurrent clients; a comma list is a sweep (default: ${DEFAULT-VALUE})")
    List<Integer> clients = new ArrayList<>();

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "10s", description = "Measured time per scenario and client count, e.g. 20s, 500ms, 2m "
            + "(default: ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = {"-n", "--ops"}, paramLabel = "N",
            description = "Measure exactly N operations (across all clients) instead of a duration")
    Long ops;

    @Option(names = {"-s", "--scenario"}, split = ",", splitSynopsisLabel = ",", paramLabel = "NAME",
            description = "Scenarios to run, or 'all' (see --list-scenarios)")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--warmup", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "0s",
            description = "Unrecorded warm-up before each measurement (default: ${DEFAULT-VALUE})")
    Duration warmup;

    @Option(names = "--keystone", paramLabel = "URL", description = "Keystone v3 URL, e.g. http://127.0.0.1:5000/v3; "
            + "without it no token is sent (noauth)")
    String keystone;

    @Option(names = "--user", paramLabel = "USER", defaultValue = "admin", description = "Keystone user (default: ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD", description = "Keystone password")
    String password;

    @Option(names = "--project", paramLabel = "PROJECT", defaultValue = "admin", description = "Keystone project (default: ${DEFAULT-VALUE})")
    String project;

    @Option(names = "--user-domain", paramLabel = "DOMAIN", defaultValue = "Default", description = "Keystone user domain (default: ${DEFAULT-VALUE})")
    String userDomain;

    @Option(names = "--project-domain", paramLabel = "DOMAIN", defaultValue = "Default", description = "Keystone project domain (default: ${DEFAULT-VALUE})")
    String projectDomain;

    @Option(names = "--project-id", paramLabel = "ID",
            description = "noauth mode: send X-Project-Id and put project_id into created resources")
    String projectId;

    @Option(names = "--json", paramLabel = "FILE", description = "Write all results as JSON")
    Path json;

    @Option(names = "--plot", paramLabel = "FILE.svg",
            description = "Write an SVG plot of p50/p99 vs collection size (list_ports_*) and vs clients (sweep)")
    Path plot;

    @Option(names = "--server-pid", paramLabel = "PID",
            description = "Sample the server's VmRSS from /proc/PID/status after each measurement")
    Long serverPid;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "60s",
            description = "Per-request timeout (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--setup-concurrency", paramLabel = "N", defaultValue = "16",
            description = "Parallel requests for seeding and cleanup (default: ${DEFAULT-VALUE})")
    int setupConcurrency;

    @Option(names = "--port-subnet-prefix", paramLabel = "LEN", defaultValue = "16",
            description = "Prefix length of the subnet that port scenarios create ports on (9..24, "
                    + "default: ${DEFAULT-VALUE})")
    int portSubnetPrefix;

    @Option(names = "--list-scenarios", description = "Print the scenarios and exit")
    boolean listScenarios;

    PrintStream out = System.out;
    PrintStream err = System.err;
    private final List<Result> results = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    public List<Result> results() {
        return results;
    }

    /** Validates options; throws ParameterException with a usage message on bad input. */
    List<String> resolvedScenarios() {
        CommandLine cl = spec.commandLine();
        if (endpoint == null || endpoint.isBlank()) {
            throw new CommandLine.ParameterException(cl, "Missing required option: '--endpoint=URL'");
        }
        if (scenarios.isEmpty()) {
            throw new CommandLine.ParameterException(cl, "Missing required option: '--scenario=NAME[,NAME...]'");
        }
        Set<String> names = new LinkedHashSet<>();
        for (String s : scenarios) {
            String n = s.trim();
            if (n.isEmpty()) {
                continue;
            }
            if (n.equals("all")) {
                names.addAll(Scenarios.names());
            } else if (Scenarios.exists(n)) {
                names.add(n);
            } else {
                throw new CommandLine.ParameterException(cl, "Unknown scenario '" + n + "'; known: "
                        + String.join(", ", Scenarios.names()));
            }
        }
        if (clients.isEmpty() || clients.stream().anyMatch(c -> c == null || c < 1)) {
            throw new CommandLine.ParameterException(cl, "--clients must be positive integers");
        }
        if (ops != null && cl.getParseResult().hasMatchedOption("--duration")) {
            throw new CommandLine.ParameterException(cl, "--ops and --duration are mutually exclusive");
        }
        if (ops != null && ops < 1) {
            throw new CommandLine.ParameterException(cl, "--ops must be positive");
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new CommandLine.ParameterException(cl, "--duration must be positive");
        }
        if (keystone != null && password == null) {
            throw new CommandLine.ParameterException(cl, "--keystone needs --password (and --user, --project)");
        }
        if (setupConcurrency < 1) {
            throw new CommandLine.ParameterException(cl, "--setup-concurrency must be positive");
        }
        return new ArrayList<>(names);
    }

    @Override
    public Integer call() throws Exception {
        if (listScenarios) {
            for (String n : Scenarios.names()) {
                out.printf("%-38s %s%n", n, Scenarios.create(n).description());
            }
            return 0;
        }
        List<String> names = resolvedScenarios();
        Api api = new Api(endpoint, timeout);
        String project = projectId;
        boolean projectInBody = false;
        if (keystone != null) {
            Api.KeystoneToken tok;
            try {
                tok = api.authenticate(keystone, user, password, this.project, userDomain, projectDomain);
            } catch (Exception e) {
                err.println("keystone authentication failed: " + ApiException.describe(e));
                return 1;
            }
            project = tok.projectId();
            err.println("keystone: authenticated " + user + " in project " + this.project + " (" + project + ")");
        } else if (projectId != null) {
            api.projectHeader(projectId);
            projectInBody = true;
        }
        Set<String> extensions = fetchExtensions(api);
        ExecutorService pool = Executors.newFixedThreadPool(setupConcurrency, r -> {
            Thread t = new Thread(r, "bench-setup");
            t.setDaemon(true);
            return t;
        });
        Ctx ctx = new Ctx(api, pool, err, extensions, project, projectInBody, portSubnetPrefix);
        Thread hook = new Thread(() -> {
            int n = ctx.cleanup.pending();
            if (n > 0) {
                err.println("interrupted: deleting " + n + " resources created by this run...");
                try {
                    ctx.cleanup.run(api, pool, err);
                } catch (InterruptedException ignored) {
                    // exiting anyway
                }
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        Instant started = Instant.now();
        try {
            out.println(header());
            for (String name : names) {
                runScenario(ctx, name);
            }
        } finally {
            pool.shutdown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
        if (json != null) {
            writeJson(started);
            err.println("results written to " + json);
        }
        if (plot != null) {
            Files.writeString(plot, SvgPlot.render(charts()), StandardCharsets.UTF_8);
            err.println("plot written to " + plot);
        }
        return results.stream().anyMatch(r -> "failed".equals(r.status())) ? 1 : 0;
    }

    private Set<String> fetchExtensions(Api api) {
        Set<String> out = new LinkedHashSet<>();
        try {
            for (JsonNode e : api.get("/v2.0/extensions").path("extensions")) {
                out.add(e.path("alias").asText());
            }
        } catch (Exception e) {
            err.println("warning: GET /v2.0/extensions failed (" + ApiException.describe(e)
                    + "); scenarios needing extensions will be skipped");
        }
        return out;
    }

    private void runScenario(Ctx ctx, String name) throws InterruptedException {
        Scenario s = Scenarios.create(name);
        s.bind(ctx);
        String reason = s.unsupportedReason();
        if (reason != null) {
            for (int c : clients) {
                results.add(Result.notRun(name, c, "skipped", reason, null));
            }
            out.printf(Locale.ROOT, "%-38s SKIPPED: %s%n", name, reason);
            return;
        }
        err.println("== " + name + ": " + s.description());
        try {
            try {
                s.setup();
            } catch (Exception e) {
                String msg = "setup failed: " + ApiException.describe(e);
                for (int c : clients) {
                    results.add(Result.notRun(name, c, "failed", msg, null));
                }
                out.printf(Locale.ROOT, "%-38s FAILED %s%n", name, msg);
                return;
            }
            for (int c : clients) {
                if (!warmup.isZero()) {
                    Runner.Phase w = Runner.run(s, c, null, warmup.toNanos());
                    err.printf(Locale.ROOT, "  warm-up (%d clients): %d ops, %d errors%n", c, w.ops(), w.errorCount());
                }
                Runner.Phase ph = Runner.run(s, c, ops, duration.toNanos());
                Long rss = serverPid == null ? null : Runner.rssKb(serverPid);
                Result r = toResult(name, c, ph, s.collectionSize(), rss);
                results.add(r);
                out.println(line(r));
                for (String e : r.errorSamples()) {
                    out.println("    error: " + e);
                }
            }
        } finally {
            int pending = ctx.cleanup.pending();
            if (pending > 0) {
                long t0 = System.nanoTime();
                int failed = ctx.cleanup.run(ctx.api, ctx.pool, err);
                err.printf(Locale.ROOT, "  cleanup: deleted %d resources in %.1fs%s%n", pending - failed,
                        (System.nanoTime() - t0) / 1e9, failed > 0 ? " (" + failed + " failed)" : "");
            }
        }
    }

    static Result toResult(String name, int clients, Runner.Phase ph, Long size, Long rss) {
        Stats st = ph.stats();
        return new Result(name, clients, "ok", null, ph.ops(), ph.errorCount(),
                Math.round(ph.wallNs() / 1e6) / 1000.0,
                Math.round(ph.opsPerSec() * 100) / 100.0,
                Stats.ms(st.meanNs()), Stats.ms(st.p50Ns()), Stats.ms(st.p95Ns()), Stats.ms(st.p99Ns()),
                Stats.ms(st.maxNs()), size, rss, ph.errors().first(5));
    }

    static String header() {
        return String.format(Locale.ROOT, "%-38s %7s %9s %7s %10s %9s %9s %9s %9s", "scenario", "clients", "ops",
                "errors", "ops/s", "p50(ms)", "p95(ms)", "p99(ms)", "max(ms)");
    }

    static String line(Result r) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%-38s %7d %9d %7d %10.2f %9.2f %9.2f %9.2f %9.2f", r.scenario(), r.clients(), r.ops(), r.errors(),
                r.opsPerSec(), r.p50Ms(), r.p95Ms(), r.p99Ms(), r.maxMs()));
        if (r.collectionSize() != null) {
            sb.append("  size=").append(r.collectionSize());
        }
        if (r.rssKb() != null) {
            sb.append(String.format(Locale.ROOT, "  rss=%.1fMB", r.rssKb() / 1024.0));
        }
        return sb.toString();
    }

    private void writeJson(Instant started) throws Exception {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("tool", "neutrino-bench");
        doc.put("endpoint", endpoint);
        doc.put("auth", keystone != null ? "keystone" : "noauth");
        doc.put("started", started.toString());
        doc.put("finished", Instant.now().toString());
        if (ops != null) {
            doc.put("ops", ops);
        } else {
            doc.put("durationSec", duration.toMillis() / 1000.0);
        }
        doc.put("warmupSec", warmup.toMillis() / 1000.0);
        doc.put("clients", clients);
        doc.put("serverPid", serverPid);
        doc.put("results", results);
        Api.JSON.writer(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), doc);
    }

    /** Charts: list scenarios' latency vs collection size; every scenario's latency vs clients for sweeps. */
    List<SvgPlot.Chart> charts() {
        List<SvgPlot.Chart> charts = new ArrayList<>();
        Map<Integer, List<Result>> listByClients = new TreeMap<>();
        for (Result r : results) {
            if (r.ok() && r.ops() > 0 && r.collectionSize() != null && Scenarios.isListScenario(r.scenario())) {
                listByClients.computeIfAbsent(r.clients(), k -> new ArrayList<>()).add(r);
            }
        }
        if (!listByClients.isEmpty()) {
            List<SvgPlot.Series> series = new ArrayList<>();
            for (var e : listByClients.entrySet()) {
                List<Result> rs = new ArrayList<>(e.getValue());
                rs.sort(Comparator.comparingLong(Result::collectionSize));
                String suffix = listByClients.size() > 1 ? " (" + e.getKey() + " clients)" : "";
                series.add(new SvgPlot.Series("p50" + suffix,
                        rs.stream().map(r -> new double[]{r.collectionSize(), r.p50Ms()}).toList()));
                series.add(new SvgPlot.Series("p99" + suffix,
                        rs.stream().map(r -> new double[]{r.collectionSize(), r.p99Ms()}).toList()));
            }
            charts.add(new SvgPlot.Chart("GET /v2.0/ports latency vs collection size", "ports in collection",
                    "latency (ms)", series));
        }
        if (new LinkedHashSet<>(clients).size() > 1) {
            Map<String, List<Result>> byScenario = new LinkedHashMap<>();
            for (Result r : results) {
                if (r.ok() && r.ops() > 0) {
                    byScenario.computeIfAbsent(r.scenario(), k -> new ArrayList<>()).add(r);
                }
            }
            for (var e : byScenario.entrySet()) {
                List<Result> rs = new ArrayList<>(e.getValue());
                rs.sort(Comparator.comparingInt(Result::clients));
                charts.add(new SvgPlot.Chart(e.getKey() + ": latency vs clients", "clients", "latency (ms)", List.of(
                        new SvgPlot.Series("p50", rs.stream().map(r -> new double[]{r.clients(), r.p50Ms()}).toList()),
                        new SvgPlot.Series("p99", rs.stream().map(r -> new double[]{r.clients(), r.p99Ms()}).toList()))));
            }
        }
        return charts;
    }

    /** Parses 20s, 500ms, 2m, 1h, 1.5s, a bare number of seconds, or ISO-8601 (PT20S). */
    public static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        private static final Pattern P = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            Matcher m = P.matcher(v);
            if (m.matches()) {
                double n = Double.parseDouble(m.group(1));
                String unit = m.group(2) == null ? "s" : m.group(2);
                double ms = switch (unit) {
                    case "ms" -> n;
                    case "m" -> n * 60_000;
                    case "h" -> n * 3_600_000;
                    default -> n * 1000;
                };
                return Duration.ofNanos(Math.round(ms * 1_000_000));
            }
            try {
                return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (e.g. 20s, 500ms, 2m)");
            }
        }
    }
}
