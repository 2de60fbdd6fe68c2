package io.neutrino.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts errors by distinct message (ids blanked), remembering the first few in order. */
public final class ErrorLog {
    private static final int MAX_DISTINCT = 50;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final List<String> order = new ArrayList<>();

    public void add(Throwable t) {
        String key = ApiException.errorKey(t);
        LongAdder a = counts.get(key);
        if (a == null) {
            synchronized (order) {
                a = counts.get(key);
                if (a == null) {
                    if (order.size() >= MAX_DISTINCT) {
                        key = "(other errors)";
                        a = counts.computeIfAbsent(key, k -> new LongAdder());
                        if (!order.contains(key)) {
                            order.add(key);
                        }
                    } else {
                        a = new LongAdder();
                        counts.put(key, a);
                        order.add(key);
                    }
                }
            }
        }
        a.increment();
    }

    /** The first {@code n} distinct errors, as "Nx message". */
    public List<String> first(int n) {
        List<String> out = new ArrayList<>();
        synchronized (order) {
            for (String k : order) {
                if (out.size() >= n) {
                    break;
                }
                out.add(counts.get(k).sum() + "x " + k);
            }
        }
        return out;
    }
}
