package dev.loadbearing.history;

import dev.loadbearing.compare.Check;
import dev.loadbearing.compare.Comparison;
import dev.loadbearing.compare.HistoryBaseline;
import dev.loadbearing.compare.StatsFiles;
import dev.loadbearing.compare.Tolerances;
import dev.loadbearing.stats.StatsReport;
import dev.loadbearing.stats.StatsReport.Row;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import java.util.function.Predicate;

/**
 * Seeded synthetic run histories for the history verdict: every run is a real stats.json's whole-run row
 * (groups, requests, SLAs and server side left out) with p50, p95 and p99 multiplied by a common factor (a step,
 * a creep) and each figure, throughput too, by its own log-normal noise, then rounded to whole milliseconds as
 * Gatling's are. Each history is judged as CI would: every run from the (K + 1)th on against the runs before it,
 * through {@link HistoryBaseline} and {@link Comparison} as {@code -Dcompare.against=history} does.
 */
final class SyntheticHistory {
  static final Tolerances TOLERANCES = Tolerances.load(Map.of());
  /** The defaults of -Dcompare.history.runs and -Dcompare.history.drift-runs. */
  static final int K = 5;
  static final int DRIFT_RUNS = 10;
  /** Runs per history: enough for 10 flat runs and then 10 of a creep. */
  static final int LENGTH = 20;

  /** Run-to-run noise as standard deviations of log(value), per figure. */
  record Noise(double p50, double p95, double p99, double throughput) {
    /** Measured here between identical runs (RunToRunNoise over 23 runs, docs/COMPARE.md). */
    static final Noise MEASURED = new Noise(0.151, 0.085, 0.150, 0.015);

    Noise times(double factor) {
      return new Noise(p50 * factor, p95 * factor, p99 * factor, throughput * factor);
    }
  }

  private final Row base;
  private final StatsReport template;
  private final Noise noise;
  private final Random random;

  /** Histories of {@code baseline} scaled by {@code latencyScale} (10: a service ten times slower). */
  SyntheticHistory(String baseline, double latencyScale, Noise noise, long seed) {
    StatsReport real = StatsFiles.load(Path.of("baselines", baseline + ".json"));
    this.base = ScaledStats.latencies(real.global(), latencyScale);
    this.template = new StatsReport(real.run(), base, List.of(), List.of(), List.of());
    this.noise = noise;
    this.random = new Random(seed);
  }

  /** One history; {@code factor.apply(i)} multiplies run i's latencies. */
  List<StatsReport> history(IntToDoubleFunction factor) {
    List<StatsReport> runs = new ArrayList<>();
    for (int i = 0; i < LENGTH; i++) {
      double f = factor.applyAsDouble(i);
      Row row = ScaledStats.row(base, 1, f * wobble(noise.p50()), f * wobble(noise.p95()), f * wobble(noise.p99()),
          wobble(noise.throughput()));
      runs.add(new StatsReport(template.run(), row, List.of(), List.of(), List.of()));
    }
    return runs;
  }

  /** The comparison of run {@code i} against the runs before it, as -Dcompare.against=history makes it. */
  static Comparison judge(List<StatsReport> runs, int i, int k) {
    List<StatsReport> previous = runs.subList(Math.max(0, i - Math.max(k, DRIFT_RUNS - 1)), i);
    HistoryBaseline reference = HistoryBaseline.of(previous, runs.get(i), k, DRIFT_RUNS, TOLERANCES);
    return Comparison.of(reference.reference(), "history", runs.get(i), "run " + i, TOLERANCES, reference.noise(),
        reference.drift());
  }

  /** What a test looks for in a comparison. */
  static final class Outcome {
    /** The comparison fails (exit 1). */
    static final Predicate<Comparison> FAILS = Comparison::regressed;
    /** A drift line, warning or failure. */
    static final Predicate<Comparison> DRIFT = c -> c.checks().stream().anyMatch(k -> k.metric().endsWith(" drift"));
    /** A drift warning (not a failure). */
    static final Predicate<Comparison> DRIFT_WARNING =
        c -> c.checks().stream().anyMatch(k -> k.verdict() == Check.Verdict.DRIFT);

    private Outcome() {
    }
  }

  private double wobble(double sigma) {
    return Math.exp(sigma * random.nextGaussian());
  }
}
