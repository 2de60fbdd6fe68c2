package io.neutrino.bench;

/**
 * Latency summary over a sorted array of nanosecond samples. Percentiles use the
 * nearest-rank method: the p-th percentile is the smallest sample such that at
 * least p% of the samples are less than or equal to it.
 */
public record Stats(long count, long minNs, long maxNs, double meanNs, long p50Ns, long p95Ns, long p99Ns) {

    public static final Stats EMPTY = new Stats(0, 0, 0, 0, 0, 0, 0);

    public static Stats of(long[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return EMPTY;
        }
        double sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        return new Stats(n, sorted[0], sorted[n - 1], sum / n,
                percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99));
    }

    /** Nearest-rank percentile of an ascending array; 0 when empty. */
    public static long percentile(long[] sorted, double p) {
        int n = sorted.length;
        if (n == 0) {
            return 0;
        }
        if (p <= 0) {
            return sorted[0];
        }
        if (p >= 100) {
            return sorted[n - 1];
        }
        int rank = (int) Math.ceil(p / 100.0 * n);
        return sorted[Math.min(n - 1, Math.max(0, rank - 1))];
    }

    public static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    public static double ms(double nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }
}
