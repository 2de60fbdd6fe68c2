package io.neutrino.bench;

/** Per-client-thread state of one measurement phase. Only touched by its own thread while running. */
public final class Worker {
    public final int index;
    public final LatencyRecorder recorder = new LatencyRecorder();
    /** Operations attempted by this worker so far (also a per-worker unique counter). */
    public long seq;
    public long ops;
    public long errors;
    /** Time spent in unmeasured per-op preparation, excluded from the throughput denominator. */
    public long excludedNs;
    public long elapsedNs;
    /** Scenario-private per-worker state. */
    public Object state;

    public Worker(int index) {
        this.index = index;
    }

    /** Ops/s of this worker over the time it spent in measured work. */
    public double throughput() {
        long active = elapsedNs - excludedNs;
        return active <= 0 ? 0 : ops * 1e9 / active;
    }
}
