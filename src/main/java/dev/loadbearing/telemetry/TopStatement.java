package dev.loadbearing.telemetry;

/**
 * One SQL statement from {@code pg_stat_statements}, counted over the run only (the sampler subtracts what the
 * view held when sampling began). {@code sharePercent}: its part of all statements' execution time in the run.
 */
public record TopStatement(String query, long calls, double totalMillis, double meanMillis, long rows,
                        double sharePercent) {
}
