package dev.loadbearing.suite.support;

/** The target given with {@code -DbaseUrl} did not answer its health check; thrown before any load is sent. */
public final class TargetUnavailableException extends RuntimeException {
  TargetUnavailableException(String message) {
    super("Loadbearing target unavailable: " + message);
  }
}
