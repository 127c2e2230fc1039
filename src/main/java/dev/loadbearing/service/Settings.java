package dev.loadbearing.service;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Key lookup with one precedence for the whole service: system property, then environment variable,
 * then default. The key {@code seed.products} is read from {@code -Dseed.products} or
 * {@code LOADBEARING_SEED_PRODUCTS}.
 */
public final class Settings {
  private final Properties properties;
  private final Map<String, String> environment;

  public Settings(Properties properties, Map<String, String> environment) {
    this.properties = properties;
    this.environment = environment;
  }

  public static Settings fromSystem() {
    return new Settings(System.getProperties(), System.getenv());
  }

  public static String environmentName(String key) {
    return "LOADBEARING_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  public Optional<String> find(String key) {
    String value = properties.getProperty(key);
    if (value == null) {
      value = environment.get(environmentName(key));
    }
    return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
  }

  public String string(String key, String fallback) {
    return find(key).orElse(fallback);
  }

  public int intInRange(String key, int fallback, int min, int max) {
    Optional<String> raw = find(key);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.get());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException notANumber) {
      // reported below with the accepted range
    }
    throw new ConfigException(key, raw.get(), "a whole number from " + min + " to " + max);
  }

  public double doubleInRange(String key, double fallback, double min, double max) {
    Optional<String> raw = find(key);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      double value = Double.parseDouble(raw.get());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException notANumber) {
      // reported below with the accepted range
    }
    throw new ConfigException(key, raw.get(), "a number from " + min + " to " + max);
  }
}
