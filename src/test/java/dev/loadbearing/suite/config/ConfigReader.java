package dev.loadbearing.suite.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed, validated reads under one config path. Every failure names the full key and what it accepts, so
 * that a bad value stops the run before load with a message a user can act on.
 */
public final class ConfigReader {
  private final Config config;
  private final String prefix;
  private final Config top;

  /** A reader of the top-level {@code loadbearing} block. */
  public ConfigReader(Config config, String prefix) {
    this(config, prefix, config);
  }

  private ConfigReader(Config config, String prefix, Config top) {
    this.config = config;
    this.prefix = prefix;
    this.top = top;
  }

  /** The reader of the whole {@code loadbearing} block, wherever this one points. */
  public ConfigReader root() {
    return new ConfigReader(top, "loadbearing", top);
  }

  public ConfigReader at(String path) {
    return new ConfigReader(read(path, "a block of keys", () -> config.getConfig(path)), key(path), top);
  }

  public boolean has(String path) {
    return config.hasPath(path);
  }

  /** The full key of {@code path}; the block's own key when {@code path} is empty. */
  public String key(String path) {
    return prefix.isEmpty() ? path : path.isEmpty() ? prefix : prefix + "." + path;
  }

  public int count(String path) {
    long value = read(path, "a whole number >= 0", () -> config.getLong(path));
    if (value < 0 || value > Integer.MAX_VALUE) {
      throw invalid(path, value, "a whole number >= 0");
    }
    return (int) value;
  }

  public int positiveCount(String path) {
    int value = count(path);
    if (value == 0) {
      throw invalid(path, value, "a whole number >= 1");
    }
    return value;
  }

  public double number(String path) {
    double value = read(path, "a number >= 0", () -> config.getDouble(path));
    if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
      throw invalid(path, value, "a number >= 0");
    }
    return value;
  }

  public double positiveNumber(String path) {
    double value = number(path);
    if (value == 0) {
      throw invalid(path, value, "a number > 0");
    }
    return value;
  }

  public double percent(String path) {
    double value = number(path);
    if (value > 100) {
      throw invalid(path, value, "a percentage from 0 to 100");
    }
    return value;
  }

  public Duration duration(String path) {
    Duration value = read(path, "a duration >= 0 such as 500ms, 30s, 5m or 2h",
        () -> config.getDuration(path));
    if (value.isNegative()) {
      throw invalid(path, value, "a duration >= 0 such as 500ms, 30s, 5m or 2h");
    }
    return value;
  }

  /** A size in bytes such as {@code 500MB} (10^6 bytes) or {@code 1GiB}. */
  public long bytes(String path) {
    return read(path, "a size such as 500MB or 1GB", () -> config.getBytes(path));
  }

  public String string(String path) {
    return read(path, "a string", () -> config.getString(path));
  }

  public String oneOf(String path, List<String> accepted) {
    String value = string(path).strip();
    if (!accepted.contains(value)) {
      throw invalid(path, "'" + value + "'", "one of " + String.join(", ", accepted));
    }
    return value;
  }

  public List<String> strings(String path) {
    return read(path, "a list of strings", () -> config.getStringList(path));
  }

  public List<Integer> counts(String path) {
    List<Integer> values = read(path, "a list of whole numbers", () -> config.getIntList(path));
    for (int value : values) {
      if (value < 0) {
        throw invalid(path, values, "a list of whole numbers >= 0");
      }
    }
    return values;
  }

  /** The keys of this block, sorted. */
  public List<String> keys() {
    return config.root().keySet().stream().sorted().toList();
  }

  /** Every value's path under {@code path} ({@code a.b} for {@code a { b = 1 }}), sorted. */
  public List<String> leaves(String path) {
    Config block = read(path, "a block of keys", () -> config.getConfig(path));
    return block.entrySet().stream().map(java.util.Map.Entry::getKey).sorted().toList();
  }

  /** The keys directly under {@code path}, in file order as far as HOCON keeps it (sorted otherwise). */
  public List<String> children(String path) {
    Config block = read(path, "a block of keys", () -> config.getConfig(path));
    return new ArrayList<>(block.root().keySet()).stream().sorted().toList();
  }

  /** A block of percentages that must sum to 100, such as a journey's step weights. */
  public Map<String, Double> weights(String path, List<String> accepted) {
    Map<String, Double> weights = new LinkedHashMap<>();
    Map<String, ConfigValue> block = read(path, "a block of percentages", () -> config.getConfig(path).root());
    for (String name : block.keySet()) {
      if (!accepted.contains(name)) {
        throw new InvalidConfigException(key(path + "." + name) + " is not a known weight; "
            + key(path) + " accepts " + String.join(", ", accepted));
      }
    }
    double sum = 0;
    for (String name : accepted) {
      double weight = has(path + "." + name) ? percent(path + "." + name) : 0;
      weights.put(name, weight);
      sum += weight;
    }
    if (Math.abs(sum - 100.0) > 1e-9) {
      throw new InvalidConfigException("weights under " + key(path) + " " + weights + " sum to " + sum
          + "; they are percentages and must sum to 100");
    }
    return weights;
  }

  private InvalidConfigException invalid(String path, Object value, String accepts) {
    return new InvalidConfigException(key(path) + " = " + value + " is invalid; it accepts " + accepts);
  }

  private <T> T read(String path, String accepts, java.util.function.Supplier<T> reader) {
    try {
      return reader.get();
    } catch (ConfigException.Missing missing) {
      throw new InvalidConfigException(key(path) + " is missing; it accepts " + accepts);
    } catch (ConfigException.WrongType | ConfigException.BadValue bad) {
      throw new InvalidConfigException(key(path) + " is invalid (" + bad.getMessage() + "); it accepts " + accepts);
    }
  }
}
