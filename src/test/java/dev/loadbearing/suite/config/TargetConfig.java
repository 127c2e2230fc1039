package dev.loadbearing.suite.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Where load goes: an existing deployment, or the reference service the suite starts itself. */
public record TargetConfig(Optional<String> baseUrl, Optional<String> apiKey, boolean allowRemote,
                           Duration readyTimeout, List<String> forwardedProperties) {
}
