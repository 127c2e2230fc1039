package dev.loadbearing.suite.config;

import dev.loadbearing.diagnosis.ServerSlas;
import dev.loadbearing.diagnosis.ServerSlas.Bound;
import dev.loadbearing.diagnosis.ServerSlas.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * The server-side SLAs of a profile: {@code loadbearing.server-sla} for every profile, each key overridable (or
 * switched {@code off}) in {@code loadbearing.profiles.<profile>.server-sla}. Judged by {@link ServerSlas}.
 */
final class ServerSla {
  static final String BLOCK = "server-sla";
  private static final String OFF = "off";

  private ServerSla() {
  }

  /** The bounds in force for {@code profile} (its key, e.g. {@code breaking-point}); switched-off ones left out. */
  static List<Bound> read(ConfigReader root, String profile) {
    ConfigReader defaults = root.at(BLOCK);
    checkKeys(defaults);
    String own = "profiles." + profile + "." + BLOCK;
    ConfigReader overrides = root.has(own) ? root.at(own) : null;
    if (overrides != null) {
      checkKeys(overrides);
    }
    List<Bound> bounds = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      ConfigReader block = overrides != null && overrides.has(kind.key()) ? overrides : defaults;
      if (!block.has(kind.key())) {
        throw new InvalidConfigException(defaults.key(kind.key()) + " is missing; give it a bound or " + OFF);
      }
      String reason = block.has("reasons." + kind.key()) ? block.string("reasons." + kind.key()) : null;
      Double threshold = threshold(block, kind);
      if (threshold != null) {
        bounds.add(new Bound(kind, block.key(kind.key()), threshold, reason));
      }
    }
    return List.copyOf(bounds);
  }

  /** The bound in the metric's unit, or null when switched off. */
  private static Double threshold(ConfigReader block, Kind kind) {
    String key = kind.key();
    String text = block.string(key).strip();
    if (text.equals(OFF) || kind == Kind.NO_LEAK && text.equals("false")) {
      return null;
    }
    return switch (kind) {
      case SERVICE_CPU_P95, CACHE_HIT_MIN -> percent(block, key, text);
      case HEAP_PER_100_USERS -> {
        double megabytes = readBytes(block, key) / 1e6;
        if (megabytes <= 0) {
          throw invalid(block, key, text, "a size above 0 such as 500MB, or " + OFF);
        }
        yield megabytes;
      }
      case LOCK_WAIT_MEAN -> {
        double millis = block.duration(key).toNanos() / 1e6;
        if (millis <= 0) {
          throw invalid(block, key, text, "a duration above 0 such as 100ms, or " + OFF);
        }
        yield millis;
      }
      case NO_LEAK -> {
        if (!text.equals("true")) {
          throw invalid(block, key, text, "true, false or " + OFF);
        }
        yield 0.0;
      }
    };
  }

  /** {@code 80%} or {@code 80}: above 0, at most 100. */
  private static double percent(ConfigReader block, String key, String text) {
    String accepts = "a percentage above 0 and at most 100 such as 80%, or " + OFF;
    try {
      double value = Double.parseDouble(text.endsWith("%") ? text.substring(0, text.length() - 1).strip() : text);
      if (value > 0 && value <= 100) {
        return value;
      }
    } catch (NumberFormatException notANumber) {
      // said below, naming the key
    }
    throw invalid(block, key, text, accepts);
  }

  private static long readBytes(ConfigReader block, String key) {
    try {
      return block.bytes(key);
    } catch (InvalidConfigException bad) {
      throw invalid(block, key, block.string(key), "a size such as 500MB or 1GB, or " + OFF);
    }
  }

  private static void checkKeys(ConfigReader block) {
    for (String name : block.keys()) {
      if (!name.equals("reasons") && Kind.of(name).isEmpty()) {
        throw new InvalidConfigException(block.key(name) + " is not a server-side SLA; " + block.key("")
            + " accepts " + String.join(", ", Kind.keys()) + " (and reasons { <key> = \"why\" })");
      }
    }
  }

  private static InvalidConfigException invalid(ConfigReader block, String key, String value, String accepts) {
    return new InvalidConfigException(block.key(key) + " = '" + value + "' is invalid; it accepts " + accepts);
  }
}
