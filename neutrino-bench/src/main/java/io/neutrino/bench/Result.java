package io.neutrino.bench;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** One line of output: a scenario at one client count. */
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
        List<String> errorSamples) {

    public static Result notRun(String scenario, int clients, String status, String message, Long rssKb) {
        return new Result(scenario, clients, status, message, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, rssKb, null);
    }

    public boolean ok() {
        return "ok".equals(status);
    }
}
