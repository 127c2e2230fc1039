package dev.loadbearing.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.util.Optional;

/**
 * The suite's configuration, read once from {@code loadbearing.conf} with {@code -D} system properties on
 * top. Any invalid value stops the run before load is sent, naming the key.
 */
public final class SuiteConfig {
  private static volatile Config root;

  private SuiteConfig() {
  }

  /** The resolved {@code loadbearing} block; loaded on first use. */
  public static Config root() {
    if (root == null) {
      synchronized (SuiteConfig.class) {
        if (root == null) {
          root = load();
        }
      }
    }
    return root;
  }

  public static TargetConfig target() {
    Config target = root().getConfig("target");
    try {
      return new TargetConfig(nonBlank(target.getString("base-url")), nonBlank(target.getString("api-key")),
          target.getBoolean("allow-remote"), target.getDuration("ready-timeout"),
          target.getStringList("forwarded-properties"));
    } catch (ConfigException.WrongType | ConfigException.BadValue invalid) {
      throw new InvalidConfigException(invalid.getMessage());
    }
  }

  private static Config load() {
    ConfigFactory.invalidateCaches();
    try {
      Config file = ConfigFactory.parseResources("loadbearing.conf");
      if (file.isEmpty()) {
        throw new InvalidConfigException("loadbearing.conf is missing from the test classpath (src/test/resources)");
      }
      return ConfigFactory.systemProperties().withFallback(file).resolve().getConfig("loadbearing");
    } catch (ConfigException invalid) {
      throw new InvalidConfigException(invalid.getMessage());
    }
  }

  private static Optional<String> nonBlank(String value) {
    return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
  }
}
