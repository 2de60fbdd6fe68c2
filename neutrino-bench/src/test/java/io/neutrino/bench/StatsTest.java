package io.neutrino.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatsTest {

    @Test
    void nearestRankPercentiles() {
        long[] v = new long[100];
        for (int i = 0; i < 100; i++) {
            v[i] = i + 1; // 1..100
        }
        assertThat(Stats.percentile(v, 50)).isEqualTo(50);
        assertThat(Stats.percentile(v, 95)).isEqualTo(95);
        assertThat(Stats.percentile(v, 99)).isEqualTo(99);
        assertThat(Stats.percentile(v, 100)).isEqualTo(100);
        assertThat(Stats.percentile(v, 0)).isEqualTo(1);
        assertThat(Stats.percentile(v, 99.5)).isEqualTo(100);
    }

    @Test
    void smallAndEmptySamples() {
        assertThat(Stats.percentile(new long[0], 50)).isZero();
        assertThat(Stats.of(new long[0])).isEqualTo(Stats.EMPTY);
        long[] one = {7};
        assertThat(Stats.percentile(one, 1)).isEqualTo(7);
        assertThat(Stats.percentile(one, 99)).isEqualTo(7);
        long[] three = {10, 20, 30};
        assertThat(Stats.percentile(three, 50)).isEqualTo(20);
        assertThat(Stats.percentile(three, 34)).isEqualTo(20);
        assertThat(Stats.percentile(three, 33)).isEqualTo(10);
        assertThat(Stats.percentile(three, 99)).isEqualTo(30);
    }

    @Test
    void summary() {
        Stats s = Stats.of(new long[]{1_000_000, 2_000_000, 3_000_000, 4_000_000});
        assertThat(s.count()).isEqualTo(4);
        assertThat(s.minNs()).isEqualTo(1_000_000);
        assertThat(s.maxNs()).isEqualTo(4_000_000);
        assertThat(s.meanNs()).isEqualTo(2_500_000.0);
        assertThat(s.p50Ns()).isEqualTo(2_000_000);
        assertThat(s.p95Ns()).isEqualTo(4_000_000);
        assertThat(Stats.ms(s.meanNs())).isEqualTo(2.5);
        assertThat(Stats.ms(1_234_567L)).isEqualTo(1.23);
        assertThat(Stats.ms(1_235_001L)).isEqualTo(1.24);
    }

    @Test
    void recorderGrowsAndMergesSorted() {
        LatencyRecorder a = new LatencyRecorder(16);
        LatencyRecorder b = new LatencyRecorder(16);
        LatencyRecorder empty = new LatencyRecorder();
        for (int i = 0; i < 1000; i++) {
            a.record(2L * i + 1); // odd, ascending
            b.record(2L * (999 - i)); // even, descending
        }
        assertThat(a.size()).isEqualTo(1000);
        assertThat(a.toArray()).hasSize(1000).startsWith(1, 3, 5);
        long[] merged = LatencyRecorder.mergeSorted(List.of(a, empty, b));
        assertThat(merged).hasSize(2000);
        for (int i = 0; i < merged.length; i++) {
            assertThat(merged[i]).isEqualTo(i);
        }
        Stats s = Stats.of(merged);
        assertThat(s.p50Ns()).isEqualTo(999);
        assertThat(s.p99Ns()).isEqualTo(1979);
        assertThat(s.maxNs()).isEqualTo(1999);
        assertThat(LatencyRecorder.mergeSorted(List.of())).isEmpty();
    }

    @Test
    void vmRssParsing(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nVmPeak:\t  999 kB\nVmRSS:\t  123456 kB\nThreads:\t12\n");
        assertThat(Runner.parseVmRss(status)).isEqualTo(123456L);
        assertThat(Runner.parseVmRss(dir.resolve("missing"))).isNull();
        assertThat(Runner.rssKb(ProcessHandle.current().pid())).isNotNull().isPositive();
        assertThat(Runner.rssKb(Long.MAX_VALUE)).isNull();
    }

    @Test
    void rssIncludesChildProcesses() throws Exception {
        // a parent with one forked child, like neutron-server and its API workers
        Process parent = new ProcessBuilder("sh", "-c", "sleep 30 & wait").start();
        try {
            ProcessHandle child = null;
            for (int i = 0; i < 100 && child == null; i++) {
                child = parent.toHandle().children().findFirst().orElse(null);
                Thread.sleep(20);
            }
            assertThat(child).as("sleep started").isNotNull();
            Long own = Runner.parseVmRss(Path.of("/proc", Long.toString(parent.pid()), "status"));
            Long childRss = Runner.parseVmRss(Path.of("/proc", Long.toString(child.pid()), "status"));
            assertThat(own).isPositive();
            assertThat(childRss).isPositive();
            assertThat(Runner.rssKb(parent.pid())).isEqualTo(own + childRss);
            assertThat(Runner.rssKb(child.pid())).isEqualTo(childRss);
        } finally {
            parent.toHandle().descendants().forEach(ProcessHandle::destroy);
            parent.destroy();
        }
    }

    @Test
    void errorLogGroupsByMessageWithoutIds() {
        ErrorLog log = new ErrorLog();
        log.add(new ApiException("GET", "/v2.0/ports/0b5e1a52-9f3e-4b7e-8f6c-0a1b2c3d4e5f", 404,
                "{\"NeutronError\": {\"message\": \"Port 0b5e1a52-9f3e-4b7e-8f6c-0a1b2c3d4e5f could not be found.\"}}".getBytes()));
        log.add(new ApiException("GET", "/v2.0/ports/1b5e1a52-9f3e-4b7e-8f6c-0a1b2c3d4e5f", 404,
                "{\"NeutronError\": {\"message\": \"Port 1b5e1a52-9f3e-4b7e-8f6c-0a1b2c3d4e5f could not be found.\"}}".getBytes()));
        log.add(new java.net.ConnectException("Connection refused"));
        List<String> first = log.first(5);
        assertThat(first).hasSize(2);
        assertThat(first.get(0)).startsWith("2x HTTP 404 GET /v2.0/ports/{id}").contains("Port <id> could not be found");
        assertThat(first.get(1)).isEqualTo("1x ConnectException: Connection refused");
    }

    @Test
    void niceTicks() {
        assertThat(SvgPlot.niceTicks(0, 9.3)).containsExactly(0, 2, 4, 6, 8, 10);
        assertThat(SvgPlot.niceTicks(1000, 10000)).startsWith(0.0, 2000.0).endsWith(10000.0);
    }
}
