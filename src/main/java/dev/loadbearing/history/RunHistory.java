package dev.loadbearing.history;

import dev.loadbearing.stats.StatsReport;
import java.util.List;
import java.util.Optional;

/**
 * Where every run's stats.json is kept for trends and for comparing against the last runs instead of one
 * committed baseline. A run is stored whole (its stats.json), so any figure can be charted or compared later,
 * and read back validated, like a baseline.
 */
public interface RunHistory {

  /** Adds a run; adding the same run folder of the same simulation twice keeps one copy. */
  void append(StatsReport run);

  /**
   * The newest runs of a simulation of the same shape (see {@link RunShape}), oldest first, at most
   * {@code limit}. Runs of another shape (a short form, another stage, another split) are never mixed in.
   */
  List<StatsReport> newest(String simulation, RunShape shape, int limit);

  /**
   * The newest run of a simulation, whatever its shape (the trend charts that run's shape); empty if none.
   * Default methods, so that a history made for a test (a list in memory) need not have them.
   */
  default Optional<StatsReport> latest(String simulation) {
    throw new UnsupportedOperationException(describe() + " cannot find the newest run of any shape");
  }

  /** How many runs of a simulation have another shape than {@code shape}: what a trend of that shape leaves out. */
  default int countOtherShapes(String simulation, RunShape shape) {
    throw new UnsupportedOperationException(describe() + " cannot count runs of other shapes");
  }

  /** Where the history is, for messages ("history target/loadbearing/history: 3 runs of Smoke"). */
  String describe();
}
