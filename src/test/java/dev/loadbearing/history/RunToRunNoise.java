package dev.loadbearing.history;

import dev.loadbearing.compare.InputException;
import dev.loadbearing.compare.StatsFiles;
import dev.loadbearing.compare.Tolerances;
import dev.loadbearing.diagnosis.Validity;
import dev.loadbearing.stats.StatsReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * How much the whole-run figures move between identical runs on this machine: the runs under a results folder
 * grouped by simulation, shape ({@link RunShape}) and commit, groups of 3 runs or more, runs that measured their
 * load generator left out. Prints each group's robust spread (1.4826 × MAD / median) and, pooled over the groups,
 * the robust spread of log(value / group median), which the synthetic histories use as their noise. A figure the
 * comparator would not judge (too few samples: a Smoke run's p99 is its slowest request) is shown, not pooled.
 * <pre>
 * mvn -q -B exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.loadbearing.history.RunToRunNoise \
 *   -Dexec.args=target/gatling
 * </pre>
 */
public final class RunToRunNoise {
  static final List<String> METRICS = List.of("p50", "p95", "p99", "throughput");
  private static final Tolerances TOLERANCES = Tolerances.load(Map.of());

  private RunToRunNoise() {
  }

  public static void main(String[] args) throws IOException {
    Path results = Path.of(args.length > 0 ? args[0] : "target/gatling");
    Map<String, List<StatsReport>> groups = new TreeMap<>();
    try (Stream<Path> folders = Files.list(results)) {
      for (Path stats : folders.map(f -> f.resolve("stats.json")).filter(Files::isRegularFile).sorted().toList()) {
        try {
          StatsReport run = StatsFiles.load(stats);
          if (Validity.invalidBecause(run.diagnosis()).isEmpty()) {
            String key = run.run().simulation() + " " + run.run().gitCommit() + " " + RunShape.of(run).key();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(run);
          }
        } catch (InputException e) {
          System.out.println("skipped " + stats + ": " + e.getMessage());
        }
      }
    }
    Map<String, List<Double>> pooled = new TreeMap<>();
    for (List<StatsReport> runs : groups.values()) {
      if (runs.size() < 3) {
        continue;
      }
      StatsReport first = runs.get(0);
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-12s %.7s %2d runs, %5d requests:",
          first.run().simulation(), first.run().gitCommit(), runs.size(), first.global().count()));
      for (String metric : METRICS) {
        double[] values = runs.stream().mapToDouble(r -> r.global().metric(metric)).toArray();
        double median = Spread.median(values);
        line.append(String.format(Locale.ROOT, "  %s %.4g ±%.1f %%", metric, median,
            100 * robustSigma(values) / median));
        boolean judged = runs.stream().allMatch(r -> TOLERANCES.enoughSamples(metric, r.global().count()));
        line.append(judged ? "" : " (not judged)");
        for (double v : judged ? values : new double[0]) {
          pooled.computeIfAbsent(metric, m -> new ArrayList<>()).add(Math.log(v / median));
        }
      }
      System.out.println(line);
    }
    pooled.forEach((metric, logs) -> {
      double sigma = robustSigma(logs.stream().mapToDouble(Double::doubleValue).toArray());
      System.out.printf(Locale.ROOT, "pooled %-10s robust sigma %.1f %% (%d runs)%n", metric, 100 * sigma,
          logs.size());
    });
  }

  /**
   * 1.4826 × the median absolute deviation: a standard deviation for normal noise that one run slowed by
   * another job on the machine does not inflate (the noise is measured here, the outliers are not noise).
   */
  static double robustSigma(double[] values) {
    double median = Spread.median(values);
    return 1.4826 * Spread.median(Arrays.stream(values).map(v -> Math.abs(v - median)).toArray());
  }
}
