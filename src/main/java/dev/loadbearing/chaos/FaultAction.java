package dev.loadbearing.chaos;

/**
 * One fault of a Chaos schedule: {@link #begin} at the start of its window, {@link #end} at its end. A fault
 * that is over as soon as it is done (connections dropped) ends with nothing to undo; one that lasts (a stalled
 * database, added latency) undoes itself in {@link #end}. Both are called from the schedule's own thread,
 * never from Gatling's, and may block briefly (a signal, a command, an HTTP call), never for the window's length.
 */
public interface FaultAction {
  /** What the output, stats.json and the report call it: "database stalled (SIGSTOP)". */
  String description();

  void begin() throws Exception;

  void end() throws Exception;
}
