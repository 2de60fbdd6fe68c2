package io.neutrino.bench;

/**
 * One endpoint a run measures: the one under test ({@code --endpoint}) and, in a comparison, the
 * reference ({@code --reference}). Each has its own client, scenario context and cleanup.
 */
final class Target {
    /** {@link Comparison#NEUTRINO} or {@link Comparison#REFERENCE} in a comparison, else null. */
    final String label;
    final String endpoint;
    /** Server process whose VmRSS is sampled after each measurement, or null. */
    final Long serverPid;
    /** Scenarios that seed more ports than this are skipped on this endpoint. */
    final int maxSeed;
    final String maxSeedOption;
    Api api;
    Ctx ctx;

    Target(String label, String endpoint, Long serverPid, int maxSeed, String maxSeedOption) {
        this.label = label;
        this.endpoint = endpoint;
        this.serverPid = serverPid;
        this.maxSeed = maxSeed;
        this.maxSeedOption = maxSeedOption;
    }

    /** " on reference" in a comparison, "" otherwise: appended to progress messages. */
    String on() {
        return label == null ? "" : " on " + label;
    }
}
