package io.neutrino.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.neutrino.bench.Comparison.NEUTRINO;
import static io.neutrino.bench.Comparison.REFERENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ComparisonTest {

    /** A measured round: p95 and mean follow p50, max follows p99. */
    static Result round(String scenario, int clients, String target, int round, long ops, long errors,
                        double opsPerSec, double p50, double p99, String... errorSamples) {
        return new Result(scenario, clients, "ok", null, ops, errors, 10.0, opsPerSec, p50, p50, p50 * 1.5, p99,
                p99 * 2, null, null, List.of(errorSamples), target, round);
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(Comparison.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(Comparison.median(List.of(5.0))).isEqualTo(5.0);
        assertThat(Comparison.median(List.of(4.0, 1.0, 10.0, 2.0))).isEqualTo(3.0);
        assertThat(Comparison.median(List.of(100.0, 1.0, 2.0))).as("an outlier round does not move it").isEqualTo(2.0);
        assertThat(Comparison.median(List.of())).isNaN();
    }

    @Test
    void summarizeTakesMediansAndSums() {
        Result s = Comparison.summarize(List.of(
                round("create_port", 8, NEUTRINO, 1, 1000, 0, 100, 5.0, 20.0),
                round("create_port", 8, NEUTRINO, 2, 3000, 2, 300, 3.0, 10.0, "2x HTTP 409 POST /v2.0/ports: busy"),
                round("create_port", 8, NEUTRINO, 3, 2000, 1, 200, 4.0, 50.0, "1x HTTP 409 POST /v2.0/ports: busy")));
        assertThat(s.ok()).isTrue();
        assertThat(s.target()).isEqualTo(NEUTRINO);
        assertThat(s.round()).isNull();
        assertThat(s.ops()).isEqualTo(6000);
        assertThat(s.errors()).isEqualTo(3);
        assertThat(s.opsPerSec()).isEqualTo(200);
        assertThat(s.p50Ms()).isEqualTo(4.0);
        assertThat(s.p99Ms()).isEqualTo(20.0);
        assertThat(s.maxMs()).as("the worst of all rounds").isEqualTo(100.0);
        assertThat(s.elapsedSec()).isEqualTo(30.0);
        assertThat(s.errorSamples()).containsExactly("3x HTTP 409 POST /v2.0/ports: busy");
        assertThat(s.message()).isEqualTo("3 of 3 rounds ran");
    }

    @Test
    void aRoundOfErrorsOnlyCountsAsZeroThroughputButHasNoLatency() {
        Result s = Comparison.summarize(List.of(
                round("show_port", 1, REFERENCE, 1, 100, 0, 10, 90.0, 120.0),
                round("show_port", 1, REFERENCE, 2, 0, 7, 0, 0, 0, "7x HTTP 500 GET /v2.0/ports/{id}: boom"),
                round("show_port", 1, REFERENCE, 3, 120, 0, 12, 80.0, 100.0)));
        assertThat(s.opsPerSec()).isEqualTo(10);
        assertThat(s.p50Ms()).as("median of the two rounds that completed operations").isEqualTo(85.0);
        assertThat(s.p99Ms()).isEqualTo(110.0);
        assertThat(s.errors()).isEqualTo(7);
        assertThat(s.errorSamples()).containsExactly("7x HTTP 500 GET /v2.0/ports/{id}: boom");
    }

    @Test
    void summarizeOfASideThatNeverRan() {
        Result skipped = Result.notRun("list_ports_10k", 1, "skipped", "seeds 10000 ports", null).on(REFERENCE, null);
        assertThat(Comparison.summarize(List.of(skipped))).isEqualTo(skipped);
        assertThatThrownBy(() -> Comparison.summarize(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rowsPairTheSidesAndGiveRatios() {
        List<Result> results = List.of(
                round("create_port", 1, NEUTRINO, 1, 100, 0, 200, 5.0, 9.0),
                round("create_port", 1, REFERENCE, 1, 5, 0, 4, 250.0, 400.0),
                round("create_port", 8, NEUTRINO, 1, 100, 0, 800, 10.0, 30.0),
                round("create_port", 8, REFERENCE, 1, 5, 0, 6, 1300.0, 2000.0),
                round("create_port", 1, NEUTRINO, 2, 100, 0, 300, 3.0, 8.0),
                round("create_port", 1, REFERENCE, 2, 5, 0, 6, 150.0, 300.0),
                round("create_port", 8, NEUTRINO, 2, 100, 0, 800, 10.0, 30.0),
                round("create_port", 8, REFERENCE, 2, 5, 0, 6, 1300.0, 2000.0),
                Result.notRun("list_ports_10k", 1, "skipped", "seeds 10000 ports, more than 1000", null)
                        .on(REFERENCE, null),
                round("list_ports_10k", 1, NEUTRINO, 1, 10, 0, 4, 250.0, 300.0),
                round("list_ports_10k", 1, NEUTRINO, 2, 0, 3, 0, 0, 0, "3x HTTP 500 GET /v2.0/ports: x"));
        List<Comparison.Row> rows = Comparison.rows(results);
        assertThat(rows).extracting(Comparison.Row::scenario, Comparison.Row::clients).containsExactly(
                org.assertj.core.groups.Tuple.tuple("create_port", 1),
                org.assertj.core.groups.Tuple.tuple("create_port", 8),
                org.assertj.core.groups.Tuple.tuple("list_ports_10k", 1));
        Comparison.Row one = rows.get(0);
        assertThat(one.neutrino().opsPerSec()).isEqualTo(250);
        assertThat(one.reference().opsPerSec()).isEqualTo(5);
        assertThat(one.throughputRatio()).isEqualTo(50.0);
        assertThat(one.neutrino().p50Ms()).isEqualTo(4.0);
        assertThat(one.reference().p50Ms()).isEqualTo(200.0);
        assertThat(one.p50Ratio()).isEqualTo(50.0);
        assertThat(rows.get(1).throughputRatio()).isCloseTo(133.33, within(0.01));
        assertThat(rows.get(1).p50Ratio()).isEqualTo(130.0);

        Comparison.Row skipped = rows.get(2);
        assertThat(skipped.reference().status()).isEqualTo("skipped");
        assertThat(skipped.neutrino().ok()).isTrue();
        assertThat(skipped.neutrino().errors()).isEqualTo(3);
        assertThat(skipped.throughputRatio()).isNull();
        assertThat(skipped.p50Ratio()).isNull();
    }

    @Test
    void noRatioWithoutThroughputOrLatencyOnBothSides() {
        Result n = round("s", 1, NEUTRINO, 1, 10, 0, 100, 2.0, 3.0);
        Result deadRef = round("s", 1, REFERENCE, 1, 0, 5, 0, 0, 0);
        assertThat(Comparison.throughputRatio(n, deadRef)).isNull();
        assertThat(Comparison.p50Ratio(n, deadRef)).isNull();
        assertThat(Comparison.throughputRatio(n, null)).isNull();
        assertThat(Comparison.throughputRatio(deadRef, n)).isNull();
        assertThat(Comparison.throughputRatio(n, round("s", 1, REFERENCE, 1, 1, 0, 4, 8.0, 8.0))).isEqualTo(25.0);
        assertThat(Comparison.p50Ratio(n, round("s", 1, REFERENCE, 1, 1, 0, 4, 8.0, 8.0))).isEqualTo(4.0);
    }

    @Test
    void markdownAndTextTables() {
        List<Result> results = List.of(
                round("show_port", 1, NEUTRINO, 1, 1000, 0, 1234.5, 0.4, 1.234),
                round("show_port", 1, REFERENCE, 1, 100, 2, 61.7, 15.0, 33.3,
                        "2x HTTP 500 GET /v2.0/ports/{id}: {\"NeutronError\": `x`}"),
                Result.notRun("list_ports_10k", 1, "skipped", "seeds 10000 ports, more than --reference-max-seed 1000",
                        null).on(REFERENCE, null),
                round("list_ports_10k", 1, NEUTRINO, 1, 10, 0, 4, 250.0, 300.0));
        List<Comparison.Row> rows = Comparison.rows(results);
        String md = Comparison.markdown(rows, 3);
        assertThat(md).startsWith("| scenario | clients | Neutrino ops/s | p50 ms | p99 ms | errors | reference ops/s")
                .contains("| show_port | 1 | 1235 | 0.40 | 1.23 | 0 | 61.7 | 15.0 | 33.3 | 2 | 20.0× | 37.5× |")
                .contains("| list_ports_10k | 1 | 4.00 | 250 | 300 | 0 | skipped | – | – | – | – | – |")
                .contains("Medians of 3 rounds")
                .contains("- list_ports_10k on reference: skipped, seeds 10000 ports, more than --reference-max-seed 1000")
                .contains("- show_port (1 client) on reference: `2x HTTP 500 GET /v2.0/ports/{id}: {\"NeutronError\": 'x'}`");

        String text = Comparison.text(rows.subList(0, 1), 3);
        assertThat(text).startsWith("show_port: median of 3 rounds").contains("20.0×").contains("37.5×")
                .contains("1235").contains("61.7");
        String[] lines = text.split("\n");
        assertThat(lines[3].indexOf("|")).as("columns line up").isEqualTo(lines[2].indexOf("|"));
        assertThat(lines[3].lastIndexOf("|")).isEqualTo(lines[2].lastIndexOf("|"));
        assertThat(Comparison.text(rows.subList(1, 2), 1)).contains("skipped: seeds 10000");
    }

    @Test
    void numbersKeepThreeSignificantFigures() {
        assertThat(Comparison.num(1234.5)).isEqualTo("1235");
        assertThat(Comparison.num(123.4)).isEqualTo("123");
        assertThat(Comparison.num(12.34)).isEqualTo("12.3");
        assertThat(Comparison.num(1.234)).isEqualTo("1.23");
        assertThat(Comparison.num(0.1234)).isEqualTo("0.12");
        assertThat(Comparison.ratio(null)).isEqualTo("–");
        assertThat(Comparison.ratio(150.0)).isEqualTo("150×");
    }
}
