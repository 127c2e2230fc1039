package dev.loadbearing.suite.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where load goes: an existing deployment, or the reference service the suite starts itself.
 * {@code healthPath} is probed once before load (empty: a TCP connect only); {@code warmUpPath} is what
 * Gatling's HTTP client warms up against (empty: no warm-up request).
 */
public record TargetConfig(Optional<String> baseUrl, Optional<String> apiKey, boolean allowRemote,
                           Duration readyTimeout, List<String> forwardedProperties, String healthPath,
                           String warmUpPath) {
}
