package dev.loadbearing.suite.config;

/** A configuration value the suite cannot run with. Thrown before any load is sent. */
public final class InvalidConfigException extends RuntimeException {
  public InvalidConfigException(String message) {
    super("Invalid Loadbearing configuration: " + message);
  }
}
