package dev.loadbearing.telemetry;

/**
 * Something the sampler reads every interval. Called from the sampler's own thread only, one call at a time.
 * A source that throws is noted once and tried again on the next tick; it never stops the others.
 */
public interface Source {
  /** Short name for notes, e.g. {@code "postgres"}. */
  String name();

  /** Reads once and records what it read. */
  void sample(Recorder out) throws Exception;

  /** Called once after the last tick (end-of-run figures such as the top statements). */
  default void finish(Recorder out) throws Exception {
  }

  /** Releases connections and listeners; called after {@link #finish}. */
  default void close() {
  }
}
