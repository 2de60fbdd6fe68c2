package io.neutrino.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/** Runs one measurement (or warm-up) phase of a scenario with N client threads. */
public final class Runner {
    private Runner() {
    }

    public record Phase(List<Worker> workers, ErrorLog errors, long wallNs) {
        public long ops() {
            return workers.stream().mapToLong(w -> w.ops).sum();
        }

        public long errorCount() {
            return workers.stream().mapToLong(w -> w.errors).sum();
        }

        /** Sum of per-client throughputs, each over its measured (non-preparation) time. */
        public double opsPerSec() {
            return workers.stream().mapToDouble(Worker::throughput).sum();
        }

        public Stats stats() {
            List<LatencyRecorder> rs = new ArrayList<>();
            for (Worker w : workers) {
                rs.add(w.recorder);
            }
            return Stats.of(LatencyRecorder.mergeSorted(rs));
        }
    }

    /**
     * @param ops      total operations to attempt across all clients, or null for a timed run
     * @param duration run length in nanoseconds when {@code ops} is null
     */
    public static Phase run(Scenario s, int clients, Long ops, long duration) throws InterruptedException {
        ErrorLog errors = new ErrorLog();
        AtomicLong remaining = ops == null ? null : new AtomicLong(ops);
        List<Worker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        long[] deadline = new long[1];
        for (int i = 0; i < clients; i++) {
            Worker w = new Worker(i);
            workers.add(w);
            Thread t = new Thread(() -> loop(s, w, start, remaining, deadline, errors), "bench-client-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        long t0 = System.nanoTime();
        deadline[0] = t0 + duration;
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        return new Phase(workers, errors, System.nanoTime() - t0);
    }

    private static void loop(Scenario s, Worker w, CountDownLatch start, AtomicLong remaining, long[] deadline,
                             ErrorLog errors) {
        try {
            start.await();
        } catch (InterruptedException e) {
            return;
        }
        long end = deadline[0];
        long t0 = System.nanoTime();
        try {
            while (remaining != null ? remaining.getAndDecrement() > 0 : System.nanoTime() < end) {
                long a = System.nanoTime();
                Object prepared;
                try {
                    prepared = s.prepare(w);
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    w.errors++;
                    errors.add(e);
                    w.excludedNs += System.nanoTime() - a;
                    w.seq++;
                    continue;
                }
                long b = System.nanoTime();
                w.excludedNs += b - a;
                try {
                    s.run(w, prepared);
                    w.recorder.record(System.nanoTime() - b);
                    w.ops++;
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    w.errors++;
                    errors.add(e);
                }
                w.seq++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            w.elapsedNs = System.nanoTime() - t0;
        }
    }

    /**
     * VmRSS in kB of a process plus its descendants (Neutron forks its API workers; Neutrino has
     * none), from /proc/PID/status, or null if unavailable. Forked children share pages with their
     * parent, so the sum overstates what they really use.
     */
    public static Long rssKb(long pid) {
        Long own = parseVmRss(Path.of("/proc", Long.toString(pid), "status"));
        if (own == null) {
            return null;
        }
        long sum = own;
        for (ProcessHandle child : ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of())) {
            Long rss = parseVmRss(Path.of("/proc", Long.toString(child.pid()), "status"));
            sum += rss == null ? 0 : rss;
        }
        return sum;
    }

    static Long parseVmRss(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
