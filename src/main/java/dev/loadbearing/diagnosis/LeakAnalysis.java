package dev.loadbearing.diagnosis;

import dev.loadbearing.diagnosis.Leak.Trend;
import dev.loadbearing.diagnosis.Leak.Verdict;
import dev.loadbearing.telemetry.Series;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The leak verdict: for each subject of diagnosis.conf whose series exists, the Theil-Sen trend over the steady
 * part of the run. A leak needs both a large growth (the subject's threshold) and a significant one (the slope's
 * confidence interval above zero); "no leak" needs the interval's upper end to stay below the threshold, so a
 * noisy series is called inconclusive rather than clean.
 */
final class LeakAnalysis {
  /** Count series (threads, files, sessions) are fitted on at most this many bucket medians. */
  private static final int MAX_POINTS = 120;
  private static final int MIN_POINTS = 6;

  private LeakAnalysis() {
  }

  static Leak judge(Window w, DiagnosisConfig.Leak config) {
    long steadyFrom = w.from() + (long) ((w.to() - w.from()) * config.warmupShare());
    Window steady = new Window(w.telemetry(), steadyFrom, w.to());
    List<Trend> trends = new ArrayList<>();
    for (DiagnosisConfig.LeakSubject subject : config.subjects()) {
      steady.seriesOrFamilySum(subject.series()).ifPresent(s -> trends.add(trend(subject, s, steady, config)));
    }
    if (trends.isEmpty()) {
      return new Leak(Verdict.INCONCLUSIVE,
          "No series of a leak subject was recorded (see diagnosis.conf leak.subjects).", trends);
    }
    List<Trend> leaks = trends.stream().filter(t -> t.verdict() == Verdict.LEAK).toList();
    if (!leaks.isEmpty()) {
      return new Leak(Verdict.LEAK, String.join("; ", leaks.stream().map(Trend::why).toList()), trends);
    }
    List<Trend> unsure = trends.stream().filter(t -> t.verdict() == Verdict.INCONCLUSIVE).toList();
    if (!unsure.isEmpty()) {
      return new Leak(Verdict.INCONCLUSIVE, String.join("; ", unsure.stream().map(Trend::why).toList()), trends);
    }
    return new Leak(Verdict.NO_LEAK, "No subject grew beyond its threshold: "
        + String.join(", ", trends.stream().map(Trend::subject).toList()) + ".", trends);
  }

  static Trend trend(DiagnosisConfig.LeakSubject subject, Series s, Window steady, DiagnosisConfig.Leak config) {
    long span = steady.to() - steady.from();
    if (span < config.minDuration().toMillis() || s.span() < config.minDuration().toMillis() / 2) {
      return inconclusive(subject, s, steady, String.format(Locale.ROOT,
          "%s: the steady part lasted %.0f s, under the %d s a trend needs", subject.name(), span / 1000.0,
          config.minDuration().toSeconds()));
    }
    double[][] points = subject.envelope() ? windowMinima(s, steady, config.windows()) : bucketMedians(s, steady);
    if (points[0].length < MIN_POINTS) {
      return inconclusive(subject, s, steady,
          subject.name() + ": too few points (" + points[0].length + ") for a trend");
    }
    // x in minutes from the steady part's start: slopes come out per minute.
    double[] minutes = Arrays.stream(points[0]).map(t -> (t - steady.from()) / 60_000.0).toArray();
    TheilSen fit = TheilSen.fit(minutes, points[1], config.confidence());
    double lengthMinutes = span / 60_000.0;
    double start = fit.intercept();
    double threshold = Math.max(subject.minGrowth(), Math.abs(start) * subject.minGrowthPercent() / 100);
    double growth = fit.slope() * lengthMinutes;
    Verdict verdict;
    String why;
    if (growth >= threshold && fit.lower() > 0) {
      verdict = Verdict.LEAK;
      why = String.format(Locale.ROOT, "%s grew %s/min (%.0f %% confidence: %s to %s), %s over %.1f min from %s",
          subject.name(), amount(fit.slope(), s.name()), 100 * config.confidence(), amount(fit.lower(), s.name()),
          amount(fit.upper(), s.name()), amount(growth, s.name()), lengthMinutes, amount(start, s.name()));
    } else if (fit.upper() * lengthMinutes < threshold) {
      verdict = Verdict.NO_LEAK;
      why = String.format(Locale.ROOT, "%s: at most %s over %.1f min, under the %s that counts as a leak",
          subject.name(), amount(Math.max(0, fit.upper() * lengthMinutes), s.name()), lengthMinutes,
          amount(threshold, s.name()));
    } else {
      verdict = Verdict.INCONCLUSIVE;
      why = String.format(Locale.ROOT, "%s: too noisy to tell; the growth over %.1f min could be anything from %s to %s"
          + " (a leak is %s)", subject.name(), lengthMinutes, amount(fit.lower() * lengthMinutes, s.name()),
          amount(fit.upper() * lengthMinutes, s.name()), amount(threshold, s.name()));
    }
    return new Trend(subject.name(), s.name(), verdict, why, fit.slope(), fit.lower(), fit.upper(), growth, threshold,
        start, steady.from(), steady.to(), fit.points());
  }

  private static Trend inconclusive(DiagnosisConfig.LeakSubject subject, Series s, Window steady, String why) {
    return new Trend(subject.name(), s.name(), Verdict.INCONCLUSIVE, why, Double.NaN, Double.NaN, Double.NaN,
        Double.NaN, Double.NaN, Double.NaN, steady.from(), steady.to(), s.size());
  }

  /** The lowest point of each of {@code windows} equal time windows: the floor under the allocation sawtooth. */
  static double[][] windowMinima(Series s, Window steady, int windows) {
    double width = (double) (steady.to() - steady.from()) / windows;
    double[] times = new double[windows];
    double[] values = new double[windows];
    Arrays.fill(values, Double.NaN);
    for (int i = 0; i < s.size(); i++) {
      int k = (int) Math.min(windows - 1, (s.time(i) - steady.from()) / width);
      if (Double.isNaN(values[k]) || s.value(i) < values[k]) {
        values[k] = s.value(i);
        times[k] = s.time(i);
      }
    }
    return compact(times, values);
  }

  /** Medians of up to {@value #MAX_POINTS} equal time buckets (every point when there are fewer). */
  static double[][] bucketMedians(Series s, Window steady) {
    if (s.size() <= MAX_POINTS) {
      return new double[][] {Arrays.stream(s.times()).asDoubleStream().toArray(), s.values()};
    }
    double width = (double) (steady.to() - steady.from()) / MAX_POINTS;
    List<List<Double>> buckets = new ArrayList<>();
    for (int k = 0; k < MAX_POINTS; k++) {
      buckets.add(new ArrayList<>());
    }
    for (int i = 0; i < s.size(); i++) {
      buckets.get((int) Math.min(MAX_POINTS - 1, (s.time(i) - steady.from()) / width)).add(s.value(i));
    }
    double[] times = new double[MAX_POINTS];
    double[] values = new double[MAX_POINTS];
    Arrays.fill(values, Double.NaN);
    for (int k = 0; k < MAX_POINTS; k++) {
      List<Double> b = buckets.get(k);
      if (!b.isEmpty()) {
        double[] sorted = b.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        values[k] = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
            : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        times[k] = steady.from() + (k + 0.5) * width;
      }
    }
    return compact(times, values);
  }

  private static double[][] compact(double[] times, double[] values) {
    int n = (int) Arrays.stream(values).filter(v -> !Double.isNaN(v)).count();
    double[][] out = new double[2][n];
    int j = 0;
    for (int i = 0; i < values.length; i++) {
      if (!Double.isNaN(values[i])) {
        out[0][j] = times[i];
        out[1][j] = values[i];
        j++;
      }
    }
    return out;
  }

  static Optional<Finding> finding(Leak leak) {
    if (leak.verdict() != Verdict.LEAK) {
      return Optional.empty();
    }
    List<Trend> leaks = leak.trends().stream().filter(t -> t.verdict() == Verdict.LEAK).toList();
    Trend first = leaks.get(0);
    Map<String, Double> figures = new LinkedHashMap<>();
    for (Trend t : leaks) {
      String key = t.series().replaceAll("[^A-Za-z0-9]+", "_");
      figures.put(key + ".perMinute", t.perMinute());
      figures.put(key + ".growth", t.growth());
    }
    return Optional.of(new Finding("memory-leak", Severity.CRITICAL,
        "Leak: " + String.join(", ", leaks.stream().map(Trend::subject).toList()) + " kept growing",
        leak.reason() + ".", figures, first.from(), first.to(),
        "Take a heap dump late in a long run (jcmd <pid> GC.heap_dump) and look for what holds the growth;"
            + " for threads or files, a thread dump or ls -l /proc/<pid>/fd shows what piles up.", 1));
  }

  /** Bytes in MB for byte series, else the plain number. */
  private static String amount(double value, String series) {
    if (series.contains("bytes")) {
      return String.format(Locale.ROOT, "%.1f MB", value / (1024 * 1024));
    }
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
