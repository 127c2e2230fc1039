package dev.loadbearing.trend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadbearing.history.HistoryException;
import dev.loadbearing.history.RunHistory;
import dev.loadbearing.history.RunShape;
import dev.loadbearing.report.Chart;
import dev.loadbearing.report.TrendPage;
import dev.loadbearing.stats.StatsExporter;
import dev.loadbearing.stats.StatsReport;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code mvn exec:java@trend -Dsimulation=<P>}: the last runs of a simulation from the history, of the newest
 * run's shape, as {@code target/loadbearing/trend/<P>.html} and one console line per run. Exit 0 written, 2 bad
 * input or no runs (one line saying which and what to do). docs/HISTORY.md.
 */
public final class TrendCli {
  public static final int WRITTEN = 0;
  public static final int INPUT_ERROR = 2;
  static final String USAGE = "Usage: mvn exec:java@trend -Dsimulation=<profile> [-Dtrend.runs=20] "
      + "[-Dhistory.dir=<folder> | -Dhistory.url=jdbc:postgresql://...]";
  private static final DateTimeFormatter AXIS = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
      .withZone(ZoneOffset.UTC);

  private final PrintStream out;
  private final PrintStream err;

  public TrendCli(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public int run(Map<String, String> properties) {
    Set<String> warnings = new LinkedHashSet<>();
    try {
      TrendOptions options = TrendOptions.from(properties);
      RunHistory history = options.history().open(warnings::add).orElseThrow(() ->
          new TrendOptions.UsageException("-Dhistory=false: there is no history to chart"));
      String simulation = options.simulation();
      StatsReport newest = history.latest(simulation).orElseThrow(() -> new TrendOptions.UsageException(
          "no runs of " + simulation + " in the " + history.describe() + " (run mvn gatling:test -Dsimulation="
              + simulation + " first, or point -Dhistory.dir / -Dhistory.url at the history that has them)"));
      RunShape shape = RunShape.of(newest);
      List<StatsReport> runs = history.newest(simulation, shape, options.runs());
      int leftOut = history.countOtherShapes(simulation, shape);
      List<String> notes = List.of(runs.size() + " newest run(s) from the " + history.describe()
              + " of the newest run's shape: " + describe(shape),
          leftOut + " run(s) of other shapes left out (a trend only compares like with like)");
      List<List<String>> rows = rows(runs);
      List<String> header = new ArrayList<>(List.of("started (UTC)", "commit", "requests"));
      header.addAll(TrendFigures.columns());
      List<Chart> charts = TrendFigures.PANELS.stream().map(p -> TrendFigures.chart(p, runs)).toList();
      Path page = new TrendPage(simulation + " — Loadbearing trend", notes, labels(runs), charts, header, rows)
          .write(options.page());
      warnings.forEach(err::println);
      printTable(header, rows);
      notes.forEach(note -> out.println("Loadbearing trend: " + note));
      out.println("Loadbearing trend: " + page);
      return WRITTEN;
    } catch (TrendOptions.UsageException | HistoryException | UncheckedIOException e) {
      warnings.forEach(err::println);
      err.println("trend: " + e.getMessage());
      return INPUT_ERROR;
    }
  }

  private static List<List<String>> rows(List<StatsReport> runs) {
    List<List<String>> rows = new ArrayList<>();
    for (StatsReport run : runs) {
      List<String> row = new ArrayList<>(List.of(DATE.format(Instant.ofEpochMilli(run.run().start())),
          commit(run), String.valueOf(run.global().count())));
      row.addAll(TrendFigures.cells(run));
      rows.add(row);
    }
    return rows;
  }

  /** A run as the axis and the tooltips name it: date, time and short commit. */
  private static List<String> labels(List<StatsReport> runs) {
    return runs.stream().map(TrendCli::label).toList();
  }

  static String label(StatsReport run) {
    return AXIS.format(Instant.ofEpochMilli(run.run().start())) + " " + commit(run);
  }

  private static String commit(StatsReport run) {
    String commit = run.run().gitCommit();
    return commit == null || commit.isBlank() ? "?" : commit.substring(0, Math.min(7, commit.length()));
  }

  /** The shape's parameters as {@code key=value, ...}: which runs the page compares. */
  static String describe(RunShape shape) {
    if (shape.key().isEmpty()) {
      return "(no parameters recorded)";
    }
    try {
      JsonNode parameters = StatsExporter.mapper().readTree(shape.key());
      List<String> pairs = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = parameters.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        pairs.add(e.getKey() + "=" + (e.getValue().isValueNode() ? e.getValue().asText() : e.getValue()));
      }
      return String.join(", ", pairs);
    } catch (IOException e) {
      return shape.key();
    }
  }

  private void printTable(List<String> header, List<List<String>> rows) {
    int[] widths = new int[header.size()];
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    for (List<String> row : all) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        // Text left, figures right, as in the page's table.
        line.append(i < 2 ? cell + " ".repeat(widths[i] - cell.length()) : " ".repeat(widths[i] - cell.length())
            + cell).append(i < row.size() - 1 ? "  " : "");
      }
      out.println(line);
    }
  }
}
