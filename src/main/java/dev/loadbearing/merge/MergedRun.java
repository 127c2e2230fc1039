package dev.loadbearing.merge;

import dev.loadbearing.stats.StatsMerge;
import dev.loadbearing.stats.StatsReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The stats of a split run's parts as one run's: rows merged exactly, SLAs re-judged, parameters of the whole. */
final class MergedRun {
  private MergedRun() {
  }

  /**
   * Its {@code runFolder} is the run id every part carries (Parts checks they agree): the merged run's key in the
   * history, one entry however often it is merged (every distributed run's output folder is called "merged").
   */
  static StatsReport of(Parts parts) {
    StatsReport merged = StatsMerge.mergeJudged(parts.stats());
    StatsReport.RunInfo r = merged.run();
    String runFolder = String.valueOf(parts.stats().get(0).run().parameters().get("runId"));
    StatsReport.RunInfo run = new StatsReport.RunInfo(r.simulation(), r.simulationClass(), r.gatlingVersion(),
        runFolder, r.start(), r.end(), r.durationMillis(), r.durationSeconds(), parameters(parts), r.target(),
        r.gitCommit(), r.machine(), r.injector(), r.manifestFound());
    return new StatsReport(run, merged.global(), merged.groups(), merged.requests(), merged.slas())
        .withLlm(merged.llm());
  }

  /**
   * The first part's parameters without its index, with the parts' folders, and each phase's requests summed over
   * the parts. The profile's users and rates stay those of one part: its share (docs/DISTRIBUTED.md).
   */
  private static Map<String, Object> parameters(Parts parts) {
    Map<String, Object> p = new LinkedHashMap<>(parts.stats().get(0).run().parameters());
    p.remove("injectorIndex");
    p.put("mergedFrom", parts.folders().stream().map(f -> f.getFileName().toString()).toList());
    if (p.get("phases") instanceof List<?> phases) {
      List<Map<String, Object>> summed = new ArrayList<>();
      for (int i = 0; i < phases.size(); i++) {
        @SuppressWarnings("unchecked")
        Map<String, Object> phase = new LinkedHashMap<>((Map<String, Object>) phases.get(i));
        long requests = 0;
        for (StatsReport part : parts.stats()) {
          if (part.run().parameters().get("phases") instanceof List<?> own && own.size() > i
              && own.get(i) instanceof Map<?, ?> m && m.get("requests") instanceof Number n) {
            requests += n.longValue();
          }
        }
        phase.put("requests", requests);
        if (phase.get("seconds") instanceof Number s && s.longValue() > 0) {
          phase.put("requestsPerSecond", Math.round(10.0 * requests / s.longValue()) / 10.0);
        }
        summed.add(phase);
      }
      p.put("phases", summed);
    }
    return p;
  }
}
