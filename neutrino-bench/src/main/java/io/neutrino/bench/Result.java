package io.neutrino.bench;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One line of output: a scenario at one client count. In a comparison ({@code --reference}) it
 * also names the endpoint it measured ({@code target}) and the round; both are null otherwise.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Result(
        String scenario,
        int clients,
        String status,          // ok | skipped | failed
        String message,
        long ops,
        long errors,
        double elapsedSec,
        double opsPerSec,
        double meanMs,
        double p50Ms,
        double p95Ms,
        double p99Ms,
        double maxMs,
        Long collectionSize,
        Long rssKb,
        List<String> errorSamples,
        String target,
        Integer round) {

    public static Result notRun(String scenario, int clients, String status, String message, Long rssKb) {
        return new Result(scenario, clients, status, message, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, rssKb, null,
                null, null);
    }

    public boolean ok() {
        return "ok".equals(status);
    }

    /** This result as measured on {@code target} in {@code round} (both may be null). */
    public Result on(String target, Integer round) {
        return new Result(scenario, clients, status, message, ops, errors, elapsedSec, opsPerSec, meanMs, p50Ms,
                p95Ms, p99Ms, maxMs, collectionSize, rssKb, errorSamples, target, round);
    }
}
