package dev.loadbearing.diagnosis;

import dev.loadbearing.stats.StatsReport;
import dev.loadbearing.telemetry.Telemetry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What limited a run, from its telemetry and its stats.json: findings ordered by what limited it most
 * (severity, then the share of the run affected), and the leak verdict. Pure: the same input gives the same
 * diagnosis. Rules and thresholds: docs/DIAGNOSIS.md and diagnosis.conf.
 *
 * @param from     epoch ms: start of the window judged (the run's, from stats.json; else the telemetry's)
 * @param to       epoch ms: its end
 */
public record Diagnosis(List<Finding> findings, Leak leak, long from, long to) {

  public Diagnosis {
    findings = List.copyOf(findings);
  }

  /** With the thresholds of diagnosis.conf and its -D overrides. {@code stats} may be null (no 429 rule). */
  public static Diagnosis of(Telemetry telemetry, StatsReport stats) {
    return of(telemetry, stats, DiagnosisConfig.load());
  }

  public static Diagnosis of(Telemetry telemetry, StatsReport stats, DiagnosisConfig config) {
    Window window = Window.of(telemetry, stats);
    return of(window, stats, config, LeakAnalysis.judge(window, config.leak()));
  }

  /**
   * As {@link #of(Telemetry, StatsReport)}, with the leak judged only over the steady load {@code [from, to]}
   * (epoch ms; e.g. the profile's hold phase). Without one the load never held still — users stepped up, a
   * spike came and went — and growth there is the load's, not a leak's: the verdict is inconclusive.
   */
  public static Diagnosis of(Telemetry telemetry, StatsReport stats, Optional<long[]> steadyLoad) {
    DiagnosisConfig config = DiagnosisConfig.load();
    Leak leak = steadyLoad.map(w -> LeakAnalysis.judge(new Window(telemetry, w[0], w[1]), config.leak()))
        .orElse(new Leak(Leak.Verdict.INCONCLUSIVE, "the load was not steady (no hold phase): growth under a "
            + "changing load is the load's, not a leak's", List.of()));
    return of(Window.of(telemetry, stats), stats, config, leak);
  }

  private static Diagnosis of(Window window, StatsReport stats, DiagnosisConfig config, Leak leak) {
    List<Finding> findings = new ArrayList<>();
    Rules rules = new Rules(window, config);
    InjectorSaturation.of(window, config).ifPresent(findings::add);
    rules.cpuBound("service").ifPresent(findings::add);
    rules.cpuBound("database").ifPresent(findings::add);
    PoolSaturation.of(window, config).ifPresent(findings::add);
    findings.addAll(rules.gcPressure());
    rules.lockContention().ifPresent(findings::add);
    rules.deadlocks().ifPresent(findings::add);
    rules.lowCacheHit().ifPresent(findings::add);
    rules.slowStatement().ifPresent(findings::add);
    rules.rateLimited(stats).ifPresent(findings::add);
    rules.llmFallbacks(stats).ifPresent(findings::add);
    LeakAnalysis.finding(leak).ifPresent(findings::add);
    findings.sort(Comparator.comparing(Finding::severity)
        .thenComparing(Comparator.comparingDouble(Finding::weight).reversed()));
    return new Diagnosis(findings, leak, window.from(), window.to());
  }

  /**
   * Why this run's numbers are no verdict on the target, if they are not: the load generator was saturated
   * (docs/DIAGNOSIS.md, "Grade"). Its grade is then withheld and the comparator says so.
   */
  public Optional<String> invalidBecause() {
    return findings.stream().map(InjectorSaturation::invalidates).flatMap(Optional::stream).findFirst();
  }

  /** The finding that limited the run most, if any. */
  public Optional<Finding> top() {
    return findings.stream().findFirst();
  }
}
