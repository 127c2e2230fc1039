package dev.loadbearing.history;

import dev.loadbearing.stats.StatsReport;
import dev.loadbearing.stats.StatsReport.RunInfo;
import java.util.Map;

/** A real run's stats.json as another run of a history: the same numbers at another time, folder and commit. */
public final class Reruns {
  private Reruns() {
  }

  public static StatsReport of(StatsReport real, long start, String folder, String commit,
                               Map<String, Object> parameters) {
    RunInfo r = real.run();
    RunInfo info = new RunInfo(r.simulation(), r.simulationClass(), r.gatlingVersion(), folder, start,
        start + r.durationMillis(), r.durationMillis(), r.durationSeconds(), parameters, r.target(), commit,
        r.machine(), r.injector(), r.manifestFound());
    return new StatsReport(real.schemaVersion(), info, real.global(), real.groups(), real.requests(), real.slas(),
        null, real.server(), real.diagnosis(), real.llm(), real.chaos());
  }
}
