package dev.loadbearing.compare;

/**
 * One line of the comparison: a request (or group, or the whole run) × a metric, or an SLA, or a request
 * present on one side only, or a server-side figure (or why the server side was not compared).
 *
 * @param row      the row's key ({@code All Requests}, {@code group / GET /x}), the SLA's scope, or for a
 *                 server-side figure what it measures ({@code service}, {@code database})
 * @param kind     {@code global}, {@code group}, {@code request}, {@code sla}, {@code server} or
 *                 {@code validity} (a side that measured its load generator)
 * @param metric   {@code p95}, {@code throughput}, {@code errorRate}, an SLA like {@code p95 lt 500}, a
 *                 server-side figure like {@code CPU per request}, or "-"
 * @param unit     {@code ms}, {@code req/s}, {@code %}, {@code MB/min} or empty
 * @param baseline the baseline's value, null when there is none
 * @param current  the current value, null when there is none
 * @param limit    the bound the current value was held to, in words (e.g. {@code <= 110 ms})
 * @param verdict  the outcome
 * @param note     why, in a few words (e.g. the override's reason), may be null
 */
public record Check(String row, String kind, String metric, String unit, Double baseline, Double current,
                    String limit, Verdict verdict, String note) {

  public enum Verdict {
    PASS("ok", false),
    IMPROVEMENT("better", false),
    FEW_SAMPLES("few samples", false),
    REGRESSION("REGRESSION", true),
    SLA_BROKEN("SLA BROKEN", true),
    MISSING_IN_CURRENT("missing now", false),
    NEW_IN_CURRENT("new", false),
    /** A server-side figure absent on one side (or both): not compared, never read as 0. */
    SKIPPED("skipped", false),
    /**
     * One side measured its load generator, not the target (its diagnosis says so): the other verdicts stand,
     * but describe Gatling's machine. Said on a line of its own and in the summary; not a failure by itself.
     */
    NOT_VALID("NOT VALID", false),
    /**
     * Against a history: the figure crept up (or throughput down) run after run beyond chance, but by less than
     * the tolerance in all. A warning, not a failure; a creep beyond the tolerance is a {@link #REGRESSION}.
     */
    DRIFT("drift", false);

    private final String label;
    private final boolean failure;

    Verdict(String label, boolean failure) {
      this.label = label;
      this.failure = failure;
    }

    public String label() {
      return label;
    }

    public boolean isFailure() {
      return failure;
    }
  }

  /** True when this check fails the comparison under the given tolerances. */
  public boolean fails(Tolerances tolerances) {
    return verdict.isFailure()
        || (tolerances.failOnMissingRequest()
            && (verdict == Verdict.MISSING_IN_CURRENT || verdict == Verdict.NEW_IN_CURRENT));
  }

  /** True for a server-side figure's check (or the line saying why it was skipped). */
  public boolean isServer() {
    return "server".equals(kind);
  }

  /**
   * Relative change in percent (latency, throughput, per-request figures), absolute in points (error rate,
   * GC share) or in MB/min (a slope, near 0 where a percentage means nothing); empty when either side has no
   * value.
   */
  public String change() {
    if (baseline == null || current == null) {
      return "";
    }
    if ("%".equals(unit)) {
      return String.format(java.util.Locale.ROOT, "%+.2f pt", current - baseline);
    }
    if ("MB/min".equals(unit)) {
      return String.format(java.util.Locale.ROOT, "%+.2f MB/min", current - baseline);
    }
    if (baseline == 0) {
      return current == 0 ? "+0.0 %" : "from 0";
    }
    return String.format(java.util.Locale.ROOT, "%+.1f %%", 100.0 * (current - baseline) / baseline);
  }

  public static String format(Double value, String unit) {
    if (value == null) {
      return "-";
    }
    if ("ms".equals(unit) && value == Math.rint(value)) {
      return String.format(java.util.Locale.ROOT, "%.0f", value);
    }
    return String.format(java.util.Locale.ROOT, "%.2f", value);
  }
}
