package dev.loadbearing.compare;

import dev.loadbearing.history.FolderHistory;
import dev.loadbearing.history.ScaledStats;
import dev.loadbearing.stats.StatsExporter;
import dev.loadbearing.stats.StatsReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A history folder of real Load runs (baselines/Load.json with its latencies scaled), the newest run in a Gatling
 * results folder, and {@code -Dcompare.against=history} run on them through {@link CompareCli}.
 */
final class HistoryFixture {
  static final StatsReport LOAD = StatsFiles.load(Path.of("baselines/Load.json"));

  final Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private int runs;

  HistoryFixture(Path dir) {
    this.dir = dir;
  }

  int compare(String... args) {
    List<String> all = new ArrayList<>(List.of("simulation=Load", "compare.against=history"));
    all.addAll(List.of(args));
    all.add("history.dir=" + dir.resolve("history"));
    all.add("compare.results=" + dir.resolve("gatling"));
    all.add("compare.output=" + dir.resolve("out"));
    return new CompareCli(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(Map.of(), all.toArray(String[]::new));
  }

  /** Appends runs of Load with its latencies × each factor, oldest first. */
  void recorded(double... factors) {
    for (double f : factors) {
      append(next(f));
    }
  }

  void append(StatsReport run) {
    new FolderHistory(dir.resolve("history"), w -> { }).append(run);
  }

  StatsReport next(double factor) {
    runs++;
    String folder = String.format("loadsimulation-20261130%09d", runs);
    return ScaledStats.run(LOAD, factor, folder, 1_796_000_000_000L + runs * 60_000L);
  }

  /** The newest run: a Gatling run folder with its stats.json (and a simulation.log, as Gatling leaves one). */
  StatsReport newest(double factor) throws Exception {
    StatsReport run = next(factor);
    Path folder = dir.resolve("gatling").resolve(run.run().runFolder());
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("simulation.log"), "");
    StatsExporter.write(folder.resolve(StatsExporter.FILE_NAME), run);
    return run;
  }

  /** Nine runs in the history and the newest, latencies × 10 (whole milliseconds do not tie) × perRun a run. */
  void creeping(double perRun) throws Exception {
    double[] factors = new double[9];
    for (int i = 0; i < factors.length; i++) {
      factors[i] = 10 * Math.pow(perRun, i);
    }
    recorded(factors);
    newest(10 * Math.pow(perRun, 9));
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
