package dev.loadbearing.report;

import java.util.List;

/**
 * One chart of the report: lines over the run's seconds, and the profile's phases as bands behind them.
 *
 * @param unit what the y axis counts ("req/s", "ms", "%", "MB")
 */
public record Chart(String title, String unit, List<Line> lines, List<Band> phases) {
  /** How a band that is a Chaos fault window (not a phase) is named: {@code fault stall}. */
  public static final String FAULT = "fault ";

  /** A named line; x in seconds since the run's start. */
  public record Line(String name, double[] x, double[] y) {
  }

  /** A phase of the profile (warm-up, hold, spike ...) from and to, in seconds since the run's start. */
  public record Band(String name, double from, double to) {
  }

  public boolean isEmpty() {
    return lines.stream().allMatch(line -> line.x().length == 0);
  }
}
