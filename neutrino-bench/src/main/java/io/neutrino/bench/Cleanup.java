package io.neutrino.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Registry of everything a scenario created, deleted at the end in dependency order
 * (floating IPs, router interfaces, routers, ports, subnets, networks, security groups),
 * each stage in parallel. 404 answers count as already gone.
 */
public final class Cleanup {
    public enum Stage { FLOATINGIP, ROUTER_INTERFACE, ROUTER, PORT, SUBNET, NETWORK, SECURITY_GROUP_RULE, SECURITY_GROUP }

    @FunctionalInterface
    public interface Action {
        void run(Api api) throws Exception;
    }

    private final Map<Stage, ConcurrentHashMap<String, Action>> stages = new EnumMap<>(Stage.class);

    public Cleanup() {
        for (Stage s : Stage.values()) {
            stages.put(s, new ConcurrentHashMap<>());
        }
    }

    /** Registers DELETE {path}. */
    public void delete(Stage stage, String path) {
        stages.get(stage).put(path, api -> api.delete(path));
    }

    public void add(Stage stage, String key, Action action) {
        stages.get(stage).put(key, action);
    }

    /** Forgets a resource that the scenario deleted itself. */
    public void forget(Stage stage, String key) {
        stages.get(stage).remove(key);
    }

    public int pending() {
        int n = 0;
        for (var m : stages.values()) {
            n += m.size();
        }
        return n;
    }

    /** Runs all registered actions; returns the number that failed. */
    public int run(Api api, ExecutorService pool, PrintStream log) throws InterruptedException {
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger logged = new AtomicInteger();
        for (Stage stage : Stage.values()) {
            Map<String, Action> m = stages.get(stage);
            if (m.isEmpty()) {
                continue;
            }
            List<Future<?>> fs = new ArrayList<>(m.size());
            for (Map.Entry<String, Action> e : new ArrayList<>(m.entrySet())) {
                fs.add(pool.submit(() -> {
                    try {
                        e.getValue().run(api);
                    } catch (ApiException ex) {
                        if (ex.status() != 404) {
                            failed.incrementAndGet();
                            if (logged.incrementAndGet() <= 5) {
                                log.println("  cleanup failed: " + ex.getMessage());
                            }
                        }
                    } catch (Exception ex) {
                        failed.incrementAndGet();
                        if (logged.incrementAndGet() <= 5) {
                            log.println("  cleanup failed: " + e.getKey() + ": " + ex);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException ignored) {
                    // counted inside the task
                }
            }
            m.clear();
        }
        return failed.get();
    }
}
