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
                .containsExactlyElementsOf(Scenarios.names()).hasSize(15);
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
                1000L, 2048L, java.util.List.of());
        String line = BenchMain.line(r);
        assertThat(line).startsWith("create_port").contains(" 16 ").contains(" 1234 ").contains(" 61.70 ")
                .contains(" 2.50 ").contains(" 42.00").contains("size=1000").contains("rss=2.0MB");
        assertThat(BenchMain.header()).contains("p50(ms)").contains("p99(ms)").contains("ops/s");
    }
}
