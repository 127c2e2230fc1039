package dev.loadbearing.history;

import dev.loadbearing.stats.StatsExporter;
import dev.loadbearing.stats.StatsReport;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What makes two runs of a simulation comparable: the resolved parameters (stage, time scale, form, load scale,
 * users, rates, lengths, number of injectors) without what differs between identical runs (the phases' measured
 * counts, the run id, the start time, the injector's index). A short-form run and a full-length one, or a run
 * at another load scale, have different shapes and never share a trend.
 */
public record RunShape(String key) {
  /** Parameters recorded per run that say nothing about its shape. */
  private static final Set<String> PER_RUN = Set.of("phases", "runId", "startAt", "injectorIndex");

  public static RunShape of(StatsReport run) {
    Map<String, Object> parameters = run.run().parameters();
    if (parameters == null) {
      return new RunShape("");
    }
    Map<String, Object> shape = new TreeMap<>(parameters);
    shape.keySet().removeAll(PER_RUN);
    // As JSON, so a run read back from a file and the same run in memory give the same key.
    return new RunShape(StatsExporter.mapper().valueToTree(shape).toString());
  }
}
