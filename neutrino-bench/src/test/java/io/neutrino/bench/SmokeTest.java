package io.neutrino.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs short, op-counted (not timed) scenarios against an in-process fake endpoint. */
class SmokeTest {

    @Test
    void allScenariosAgainstFakeEndpoint(@TempDir Path dir) throws Exception {
        try (FakeNeutron fake = new FakeNeutron()) {
            BenchMain main = new BenchMain();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            main.out = new PrintStream(out, true, StandardCharsets.UTF_8);
            main.err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            List<String> scenarios = Scenarios.names().stream()
                    .filter(n -> !n.equals("list_ports_10k") && !n.equals("list_ports_100k")).toList();
            Path json = dir.resolve("out.json");
            Path svg = dir.resolve("plot.svg");
            int rc = new CommandLine(main).execute("--endpoint", fake.url() + "/", "--clients", "1,3", "--ops", "20",
                    "--scenario", String.join(",", scenarios), "--json", json.toString(), "--plot", svg.toString(),
                    "--server-pid", Long.toString(ProcessHandle.current().pid()));
            String printed = out.toString(StandardCharsets.UTF_8);
            assertThat(rc).as(printed).isZero();

            assertThat(main.results()).hasSize(scenarios.size() * 2);
            for (Result r : main.results()) {
                assertThat(r.status()).as(r.scenario() + ": " + r.message()).isEqualTo("ok");
                assertThat(r.errors()).as(r.scenario() + " " + r.errorSamples()).isZero();
                assertThat(r.ops()).as(r.scenario()).isEqualTo(20);
                assertThat(r.opsPerSec()).isPositive();
                assertThat(r.p50Ms()).isLessThanOrEqualTo(r.p99Ms());
                assertThat(r.p99Ms()).isLessThanOrEqualTo(r.maxMs());
                assertThat(r.rssKb()).isPositive();
            }
            Result list = main.results().stream().filter(r -> r.scenario().equals("list_ports_1k")).findFirst().orElseThrow();
            assertThat(list.collectionSize()).isEqualTo(1000L);
            assertThat(fake.bulkRequests.get()).isGreaterThanOrEqualTo(2);
            assertThat(fake.tokenRequests.get()).isZero();
            // every scenario deleted what it created
            assertThat(fake.remaining()).as(fake.store.toString()).isZero();

            assertThat(printed).contains("create_port").contains("list_ports_filtered").doesNotContain("error:");
            JsonNode doc = Api.JSON.readTree(json.toFile());
            assertThat(doc.path("results").size()).isEqualTo(scenarios.size() * 2);
            assertThat(doc.path("results").get(0).path("p99Ms").isNumber()).isTrue();
            String plot = Files.readString(svg);
            assertThat(plot).startsWith("<svg").contains("collection size").contains("latency vs clients")
                    .contains("<polyline");
        }
    }

    /** --list-ops: create_and_list_* run a fixed count on both endpoints, the others their duration. */
    @Test
    void listOpsFixesTheCountOfCreateAndListScenarios() throws Exception {
        try (FakeNeutron neutrino = new FakeNeutron(); FakeNeutron reference = new FakeNeutron()) {
            BenchMain main = new BenchMain();
            main.out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            main.err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            int rc = new CommandLine(main).execute("--endpoint", neutrino.url(), "--reference", reference.url(),
                    "--rounds", "2", "--clients", "1,3", "--duration", "200ms", "--list-ops", "12",
                    "--warmup", "50ms", "--scenario", "create_and_list_networks,create_port");
            assertThat(rc).isZero();
            assertThat(main.results()).filteredOn(r -> r.scenario().equals("create_and_list_networks"))
                    .hasSize(2 * 2 * 2).allSatisfy(r -> assertThat(r.ops()).isEqualTo(12));
            assertThat(main.results()).filteredOn(r -> r.scenario().equals("create_port"))
                    .hasSize(2 * 2 * 2).anySatisfy(r -> assertThat(r.ops()).isGreaterThan(12));
            assertThat(neutrino.remaining()).isZero();
            assertThat(reference.remaining()).isZero();
        }
    }

    @Test
    void comparisonAlternatesEndpointsAndWritesTables(@TempDir Path dir) throws Exception {
        try (FakeNeutron neutrino = new FakeNeutron(); FakeNeutron reference = new FakeNeutron()) {
            BenchMain main = new BenchMain();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            main.out = new PrintStream(out, true, StandardCharsets.UTF_8);
            main.err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            Path json = dir.resolve("cmp.json");
            Path md = dir.resolve("cmp.md");
            Path svg = dir.resolve("cmp.svg");
            int rc = new CommandLine(main).execute("--endpoint", neutrino.url(), "--reference", reference.url(),
                    "--rounds", "2", "--clients", "1,2", "--ops", "10", "--warmup", "50ms",
                    "--scenario", "create_port,list_ports_1k,create_and_list_networks", "--reference-max-seed", "600",
                    "--keystone", neutrino.url() + "/v3", "--password", "secret",
                    "--json", json.toString(), "--markdown", md.toString(), "--plot", svg.toString());
            String printed = out.toString(StandardCharsets.UTF_8);
            assertThat(rc).as(printed).isZero();

            // per scenario: round by round, client count by client count, neutrino then reference
            List<String> order = main.results().stream().filter(r -> r.scenario().equals("create_port"))
                    .map(r -> r.target() + " r" + r.round() + " c" + r.clients()).toList();
            assertThat(order).containsExactly("neutrino r1 c1", "reference r1 c1", "neutrino r1 c2", "reference r1 c2",
                    "neutrino r2 c1", "reference r2 c1", "neutrino r2 c2", "reference r2 c2");
            assertThat(main.results()).filteredOn(Result::ok).hasSize(3 * 2 * 2 + 2 * 2 * 2).allSatisfy(r -> {
                assertThat(r.ops()).isEqualTo(10);
                assertThat(r.errors()).isZero();
            });
            // list_ports_1k seeds 1000 ports: more than the reference may take
            assertThat(main.results()).filteredOn(r -> !r.ok()).hasSize(2).allSatisfy(r -> {
                assertThat(r.scenario()).isEqualTo("list_ports_1k");
                assertThat(r.target()).isEqualTo("reference");
                assertThat(r.status()).isEqualTo("skipped");
                assertThat(r.message()).isEqualTo("seeds 1000 ports, more than --reference-max-seed 600");
            });
            // both endpoints got a token from the same Keystone (served by the first fake) on every request
            assertThat(reference.tokenRequests.get()).isEqualTo(reference.requests.get());
            assertThat(neutrino.tokenRequests.get()).isEqualTo(neutrino.requests.get() - 2);
            assertThat(neutrino.remaining()).isZero();
            assertThat(reference.remaining()).isZero();

            assertThat(printed).contains("create_port: median of 2 rounds").contains("ops/s N/R")
                    .contains("reference r2   create_and_list_networks")
                    .contains("reference      list_ports_1k                          SKIPPED");
            String table = Files.readString(md);
            assertThat(table).startsWith("| scenario | clients | Neutrino ops/s").contains("| create_port | 1 | ")
                    .contains("| create_port | 2 | ").contains("| list_ports_1k | 2 | ")
                    .contains("- list_ports_1k on reference: skipped");
            JsonNode doc = Api.JSON.readTree(json.toFile());
            assertThat(doc.path("reference").asText()).isEqualTo(reference.url());
            assertThat(doc.path("rounds").asInt()).isEqualTo(2);
            assertThat(doc.path("results").size()).isEqualTo(main.results().size());
            JsonNode rows = doc.path("comparison");
            assertThat(rows.size()).isEqualTo(6);
            assertThat(rows.get(0).path("scenario").asText()).isEqualTo("create_port");
            assertThat(rows.get(0).path("neutrino").path("ops").asLong()).isEqualTo(20);
            assertThat(rows.get(0).path("throughputRatio").asDouble()).isPositive();
            assertThat(rows.get(2).path("reference").path("status").asText()).isEqualTo("skipped");
            assertThat(rows.get(2).path("throughputRatio").isNull()).isTrue();
            assertThat(Files.readString(svg)).contains("neutrino p50").contains("reference p99")
                    .contains("collection size").contains("latency vs clients");
        }
    }

    @Test
    void keystoneMode() throws Exception {
        try (FakeNeutron fake = new FakeNeutron()) {
            BenchMain main = new BenchMain();
            main.out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            main.err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            int rc = new CommandLine(main).execute("--endpoint", fake.url(), "--ops", "20", "--clients", "2",
                    "--scenario", "create_port,list_ports_filtered", "--keystone", fake.url() + "/v3",
                    "--user", "admin", "--password", "secret", "--project", "demo");
            assertThat(rc).isZero();
            assertThat(main.results()).allSatisfy(r -> {
                assertThat(r.errors()).as(String.valueOf(r.errorSamples())).isZero();
                assertThat(r.ops()).isEqualTo(20);
            });
            // every Neutron request (not the token request) carried the token
            assertThat(fake.tokenRequests.get()).isEqualTo(fake.requests.get() - 1);
            assertThat(fake.remaining()).isZero();

            BenchMain bad = new BenchMain();
            bad.out = main.out;
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            bad.err = new PrintStream(err, true, StandardCharsets.UTF_8);
            assertThat(new CommandLine(bad).execute("--endpoint", fake.url(), "--ops", "1", "-s", "create_port",
                    "--keystone", fake.url() + "/v3", "--password", "wrong")).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("keystone authentication failed: HTTP 401");
        }
    }

    @Test
    void errorsAreCountedAndReported() throws Exception {
        try (FakeNeutron fake = new FakeNeutron()) {
            BenchMain main = new BenchMain();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            main.out = new PrintStream(out, true, StandardCharsets.UTF_8);
            main.err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            // show_port after its seeded ports vanished behind its back: every GET is a 404
            Scenario s = Scenarios.create("show_port");
            Api api = new Api(fake.url(), java.time.Duration.ofSeconds(10));
            var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                Ctx ctx = new Ctx(api, pool, main.err, java.util.Set.of(), null, false, 16);
                s.bind(ctx);
                s.setup();
                fake.store.get("ports").clear();
                Runner.Phase ph = Runner.run(s, 2, 10L, 0);
                assertThat(ph.ops()).isZero();
                assertThat(ph.errorCount()).isEqualTo(10);
                assertThat(ph.errors().first(3)).hasSize(1).first().asString()
                        .startsWith("10x HTTP 404 GET /v2.0/ports/{id}");
                ctx.cleanup.run(api, pool, main.err);
                assertThat(fake.remaining()).isZero();
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
