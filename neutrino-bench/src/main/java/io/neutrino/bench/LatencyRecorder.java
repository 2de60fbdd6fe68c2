package io.neutrino.bench;

import java.util.Arrays;
import java.util.Collection;

/**
 * Single-threaded latency recorder: a growable long[] of nanosecond samples.
 * One per worker thread; merged (concatenated and sorted) after a run.
 */
public final class LatencyRecorder {
    private long[] values;
    private int size;

    public LatencyRecorder() {
        this(1024);
    }

    public LatencyRecorder(int initialCapacity) {
        values = new long[Math.max(16, initialCapacity)];
    }

    public void record(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = nanos;
    }

    public int size() {
        return size;
    }

    /** A copy of the recorded samples, in recording order. */
    public long[] toArray() {
        return Arrays.copyOf(values, size);
    }

    /** Concatenates all recorders' samples and sorts them ascending. */
    public static long[] mergeSorted(Collection<LatencyRecorder> recorders) {
        int total = 0;
        for (LatencyRecorder r : recorders) {
            total += r.size;
        }
        long[] all = new long[total];
        int pos = 0;
        for (LatencyRecorder r : recorders) {
            System.arraycopy(r.values, 0, all, pos, r.size);
            pos += r.size;
        }
        Arrays.sort(all);
        return all;
    }
}
