package io.neutrino.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The side-by-side view of a {@code --reference} run: per scenario and client count, the median
 * over rounds of each endpoint's results and their ratios. Pure functions over {@link Result}s.
 */
public final class Comparison {
    /** Label of the endpoint under test ({@code --endpoint}). */
    public static final String NEUTRINO = "neutrino";
    /** Label of the endpoint compared against ({@code --reference}). */
    public static final String REFERENCE = "reference";

    private static final Pattern COUNTED = Pattern.compile("(\\d+)x (.*)", Pattern.DOTALL);

    private Comparison() {
    }

    /**
     * One scenario at one client count.
     *
     * @param throughputRatio neutrino ops/s ÷ reference ops/s; null when either side has no throughput
     * @param p50Ratio        reference p50 ÷ neutrino p50 (how many times lower Neutrino's median is); null likewise
     */
    public record Row(String scenario, int clients, Result neutrino, Result reference, Double throughputRatio,
                      Double p50Ratio) {
    }

    /** Median: the middle value, or the mean of the two middle values; NaN for no values. */
    public static double median(Collection<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    /**
     * Folds one endpoint's rounds of one scenario and client count into one result: ops/s is the
     * median over the rounds that ran (a round of errors only counts as 0 ops/s), latencies the
     * median over the rounds that completed an operation (a round without one has no latency),
     * ops and errors are summed, max is the maximum, error samples are merged by message. Without a
     * round that ran, the first "skipped" or "failed" result stands for all.
     */
    public static Result summarize(List<Result> rounds) {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("no results to summarize");
        }
        List<Result> ran = rounds.stream().filter(Result::ok).toList();
        Result first = rounds.get(0);
        if (ran.isEmpty()) {
            return first.on(first.target(), null);
        }
        List<Result> timed = ran.stream().filter(r -> r.ops() > 0).toList();
        long ops = 0;
        long errors = 0;
        double elapsed = 0;
        double max = 0;
        Long rss = null;
        List<Double> sizes = new ArrayList<>();
        for (Result r : ran) {
            ops += r.ops();
            errors += r.errors();
            elapsed += r.elapsedSec();
            max = Math.max(max, r.maxMs());
            if (r.rssKb() != null) {
                rss = rss == null ? r.rssKb() : Math.max(rss, r.rssKb());
            }
            if (r.collectionSize() != null) {
                sizes.add((double) r.collectionSize());
            }
        }
        return new Result(first.scenario(), first.clients(), "ok",
                ran.size() + " of " + rounds.size() + " rounds ran", ops, errors,
                round3(elapsed), round2(median(ran, Result::opsPerSec)),
                round2(median(timed, Result::meanMs)), round2(median(timed, Result::p50Ms)),
                round2(median(timed, Result::p95Ms)), round2(median(timed, Result::p99Ms)), max,
                sizes.isEmpty() ? null : Math.round(median(sizes)), rss, mergeErrors(ran, 5), first.target(), null);
    }

    private static double median(List<Result> rs, ToDoubleFunction<Result> f) {
        double m = median(rs.stream().map(r -> f.applyAsDouble(r)).toList());
        return Double.isNaN(m) ? 0 : m;
    }

    /** Sums "Nx message" samples over rounds by message; the first {@code n} messages, in first-seen order. */
    static List<String> mergeErrors(List<Result> rounds, int n) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Result r : rounds) {
            if (r.errorSamples() == null) {
                continue;
            }
            for (String s : r.errorSamples()) {
                Matcher m = COUNTED.matcher(s);
                if (m.matches()) {
                    counts.merge(m.group(2), Long.parseLong(m.group(1)), Long::sum);
                } else {
                    counts.merge(s, 1L, Long::sum);
                }
            }
        }
        return counts.entrySet().stream().limit(n).map(e -> e.getValue() + "x " + e.getKey()).toList();
    }

    /**
     * Rows in first-seen order of (scenario, clients) over all results (each tagged with its
     * target). A side that never ran shows its "skipped" / "failed" result and gives no ratio.
     */
    public static List<Row> rows(List<Result> results) {
        Map<String, Map<String, List<Result>>> groups = new LinkedHashMap<>();
        for (Result r : results) {
            groups.computeIfAbsent(r.scenario() + "\u0000" + r.clients(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(Objects.requireNonNull(r.target(), "result without target"), k -> new ArrayList<>())
                    .add(r);
        }
        List<Row> rows = new ArrayList<>();
        for (Map<String, List<Result>> g : groups.values()) {
            Result n = g.containsKey(NEUTRINO) ? summarize(g.get(NEUTRINO)) : null;
            Result ref = g.containsKey(REFERENCE) ? summarize(g.get(REFERENCE)) : null;
            Result any = n != null ? n : ref;
            rows.add(new Row(any.scenario(), any.clients(), n, ref, throughputRatio(n, ref), p50Ratio(n, ref)));
        }
        return rows;
    }

    static Double throughputRatio(Result n, Result ref) {
        if (!measured(n) || !measured(ref) || ref.opsPerSec() <= 0) {
            return null;
        }
        return n.opsPerSec() / ref.opsPerSec();
    }

    static Double p50Ratio(Result n, Result ref) {
        if (!measured(n) || !measured(ref) || n.p50Ms() <= 0) {
            return null;
        }
        return ref.p50Ms() / n.p50Ms();
    }

    private static boolean measured(Result r) {
        return r != null && r.ok() && r.ops() > 0;
    }

    // ------------------------------------------------------------------ rendering

    /** A plain-text table of one scenario's rows, printed after its rounds. */
    public static String text(List<Row> rows, int rounds) {
        StringBuilder sb = new StringBuilder();
        if (rows.isEmpty()) {
            return "";
        }
        sb.append(String.format(Locale.ROOT, "%s: median of %d round%s%n", rows.get(0).scenario(), rounds,
                rounds == 1 ? "" : "s"));
        sb.append(String.format(Locale.ROOT, "  %7s | %-37s | %-37s | %s%n", "", NEUTRINO, REFERENCE, "ratios"));
        sb.append(String.format(Locale.ROOT, "  %7s | %9s %9s %9s %7s | %9s %9s %9s %7s | %9s %9s%n", "clients",
                "ops/s", "p50 ms", "p99 ms", "errors", "ops/s", "p50 ms", "p99 ms", "errors", "ops/s N/R", "p50 R/N"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "  %7d | %s | %s | %9s %9s%n", r.clients(), side(r.neutrino()),
                    side(r.reference()), ratio(r.throughputRatio()), ratio(r.p50Ratio())));
        }
        return sb.toString();
    }

    private static String side(Result r) {
        if (r == null) {
            return String.format(Locale.ROOT, "%-37s", "not run");
        }
        if (!r.ok()) {
            return String.format(Locale.ROOT, "%-37.37s", r.status() + ": " + r.message());
        }
        return String.format(Locale.ROOT, "%9s %9s %9s %7d", num(r.opsPerSec()), ms(r), ms99(r), r.errors());
    }

    /** The whole comparison as a Markdown table, followed by what did not run and the errors seen. */
    public static String markdown(List<Row> rows, int rounds) {
        StringBuilder sb = new StringBuilder();
        sb.append("| scenario | clients | Neutrino ops/s | p50 ms | p99 ms | errors | reference ops/s | p50 ms | p99 ms "
                + "| errors | throughput N/R | p50 R/N |\n");
        sb.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (Row r : rows) {
            sb.append("| ").append(r.scenario()).append(" | ").append(r.clients()).append(" | ")
                    .append(mdSide(r.neutrino())).append(" | ").append(mdSide(r.reference())).append(" | ")
                    .append(ratio(r.throughputRatio())).append(" | ").append(ratio(r.p50Ratio())).append(" |\n");
        }
        sb.append('\n').append("Medians of ").append(rounds).append(" round").append(rounds == 1 ? "" : "s")
                .append(" per endpoint, alternating; errors summed over the rounds. throughput N/R = Neutrino ops/s "
                        + "÷ reference ops/s; p50 R/N = reference p50 ÷ Neutrino p50.\n");
        List<String> notRun = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Row r : rows) {
            note(notRun, errors, r, Comparison.NEUTRINO, r.neutrino());
            note(notRun, errors, r, Comparison.REFERENCE, r.reference());
        }
        if (!notRun.isEmpty()) {
            sb.append("\nNot run:\n\n");
            notRun.stream().distinct().forEach(s -> sb.append("- ").append(s).append('\n'));
        }
        if (!errors.isEmpty()) {
            sb.append("\nErrors (count over the rounds, status, request, body):\n\n");
            errors.forEach(s -> sb.append("- ").append(s).append('\n'));
        }
        return sb.toString();
    }

    private static void note(List<String> notRun, List<String> errors, Row row, String label, Result r) {
        if (r == null) {
            return;
        }
        if (!r.ok()) {
            notRun.add(row.scenario() + " on " + label + ": " + r.status() + ", " + r.message());
            return;
        }
        if (r.errorSamples() != null) {
            for (String e : r.errorSamples()) {
                errors.add(row.scenario() + " (" + row.clients() + " client" + (row.clients() == 1 ? "" : "s")
                        + ") on " + label + ": `" + e.replace("`", "'") + "`");
            }
        }
    }

    private static String mdSide(Result r) {
        if (r == null) {
            return "– | – | – | –";
        }
        if (!r.ok()) {
            return r.status() + " | – | – | –";
        }
        return num(r.opsPerSec()) + " | " + ms(r) + " | " + ms99(r) + " | " + r.errors();
    }

    private static String ms(Result r) {
        return r.ops() > 0 ? num(r.p50Ms()) : "–";
    }

    private static String ms99(Result r) {
        return r.ops() > 0 ? num(r.p99Ms()) : "–";
    }

    /** Three significant figures, at most two decimals: 1234, 123, 12.3, 1.23, 0.12. */
    static String num(double v) {
        double a = Math.abs(v);
        String f = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, f, v);
    }

    static String ratio(Double v) {
        return v == null ? "–" : num(v) + "×";
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
