package io.neutrino.bench;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CliTest {

    private static BenchMain parse(String... args) {
        BenchMain m = new BenchMain();
        new CommandLine(m).parseArgs(args);
        return m;
    }

    @Test
    void fullCommandLine() {
        BenchMain m = parse("--endpoint", "http://127.0.0.1:9696", "--clients", "16", "--duration", "20s",
                "--scenario", "create_port,list_ports_1k", "--keystone", "http://127.0.0.1:5000/v3",
                "--user", "admin", "--password", "secret", "--project", "demo", "--json", "out.json",
                "--warmup", "3s", "--server-pid", "4242", "--plot", "p.svg");
        assertThat(m.endpoint).isEqualTo("http://127.0.0.1:9696");
        assertThat(m.clients).containsExactly(16);
        assertThat(m.duration).isEqualTo(Duration.ofSeconds(20));
        assertThat(m.ops).isNull();
        assertThat(m.resolvedScenarios()).containsExactly("create_port", "list_ports_1k");
        assertThat(m.keystone).isEqualTo("http://127.0.0.1:5000/v3");
        assertThat(m.password).isEqualTo("secret");
        assertThat(m.project).isEqualTo("demo");
        assertThat(m.userDomain).isEqualTo("Default");
        assertThat(m.json).isEqualTo(Path.of("out.json"));
        assertThat(m.plot).isEqualTo(Path.of("p.svg"));
        assertThat(m.warmup).isEqualTo(Duration.ofSeconds(3));
        assertThat(m.serverPid).isEqualTo(4242L);
    }

    @Test
    void defaultsSweepAndOps() {
        BenchMain m = parse("--endpoint", "http://x:9696/", "--clients", "1,4,16", "--ops", "500",
                "-s", "create_port", "-s", "show_port,create_port");
        assertThat(m.clients).containsExactly(1, 4, 16);
        assertThat(m.ops).isEqualTo(500L);
        assertThat(m.duration).isEqualTo(Duration.ofSeconds(10));
        assertThat(m.warmup).isZero();
        assertThat(m.timeout).isEqualTo(Duration.ofSeconds(60));
        assertThat(m.keystone).isNull();
        assertThat(m.resolvedScenarios()).containsExactly("create_port", "show_port");
        assertThat(parse("--endpoint", "e", "--scenario", "all").resolvedScenarios())
                .containsExactlyElementsOf(Scenarios.names()).hasSize(16);
    }

    @Test
    void durations() {
        BenchMain.DurationConverter c = new BenchMain.DurationConverter();
        assertThat(c.convert("20s")).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(c.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(c.convert("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.convert("7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(c.convert("PT3S")).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> c.convert("soon")).isInstanceOf(CommandLine.TypeConversionException.class);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> parse("--scenario", "create_port").resolvedScenarios())
                .hasMessageContaining("--endpoint");
        assertThatThrownBy(() -> parse("--endpoint", "e").resolvedScenarios()).hasMessageContaining("--scenario");
        assertThatThrownBy(() -> parse("--endpoint", "e", "-s", "nope").resolvedScenarios())
                .hasMessageContaining("Unknown scenario 'nope'");
        assertThatThrownBy(() -> parse("--endpoint", "e", "-s", "create_port", "--ops", "5", "--duration", "5s")
                .resolvedScenarios()).hasMessageContaining("mutually exclusive");
        assertThatThrownBy(() -> parse("--endpoint", "e", "-s", "create_port", "--clients", "0").resolvedScenarios())
                .hasMessageContaining("--clients");
        assertThatThrownBy(() -> parse("--endpoint", "e", "-s", "create_port", "--keystone", "k").resolvedScenarios())
                .hasMessageContaining("--password");
        assertThatThrownBy(() -> parse("--duration", "soon")).isInstanceOf(CommandLine.ParameterException.class);
        assertThatThrownBy(() -> parse("--clients", "a,b")).isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void exitCodeForUsageErrors() {
        StringWriter err = new StringWriter();
        int rc = new CommandLine(new BenchMain()).setErr(new PrintWriter(err)).execute("--scenario", "create_port");
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString()).contains("--endpoint");
    }

    @Test
    void resultLineFormat() {
        Result r = new Result("create_port", 16, "ok", null, 1234, 2, 20.0, 61.7, 3.1, 2.5, 7.125, 9.999, 42.0,
                1000L, 2048L, java.util.List.of(), null, null);
        String line = BenchMain.line(r);
        assertThat(line).startsWith("create_port").contains(" 16 ").contains(" 1234 ").contains(" 61.70 ")
                .contains(" 2.50 ").contains(" 42.00").contains("size=1000").contains("rss=2.0MB");
        assertThat(BenchMain.header()).contains("p50(ms)").contains("p99(ms)").contains("ops/s");

        // a comparison's line names the endpoint and the round, in columns of their own
        String compared = BenchMain.line(r.on(Comparison.REFERENCE, 2));
        assertThat(compared).startsWith("reference r2   create_port").endsWith(line);
        assertThat(BenchMain.header(true)).startsWith("endpoint  rnd  scenario").endsWith(BenchMain.header());
        assertThat(compared.indexOf("create_port")).isEqualTo(BenchMain.header(true).indexOf("scenario"));
    }

    @Test
    void comparisonOptions() {
        BenchMain m = parse("--endpoint", "http://127.0.0.1:9696", "--reference", "http://127.0.0.1:19696",
                "-s", "show_port", "--rounds", "5", "--markdown", "cmp.md", "--reference-pid", "77",
                "--reference-max-seed", "1000");
        assertThat(m.resolvedScenarios()).containsExactly("show_port");
        assertThat(m.comparing()).isTrue();
        assertThat(m.reference).isEqualTo("http://127.0.0.1:19696");
        assertThat(m.rounds()).isEqualTo(5);
        assertThat(m.markdown).isEqualTo(Path.of("cmp.md"));
        assertThat(m.referencePid).isEqualTo(77L);
        assertThat(m.referenceMaxSeed).isEqualTo(1000);

        BenchMain d = parse("--endpoint", "e", "--reference", "r", "-s", "show_port");
        d.resolvedScenarios();
        assertThat(d.rounds()).isEqualTo(3);
        assertThat(d.referenceMaxSeed).isEqualTo(10_000);
        BenchMain single = parse("--endpoint", "e", "-s", "show_port");
        single.resolvedScenarios();
        assertThat(single.comparing()).isFalse();
        assertThat(single.rounds()).isEqualTo(1);
    }

    @Test
    void comparisonOptionsNeedAReference() {
        for (String[] extra : new String[][]{{"--rounds", "2"}, {"--markdown", "x.md"}, {"--reference-pid", "1"},
                {"--reference-max-seed", "5"}}) {
            BenchMain m = parse("--endpoint", "e", "-s", "show_port", extra[0], extra[1]);
            assertThatThrownBy(m::resolvedScenarios).hasMessage(extra[0] + " needs --reference");
        }
        assertThatThrownBy(() -> parse("--endpoint", "e", "--reference", "r", "-s", "show_port", "--rounds", "0")
                .resolvedScenarios()).hasMessageContaining("--rounds must be positive");
        assertThatThrownBy(() -> parse("--endpoint", "e", "--reference", " ", "-s", "show_port")
                .resolvedScenarios()).hasMessageContaining("--reference must be a URL");
        assertThatThrownBy(() -> parse("--endpoint", "e", "--reference", "r", "-s", "show_port",
                "--reference-max-seed", "-1").resolvedScenarios()).hasMessageContaining("must not be negative");
    }
}
