package dev.loadbearing.suite.config;

import java.time.Duration;
import java.util.Optional;

/**
 * What the run samples on the server's side: on by default, every {@code interval}; the target's Prometheus
 * endpoint at {@code metricsPath} (empty: none) and, for a {@code -DbaseUrl} target, its PostgreSQL if given.
 */
public record TelemetryConfig(boolean enabled, Duration interval, String metricsPath, Optional<String> dbUrl,
                              String dbUser, String dbPassword) {
}
