package dev.loadbearing.suite.config;

import java.util.Arrays;
import java.util.List;

/**
 * What a fault of the Chaos schedule does. The service-side kinds act on the reference service this run launched
 * and its database; {@code command} and {@code url} call the user's own chaos tooling, for a {@code -DbaseUrl}
 * target.
 */
public enum FaultKind {
  DATABASE_STALL("database-stall", true),
  DATABASE_RESTART("database-restart", true),
  CONNECTIONS_DROPPED("connections-dropped", true),
  PARTIAL_DEGRADATION("partial-degradation", true, "database-latency", "provider-errors"),
  COMMAND("command", false, "begin", "end", "timeout"),
  URL("url", false, "begin", "end", "timeout");

  /** Keys every fault has, whatever its kind. */
  static final List<String> COMMON_KEYS = List.of("kind", "at", "duration");

  private final String key;
  private final boolean serviceSide;
  private final List<String> ownKeys;

  FaultKind(String key, boolean serviceSide, String... ownKeys) {
    this.key = key;
    this.serviceSide = serviceSide;
    this.ownKeys = List.of(ownKeys);
  }

  /** As written in loadbearing.conf. */
  public String key() {
    return key;
  }

  @Override
  public String toString() {
    return key;
  }

  /** True when it needs the self-launched reference service (it signals its database or flips its switches). */
  public boolean serviceSide() {
    return serviceSide;
  }

  /** Every key a fault of this kind accepts. */
  List<String> acceptedKeys() {
    return java.util.stream.Stream.concat(COMMON_KEYS.stream(), ownKeys.stream()).toList();
  }

  static List<String> keys() {
    return Arrays.stream(values()).map(FaultKind::key).toList();
  }

  static FaultKind of(String key) {
    return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst().orElseThrow();
  }
}
