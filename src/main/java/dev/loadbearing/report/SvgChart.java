package dev.loadbearing.report;

import java.util.List;
import java.util.Locale;

/** Draws a {@link Chart} as inline SVG: no script, no network, readable in any browser and in the file itself. */
final class SvgChart {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 220;
  private static final int LEFT = 60;
  private static final int RIGHT = 150;
  private static final int TOP = 10;
  private static final int BOTTOM = 30;
  private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};

  private SvgChart() {
  }

  static String render(Chart chart) {
    return render(chart, List.of());
  }

  /**
   * With {@code runs} (a trend): x is a run's index in that list, not seconds; the axis names the runs and every
   * point carries a tooltip with its run, its line and its value.
   */
  static String render(Chart chart, List<String> runs) {
    boolean byRun = !runs.isEmpty();
    // By run, each run sits in the middle of its own slot, so the first and last are not on the frame.
    double shift = byRun ? 0.5 : 0;
    double maxX = byRun ? runs.size() : 1;
    double maxY = 0;
    for (Chart.Line line : chart.lines()) {
      for (int i = 0; i < line.x().length; i++) {
        maxX = Math.max(maxX, line.x()[i] + shift);
        maxY = Math.max(maxY, line.y()[i]);
      }
    }
    maxY = niceCeiling(maxY);
    double plotWidth = WIDTH - LEFT - RIGHT;
    double plotHeight = HEIGHT - TOP - BOTTOM;
    double xScale = plotWidth / maxX;
    double yScale = plotHeight / maxY;
    StringBuilder svg = new StringBuilder();
    svg.append(format("<svg class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
        + "aria-label=\"%s\">", WIDTH, HEIGHT, WIDTH, HEIGHT, Html.escape(chart.title())));
    for (Chart.Band band : chart.phases()) {
      double x = LEFT + band.from() * xScale;
      double w = Math.max(1, (band.to() - band.from()) * xScale);
      svg.append(format("<rect class=\"%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%.1f\"/>",
          band.name().startsWith(Chart.FAULT) ? "phase fault" : "phase", x, TOP, w, plotHeight));
      svg.append(format("<text class=\"phase-name\" x=\"%.1f\" y=\"%d\">%s</text>", x + 3, TOP + 12,
          Html.escape(band.name())));
    }
    for (int tick = 0; tick <= 4; tick++) {
      double value = maxY * tick / 4;
      double y = TOP + plotHeight - value * yScale;
      svg.append(format("<line class=\"grid\" x1=\"%d\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>", LEFT,
          LEFT + plotWidth, y, y));
      svg.append(format("<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT - 5, y + 4,
          number(value)));
    }
    if (byRun) {
      // At most six names fit under the axis; the tooltips name every run.
      int every = (runs.size() + 5) / 6;
      for (int run = runs.size() - 1; run >= 0; run -= every) {
        svg.append(format("<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
            LEFT + (run + shift) * xScale, HEIGHT - 10, Html.escape(runs.get(run))));
      }
    } else {
      for (int tick = 0; tick <= 6; tick++) {
        double seconds = maxX * tick / 6;
        svg.append(format("<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
            LEFT + seconds * xScale, HEIGHT - 10, clock(seconds)));
      }
    }
    svg.append(format("<text class=\"unit\" x=\"%d\" y=\"%d\">%s</text>", 5, TOP + 10, Html.escape(chart.unit())));
    int index = 0;
    for (Chart.Line line : chart.lines()) {
      String colour = COLOURS[index % COLOURS.length];
      StringBuilder points = new StringBuilder();
      StringBuilder dots = new StringBuilder();
      for (int i = 0; i < line.x().length; i++) {
        double x = LEFT + (line.x()[i] + shift) * xScale;
        double y = TOP + plotHeight - line.y()[i] * yScale;
        points.append(format("%.1f,%.1f ", x, y));
        if (byRun) {
          dots.append(format("<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s: %s "
              + "%s %s</title></circle>", x, y, colour, Html.escape(runs.get((int) line.x()[i])),
              Html.escape(line.name()), value(line.y()[i]), Html.escape(chart.unit())));
        }
      }
      svg.append(format("<polyline class=\"series\" data-name=\"%s\" fill=\"none\" stroke=\"%s\" points=\"%s\"/>",
          Html.escape(line.name()), colour, points.toString().strip())).append(dots);
      svg.append(format("<text class=\"legend\" x=\"%.1f\" y=\"%d\" fill=\"%s\">%s</text>", LEFT + plotWidth + 10,
          TOP + 14 + 16 * index, colour, Html.escape(line.name())));
      index++;
    }
    return svg.append("</svg>").toString();
  }

  /** 1, 2 or 5 times a power of ten, at or above {@code value}: axes that read easily. */
  static double niceCeiling(double value) {
    if (value <= 0) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 5, 10}) {
      if (step * power >= value) {
        return step * power;
      }
    }
    return 10 * power;
  }

  private static String number(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : format("%.1f", value);
  }

  /** A point's value as its tooltip shows it: whole numbers whole, others to two decimals. */
  static String value(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : format("%.2f", value);
  }

  private static String clock(double seconds) {
    if (seconds != Math.rint(seconds) && seconds < 10) {
      return format("%.1fs", seconds);
    }
    long s = Math.round(seconds);
    return s < 60 ? s + "s" : format("%d:%02d", s / 60, s % 60);
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
