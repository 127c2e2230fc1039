package dev.loadbearing.suite.support;

/** {@code -Dsimulation=} names no simulation class, or more than one. Thrown before any load is sent. */
public final class UnknownSimulationException extends RuntimeException {
  UnknownSimulationException(String message) {
    // A usage error: the message says everything, and a stack trace would bury it in Maven's output.
    super(message, null, false, false);
  }
}
