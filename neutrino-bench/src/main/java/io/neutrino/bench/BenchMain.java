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

    @Option(names = "--list-ops", paramLabel = "N",
            description = "create_and_list_* scenarios measure exactly N operations per client count and round "
            + "(Rally's `times`), after a warm-up of N/10: every endpoint then lists a collection of the same "
            + "size, which a duration would not give (a faster server creates more, then lists more)")
    Long listOps;

    @Option(names = {"-s", "--scenario"}, split = ",", splitSynopsisLabel = ",", paramLabel = "NAME",
            description = "Scenarios to run, or 'all' (see --list-scenarios)")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--warmup", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "0s",
            description = "Unrecorded warm-up before each measurement (default: ${DEFAULT-VALUE})")
    Duration warmup;

    @Option(names = "--prime", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "0s",
            description = "Before any measurement, run each scenario that seeds nothing for this long on every "
            + "endpoint, unrecorded, and delete what it created: servers and this client are then measured "
            + "warm, as a long-running server is used, not in their first seconds (default: ${DEFAULT-VALUE})")
    Duration prime;

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

    @Option(names = "--reference", paramLabel = "URL", description = "Compare: run every scenario against --endpoint "
            + "and this endpoint too, alternating, and print per scenario the medians over --rounds and the ratios")
    String reference;

    @Option(names = "--rounds", paramLabel = "N", description = "With --reference: measurements per endpoint, "
            + "scenario and client count, alternating between the two (default: 3)")
    Integer rounds;

    @Option(names = "--markdown", paramLabel = "FILE", description = "With --reference: write the comparison table "
            + "as Markdown")
    Path markdown;

    @Option(names = "--reference-pid", paramLabel = "PID",
            description = "With --reference: sample the reference server's VmRSS like --server-pid")
    Long referencePid;

    @Option(names = "--reference-max-seed", paramLabel = "N", defaultValue = "10000", description = "With "
            + "--reference: skip on the reference the scenarios that seed more than N ports (default: ${DEFAULT-VALUE})")
    int referenceMaxSeed;

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
        if (listOps != null && listOps < 1) {
            throw new CommandLine.ParameterException(cl, "--list-ops must be positive");
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
        if (reference == null) {
            for (String o : List.of("--rounds", "--markdown", "--reference-pid", "--reference-max-seed")) {
                if (cl.getParseResult().hasMatchedOption(o)) {
                    throw new CommandLine.ParameterException(cl, o + " needs --reference");
                }
            }
        } else if (reference.isBlank()) {
            throw new CommandLine.ParameterException(cl, "--reference must be a URL");
        }
        if (rounds != null && rounds < 1) {
            throw new CommandLine.ParameterException(cl, "--rounds must be positive");
        }
        if (referenceMaxSeed < 0) {
            throw new CommandLine.ParameterException(cl, "--reference-max-seed must not be negative");
        }
        return new ArrayList<>(names);
    }

    boolean comparing() {
        return reference != null;
    }

    /** Measurements per endpoint, scenario and client count: --rounds, 3 in a comparison, else 1. */
    int rounds() {
        return rounds != null ? rounds : comparing() ? 3 : 1;
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
        List<Target> targets = new ArrayList<>();
        targets.add(new Target(comparing() ? Comparison.NEUTRINO : null, endpoint, serverPid, Integer.MAX_VALUE, null));
        if (comparing()) {
            targets.add(new Target(Comparison.REFERENCE, reference, referencePid, referenceMaxSeed,
                    "--reference-max-seed"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(setupConcurrency, r -> {
            Thread t = new Thread(r, "bench-setup");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Target t : targets) {
                if (!connect(t, pool)) {
                    return 1;
                }
            }
        } catch (RuntimeException | Error e) {
            pool.shutdown();
            throw e;
        }
        Thread hook = new Thread(() -> {
            // its own threads: the main thread shuts the setup pool down while this hook runs
            ExecutorService hookPool = Executors.newFixedThreadPool(setupConcurrency);
            try {
                for (Target t : targets) {
                    int n = t.ctx.cleanup.pending();
                    if (n > 0) {
                        err.println("interrupted: deleting " + n + " resources created by this run" + t.on() + "...");
                        t.ctx.cleanup.run(t.api, hookPool, err);
                    }
                }
            } catch (InterruptedException ignored) {
                // exiting anyway
            } finally {
                hookPool.shutdownNow();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        Instant started = Instant.now();
        try {
            if (!prime.isZero()) {
                prime(targets, names);
            }
            out.println(header(comparing()));
            for (String name : names) {
                runScenario(targets, name);
            }
        } finally {
            pool.shutdown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
        List<Comparison.Row> rows = comparing() ? Comparison.rows(results) : List.of();
        if (json != null) {
            writeJson(started, rows);
            err.println("results written to " + json);
        }
        if (markdown != null) {
            Files.writeString(markdown, Comparison.markdown(rows, rounds()), StandardCharsets.UTF_8);
            err.println("comparison written to " + markdown);
        }
        if (plot != null) {
            Files.writeString(plot, SvgPlot.render(charts(plotted(rows))), StandardCharsets.UTF_8);
            err.println("plot written to " + plot);
        }
        return results.stream().anyMatch(r -> "failed".equals(r.status())) ? 1 : 0;
    }

    /** Client, credentials, extensions and scenario context of one endpoint; false if Keystone refused. */
    private boolean connect(Target t, ExecutorService pool) {
        Api api = new Api(t.endpoint, timeout);
        String project = projectId;
        boolean projectInBody = false;
        if (keystone != null) {
            Api.KeystoneToken tok;
            try {
                tok = api.authenticate(keystone, user, password, this.project, userDomain, projectDomain);
            } catch (Exception e) {
                err.println("keystone authentication failed" + t.on() + ": " + ApiException.describe(e));
                return false;
            }
            project = tok.projectId();
            err.println("keystone: authenticated " + user + " in project " + this.project + " (" + project + ")"
                    + (t.label == null ? "" : " for " + t.label + " " + t.endpoint));
        } else if (projectId != null) {
            api.projectHeader(projectId);
            projectInBody = true;
        }
        t.api = api;
        t.ctx = new Ctx(api, pool, err, fetchExtensions(api, t), project, projectInBody, portSubnetPrefix);
        return true;
    }

    private Set<String> fetchExtensions(Api api, Target t) {
        Set<String> out = new LinkedHashSet<>();
        try {
            for (JsonNode e : api.get("/v2.0/extensions").path("extensions")) {
                out.add(e.path("alias").asText());
            }
        } catch (Exception e) {
            err.println("warning: GET /v2.0/extensions failed" + t.on() + " (" + ApiException.describe(e)
                    + "); scenarios needing extensions will be skipped there");
        }
        return out;
    }

    /**
     * The --prime phase: each scenario that seeds nothing (seeding is what a slow endpoint cannot
     * afford twice) runs unrecorded with the largest client count on every endpoint in turn, and
     * what it created is deleted before the next, so the measured collections start as without it.
     */
    private void prime(List<Target> targets, List<String> names) throws InterruptedException {
        int c = clients.stream().mapToInt(Integer::intValue).max().orElse(1);
        for (String name : names) {
            for (Target t : targets) {
                Scenario s = Scenarios.create(name);
                s.bind(t.ctx);
                if (s.unsupportedReason() != null || s.seedCount() > 0) {
                    continue;
                }
                try {
                    s.setup();
                    Runner.Phase p = Runner.run(s, c, null, prime.toNanos());
                    err.printf(Locale.ROOT, "  primed %s%s (%d clients): %d ops, %d errors%n", name, t.on(), c,
                            p.ops(), p.errorCount());
                } catch (Exception e) {
                    err.println("  priming " + name + t.on() + " failed: " + ApiException.describe(e));
                } finally {
                    int failed = t.ctx.cleanup.run(t.api, t.ctx.pool, err);
                    if (failed > 0) {
                        err.printf(Locale.ROOT, "  priming %s%s: %d deletes failed%n", name, t.on(), failed);
                    }
                }
            }
        }
    }

    /** A scenario set up on one endpoint. */
    private record Side(Target target, Scenario scenario) {
    }

    /**
     * Sets the scenario up on every endpoint that can run it, then measures: for each round, for
     * each client count, each endpoint in turn (so a comparison alternates, and a slow phase of the
     * machine hits both sides alike). The warm-up precedes only the first round. Everything created
     * is deleted at the end, whatever happened.
     */
    private void runScenario(List<Target> targets, String name) throws InterruptedException {
        List<Side> sides = new ArrayList<>();
        int rounds = rounds();
        try {
            for (Target t : targets) {
                Scenario s = Scenarios.create(name);
                s.bind(t.ctx);
                String reason = s.unsupportedReason();
                if (reason == null && s.seedCount() > t.maxSeed) {
                    reason = "seeds " + s.seedCount() + " ports, more than " + t.maxSeedOption + " " + t.maxSeed;
                }
                if (reason != null) {
                    for (int c : clients) {
                        results.add(Result.notRun(name, c, "skipped", reason, null).on(t.label, null));
                    }
                    out.printf(Locale.ROOT, "%s%-38s SKIPPED: %s%n", prefix(t.label, null), name, reason);
                    continue;
                }
                err.println("== " + name + t.on() + ": " + s.description());
                try {
                    s.setup();
                } catch (Exception e) {
                    String msg = "setup failed: " + ApiException.describe(e);
                    for (int c : clients) {
                        results.add(Result.notRun(name, c, "failed", msg, null).on(t.label, null));
                    }
                    out.printf(Locale.ROOT, "%s%-38s FAILED %s%n", prefix(t.label, null), name, msg);
                    continue;
                }
                sides.add(new Side(t, s));
            }
            for (int round = 1; round <= rounds; round++) {
                for (int c : clients) {
                    for (Side side : sides) {
                        measure(side, c, round);
                    }
                }
            }
            if (comparing()) {
                String scenario = name;
                out.print(Comparison.text(Comparison.rows(results.stream()
                        .filter(r -> r.scenario().equals(scenario)).toList()), rounds));
            }
        } finally {
            for (Target t : targets) {
                int pending = t.ctx.cleanup.pending();
                if (pending > 0) {
                    long t0 = System.nanoTime();
                    int failed = t.ctx.cleanup.run(t.api, t.ctx.pool, err);
                    err.printf(Locale.ROOT, "  cleanup%s: deleted %d resources in %.1fs%s%n", t.on(),
                            pending - failed, (System.nanoTime() - t0) / 1e9,
                            failed > 0 ? " (" + failed + " failed)" : "");
                }
            }
        }
    }

    private void measure(Side side, int c, int round) throws InterruptedException {
        Target t = side.target();
        Scenario s = side.scenario();
        // A fixed count for create-and-list scenarios: what they list grows with what they created.
        boolean fixedCount = listOps != null && Scenarios.isCreateAndList(s.name());
        Long count = fixedCount ? listOps : ops;
        if (round == 1 && !warmup.isZero()) {
            Runner.Phase w = fixedCount
                    ? Runner.run(s, c, Math.max(1, count / 10), 0)
                    : Runner.run(s, c, null, warmup.toNanos());
            err.printf(Locale.ROOT, "  warm-up%s (%d clients): %d ops, %d errors%n", t.on(), c, w.ops(),
                    w.errorCount());
        }
        Runner.Phase ph = Runner.run(s, c, count, duration.toNanos());
        Long rss = t.serverPid == null ? null : Runner.rssKb(t.serverPid);
        Result r = toResult(s.name(), c, ph, s.collectionSize(), rss).on(t.label, comparing() ? round : null);
        results.add(r);
        out.println(line(r));
        for (String e : r.errorSamples()) {
            out.println("    error: " + e);
        }
    }

    static Result toResult(String name, int clients, Runner.Phase ph, Long size, Long rss) {
        Stats st = ph.stats();
        return new Result(name, clients, "ok", null, ph.ops(), ph.errorCount(),
                Math.round(ph.wallNs() / 1e6) / 1000.0,
                Math.round(ph.opsPerSec() * 100) / 100.0,
                Stats.ms(st.meanNs()), Stats.ms(st.p50Ns()), Stats.ms(st.p95Ns()), Stats.ms(st.p99Ns()),
                Stats.ms(st.maxNs()), size, rss, ph.errors().first(5), null, null);
    }

    static String header() {
        return header(false);
    }

    /** Column titles; a comparison's lines start with the endpoint's label and the round. */
    static String header(boolean comparing) {
        return (comparing ? String.format(Locale.ROOT, "%-9s %-4s ", "endpoint", "rnd") : "") + String.format(Locale.ROOT, "%-38s %7s %9s %7s %10s %9s %9s %9s %9s", "scenario", "clients", "ops",
                "errors", "ops/s", "p50(ms)", "p95(ms)", "p99(ms)", "max(ms)");
    }

    static String prefix(String target, Integer round) {
        if (target == null) {
            return "";
        }
        return String.format(Locale.ROOT, "%-9s %-4s ", target, round == null ? "" : "r" + round);
    }

    static String line(Result r) {
        StringBuilder sb = new StringBuilder(prefix(r.target(), r.round())).append(String.format(Locale.ROOT,
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

    private void writeJson(Instant started, List<Comparison.Row> rows) throws Exception {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("tool", "neutrino-bench");
        doc.put("endpoint", endpoint);
        if (comparing()) {
            doc.put("reference", reference);
            doc.put("rounds", rounds());
            doc.put("referenceMaxSeed", referenceMaxSeed);
            doc.put("referencePid", referencePid);
        }
        doc.put("auth", keystone != null ? "keystone" : "noauth");
        doc.put("started", started.toString());
        doc.put("finished", Instant.now().toString());
        if (listOps != null) {
            doc.put("listOps", listOps);
        }
        if (ops != null) {
            doc.put("ops", ops);
        } else {
            doc.put("durationSec", duration.toMillis() / 1000.0);
        }
        doc.put("warmupSec", warmup.toMillis() / 1000.0);
        doc.put("primeSec", prime.toMillis() / 1000.0);
        doc.put("clients", clients);
        doc.put("serverPid", serverPid);
        doc.put("results", results);
        if (comparing()) {
            doc.put("comparison", rows);
        }
        Api.JSON.writer(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), doc);
    }

    /**
     * What the plot shows, by endpoint label (null outside a comparison): every result, or in a
     * comparison each endpoint's medians over the rounds.
     */
    Map<String, List<Result>> plotted(List<Comparison.Row> rows) {
        Map<String, List<Result>> bySide = new LinkedHashMap<>();
        if (!comparing()) {
            bySide.put(null, results);
            return bySide;
        }
        for (Comparison.Row row : rows) {
            if (row.neutrino() != null) {
                bySide.computeIfAbsent(Comparison.NEUTRINO, k -> new ArrayList<>()).add(row.neutrino());
            }
            if (row.reference() != null) {
                bySide.computeIfAbsent(Comparison.REFERENCE, k -> new ArrayList<>()).add(row.reference());
            }
        }
        return bySide;
    }

    /**
     * Charts: list scenarios' latency vs collection size; every scenario's latency vs clients for
     * sweeps. One pair of p50/p99 series per endpoint (named after it in a comparison).
     */
    List<SvgPlot.Chart> charts(Map<String, List<Result>> bySide) {
        List<SvgPlot.Chart> charts = new ArrayList<>();
        List<SvgPlot.Series> listSeries = new ArrayList<>();
        for (var side : bySide.entrySet()) {
            Map<Integer, List<Result>> listByClients = new TreeMap<>();
            for (Result r : side.getValue()) {
                if (r.ok() && r.ops() > 0 && r.collectionSize() != null && Scenarios.isListScenario(r.scenario())) {
                    listByClients.computeIfAbsent(r.clients(), k -> new ArrayList<>()).add(r);
                }
            }
            for (var e : listByClients.entrySet()) {
                List<Result> rs = new ArrayList<>(e.getValue());
                rs.sort(Comparator.comparingLong(Result::collectionSize));
                String suffix = listByClients.size() > 1 ? " (" + e.getKey() + " clients)" : "";
                listSeries.add(new SvgPlot.Series(seriesName(side.getKey(), "p50") + suffix,
                        rs.stream().map(r -> new double[]{r.collectionSize(), r.p50Ms()}).toList()));
                listSeries.add(new SvgPlot.Series(seriesName(side.getKey(), "p99") + suffix,
                        rs.stream().map(r -> new double[]{r.collectionSize(), r.p99Ms()}).toList()));
            }
        }
        if (!listSeries.isEmpty()) {
            charts.add(new SvgPlot.Chart("GET /v2.0/ports latency vs collection size", "ports in collection",
                    "latency (ms)", listSeries));
        }
        if (new LinkedHashSet<>(clients).size() > 1) {
            Map<String, List<SvgPlot.Series>> byScenario = new LinkedHashMap<>();
            for (var side : bySide.entrySet()) {
                Map<String, List<Result>> rsByScenario = new LinkedHashMap<>();
                for (Result r : side.getValue()) {
                    if (r.ok() && r.ops() > 0) {
                        rsByScenario.computeIfAbsent(r.scenario(), k -> new ArrayList<>()).add(r);
                    }
                }
                for (var e : rsByScenario.entrySet()) {
                    List<Result> rs = new ArrayList<>(e.getValue());
                    rs.sort(Comparator.comparingInt(Result::clients));
                    List<SvgPlot.Series> series = byScenario.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
                    series.add(new SvgPlot.Series(seriesName(side.getKey(), "p50"),
                            rs.stream().map(r -> new double[]{r.clients(), r.p50Ms()}).toList()));
                    series.add(new SvgPlot.Series(seriesName(side.getKey(), "p99"),
                            rs.stream().map(r -> new double[]{r.clients(), r.p99Ms()}).toList()));
                }
            }
            byScenario.forEach((scenario, series) -> charts.add(
                    new SvgPlot.Chart(scenario + ": latency vs clients", "clients", "latency (ms)", series)));
        }
        return charts;
    }

    private static String seriesName(String label, String percentile) {
        return label == null ? percentile : label + " " + percentile;
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
