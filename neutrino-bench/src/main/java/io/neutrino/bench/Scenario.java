package io.neutrino.bench;

/**
 * A benchmark scenario. {@link #setup()} runs once (unmeasured); then, for each client, the runner
 * repeatedly calls {@link #prepare(Worker)} (unmeasured) and {@link #run(Worker, Object)} (measured:
 * one latency sample per call). Everything created is registered with {@code ctx.cleanup} and
 * deleted after the scenario.
 */
public abstract class Scenario {
    protected Ctx ctx;

    public abstract String name();

    public abstract String description();

    void bind(Ctx ctx) {
        this.ctx = ctx;
    }

    /** Non-null: the reason this endpoint cannot run the scenario (it is then skipped). */
    public String unsupportedReason() {
        return null;
    }

    public void setup() throws Exception {
    }

    /** Unmeasured per-operation preparation; its result is passed to {@link #run}. */
    public Object prepare(Worker w) throws Exception {
        return null;
    }

    /** The measured operation. */
    public abstract void run(Worker w, Object prepared) throws Exception;

    /**
     * Ports this scenario seeds in {@link #setup()} (0 if it seeds none); lets a comparison skip
     * scenarios whose seeding a slow endpoint cannot afford.
     */
    public int seedCount() {
        return 0;
    }

    /** For list scenarios: size of the listed collection (plotted on the x axis); else null. */
    public Long collectionSize() {
        return null;
    }

    protected String requireExtensions(String... aliases) {
        for (String a : aliases) {
            if (!ctx.hasExtension(a)) {
                return "endpoint lacks the '" + a + "' extension (GET /v2.0/extensions)";
            }
        }
        return null;
    }
}
