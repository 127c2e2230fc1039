package dev.loadbearing.history;

import dev.loadbearing.stats.StatsReport;
import java.io.PrintStream;
import java.util.Map;

/**
 * Appends a finished run to the history the properties name ({@link HistoryOptions}). Never throws and never
 * changes the run's verdict: whatever fails (a bad URL, a database that is down, a folder that cannot be written)
 * becomes one warning line saying what and how to fix it. An injector's part of a split run is not recorded: the
 * merge of the parts is the run (docs/DISTRIBUTED.md).
 */
public final class HistoryRecorder {
  private HistoryRecorder() {
  }

  public static void record(StatsReport run, Map<String, String> properties, PrintStream out, PrintStream err) {
    try {
      if (isPartOfSplitRun(run)) {
        out.println("Loadbearing history: not recorded: injector part of a split run (the merged run is recorded "
            + "by exec:java@merge)");
        return;
      }
      HistoryOptions options = HistoryOptions.from(properties);
      options.open(warning -> err.println("Loadbearing " + warning)).ifPresent(history -> {
        history.append(run);
        out.println("Loadbearing history: " + run.run().simulation() + " " + run.run().runFolder() + " appended to "
            + history.describe());
      });
    } catch (RuntimeException | Error e) {
      err.println("Loadbearing history: WARNING: run not recorded: " + e.getMessage()
          + (e instanceof HistoryException ? "" : " (fix -Dhistory.dir, or -Dhistory=false to not record)"));
    }
  }

  /** Recorded by Run in run.parameters: injectors > 1 and this injector's index; a merged run has no index. */
  static boolean isPartOfSplitRun(StatsReport run) {
    Map<String, Object> parameters = run.run().parameters();
    return parameters != null && parameters.get("injectors") instanceof Number injectors && injectors.intValue() > 1
        && parameters.containsKey("injectorIndex");
  }
}
