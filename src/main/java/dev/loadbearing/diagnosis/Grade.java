package dev.loadbearing.diagnosis;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.loadbearing.stats.StatsReport;
import dev.loadbearing.telemetry.Telemetry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One letter for a run, from three scores between 0 and 1 (docs/DIAGNOSIS.md, "Grade"):
 * <ul>
 *   <li>latency (40 %): global p95 against its SLA — 1 at half the bound or less, 0 at 1.5× the bound or more,
 *       linear between (1000 ms stands in for a profile with no p95 SLA);</li>
 *   <li>errors (30 %): 1 with no failed request, 0 at 5 % failed or more, linear between;</li>
 *   <li>efficiency (30 %): when the run chatted with the assistant, its LLM cost per virtual-user hour — 1 at
 *       $0.05 or less (about the Load mix at the reference prices), 0 at $0.50 or more, linear between; else
 *       the service's CPU per request — 1 at 2 ms or less, 0 at 20 ms or more, linear between; left out (and
 *       the other two weighed 4:3) when neither is known.</li>
 * </ul>
 * Score = weighted mean × 100; A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, E ≥ 50, else F.
 *
 * <p>A run that measured its load generator rather than the target (the diagnosis says so) gets no letter: its
 * {@code letter} is {@value #INVALID} and {@code invalidBecause} says why. Its score is still computed, as a
 * figure of Gatling's machine, not a verdict on the target.
 *
 * @param invalidBecause why the letter is withheld; null (absent in stats.json) for a valid grade
 */
public record Grade(String letter, double score, double latency, double errors, Double efficiency,
                    Map<String, Double> figures,
                    @JsonInclude(JsonInclude.Include.NON_NULL) String invalidBecause) {
  /** The letter of a run whose numbers describe the load generator, not the target. */
  public static final String INVALID = "invalid";
  static final double NO_SLA_P95_MS = 1000;
  static final double MAX_ERROR_PERCENT = 5;
  static final double GOOD_CPU_MS = 2;
  static final double BAD_CPU_MS = 20;
  static final double GOOD_USD_PER_USER_HOUR = 0.05;
  static final double BAD_USD_PER_USER_HOUR = 0.50;

  /** The grade of a run, withheld when its diagnosis found that it measured the load generator. */
  public static Grade of(StatsReport stats, Telemetry telemetry, Diagnosis diagnosis) {
    Grade grade = of(stats, telemetry);
    return diagnosis.invalidBecause().map(grade::invalid).orElse(grade);
  }

  /** The grade by the formula alone, whatever the diagnosis. */
  public static Grade of(StatsReport stats, Telemetry telemetry) {
    Map<String, Double> figures = new LinkedHashMap<>();
    double bound = stats.slas() == null ? NO_SLA_P95_MS : stats.slas().stream()
        .filter(sla -> "global".equals(sla.scope()) && "p95".equals(sla.metric()))
        .mapToDouble(StatsReport.SlaResult::threshold).min().orElse(NO_SLA_P95_MS);
    double p95 = stats.global().p95();
    figures.put("p95Millis", p95);
    figures.put("p95BoundMillis", bound);
    double latency = clamp((1.5 - p95 / bound) / 1.0);
    double koPercent = stats.global().koPercent();
    figures.put("koPercent", koPercent);
    double errors = clamp(1 - koPercent / MAX_ERROR_PERCENT);
    Double efficiency = null;
    Optional<Double> cpuPerRequest = cpuMillisPerRequest(stats, telemetry);
    Optional<Double> llmCost = llmCostPerUserHour(stats);
    if (llmCost.isPresent()) {
      figures.put("llmUsdPerVirtualUserHour", llmCost.get());
      efficiency = clamp((BAD_USD_PER_USER_HOUR - llmCost.get()) / (BAD_USD_PER_USER_HOUR - GOOD_USD_PER_USER_HOUR));
    } else if (cpuPerRequest.isPresent()) {
      figures.put("serviceCpuMillisPerRequest", cpuPerRequest.get());
      efficiency = clamp((BAD_CPU_MS - cpuPerRequest.get()) / (BAD_CPU_MS - GOOD_CPU_MS));
    }
    double score = efficiency == null ? (0.4 * latency + 0.3 * errors) / 0.7
        : 0.4 * latency + 0.3 * errors + 0.3 * efficiency;
    score = Math.round(score * 1000) / 10.0;
    return new Grade(letter(score), score, latency, errors, efficiency, figures, null);
  }

  /** This grade with its letter withheld, for {@code reason}. */
  Grade invalid(String reason) {
    return new Grade(INVALID, score, latency, errors, efficiency, figures, reason);
  }

  /** For the console and the report: "B (84.2/100)", or "invalid (why)" without the score. */
  public String summary() {
    return letter + " (" + (valid() ? score + "/100" : invalidBecause) + ")";
  }

  /** False when the letter is withheld: the run measured the load generator. */
  public boolean valid() {
    return invalidBecause == null;
  }

  /** CPU the service used over the run, per request the run sent; empty when its CPU was not sampled. */
  static Optional<Double> cpuMillisPerRequest(StatsReport stats, Telemetry telemetry) {
    if (telemetry == null || stats.global().count() == 0) {
      return Optional.empty();
    }
    return telemetry.find("service.cpu_seconds_total").filter(series -> series.size() >= 2)
        .map(series -> series.increase() * 1000 / stats.global().count());
  }

  /** The assistant chats' cost per virtual-user hour (stats.json llm); empty when the run sent no chat. */
  static Optional<Double> llmCostPerUserHour(StatsReport stats) {
    return Optional.ofNullable(stats.llm()).filter(llm -> llm.total().chats() > 0)
        .map(llm -> llm.costPerVirtualUserHour());
  }

  static String letter(double score) {
    return score >= 90 ? "A" : score >= 80 ? "B" : score >= 70 ? "C" : score >= 60 ? "D" : score >= 50 ? "E" : "F";
  }

  private static double clamp(double value) {
    return Math.max(0, Math.min(1, value));
  }
}
