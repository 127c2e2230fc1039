package dev.loadbearing.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.diagnosis.Diagnosis;
import dev.loadbearing.diagnosis.Grade;
import dev.loadbearing.stats.StatsReport;
import dev.loadbearing.telemetry.Series;
import dev.loadbearing.telemetry.Telemetry;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Server-side charts share the request charts' axis: seconds since the run's first event. */
class ServerSideTest {
  static final long RUN_START = 1_795_000_000_000L;

  /** Ten seconds of a service at 0.5 cores on a 2-core machine, sampled from 2 s before the run started. */
  static Telemetry telemetry() {
    return telemetry(Map.of());
  }

  /** The same, with Gatling using 1.9 of the 2 cores all along: the run measured the load generator. */
  static Telemetry saturatedInjector() {
    return telemetry(Map.of("injector.cpu_cores", 1.9));
  }

  private static Telemetry telemetry(Map<String, Double> constants) {
    long[] times = new long[12];
    for (int i = 0; i < times.length; i++) {
      times[i] = RUN_START - 2000 + i * 1000L;
    }
    Map<String, Series> series = new TreeMap<>();
    series.put("service.cpu_cores", constant("service.cpu_cores", times, 0.5));
    series.put("service.rss_bytes", constant("service.rss_bytes", times, 200 * 1024 * 1024));
    constants.forEach((name, value) -> series.put(name, constant(name, times, value)));
    return Telemetry.of(RUN_START - 2000, RUN_START + 10_000, 1000, 2, series, List.of("a note"), List.of());
  }

  private static Series constant(String name, long[] times, double value) {
    double[] values = new double[times.length];
    Arrays.fill(values, value);
    return new Series(name, times, values);
  }

  /** A stats.json of a ten-second run from RUN_START, 10 requests, with the profile's phases. */
  static StatsReport stats(List<Map<String, Object>> phases) {
    StatsReport.RunInfo run = new StatsReport.RunInfo("Load", "x.LoadSimulation", "3.15.1", "loadsimulation-1",
        RUN_START, RUN_START + 10_000, 10_000, 10, Map.of("phases", phases), null, null, null, "test", true);
    StatsReport.Row global = new StatsReport.Row("global", "All Requests", List.of(), "All Requests", 10, 10, 0, 0,
        1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, null, null);
    return new StatsReport(run, global, List.of(), List.of(), List.of());
  }

  private static List<RunReport.Section> sections(Telemetry telemetry) {
    StatsReport stats = stats(List.of());
    Diagnosis diagnosis = Diagnosis.of(telemetry, stats);
    return ServerSide.sections(telemetry, diagnosis, Grade.of(stats, telemetry, diagnosis), RUN_START, List.of());
  }

  @Test
  void placesSamplesInSecondsSinceTheRunStartedAndConvertsUnits() {
    List<Chart> charts = ServerSide.charts(telemetry(), RUN_START, List.of());

    Chart cpu = charts.get(0);
    Chart.Line service = cpu.lines().stream().filter(l -> l.name().equals("service")).findFirst().orElseThrow();
    assertThat(service.x()).startsWith(0, 0, 0, 1, 2).endsWith(9);
    assertThat(service.y()).containsOnly(25.0);
    Chart.Line rss = charts.get(1).lines().get(0);
    assertThat(rss.y()).containsOnly(200.0);
    assertThat(charts.get(3).isEmpty()).as("no pool series sampled: no pool chart").isTrue();
  }

  @Test
  void sectionsCarryTheDiagnosisAndTheNotes() {
    List<RunReport.Section> sections = sections(telemetry());

    assertThat(sections).extracting(RunReport.Section::title).containsExactly("Diagnosis", "Server side");
    assertThat(sections.get(0).html()).contains("Leak verdict: <b>inconclusive</b>").contains("Grade: <b>A</b> (");
    assertThat(sections.get(1).html()).contains("<h3>CPU, % of the machine</h3>").contains("a note")
        .doesNotContain("Connection pool");
  }

  @Test
  void aRunThatMeasuredTheLoadGeneratorShowsNoLetterButWhy() {
    String diagnosis = sections(saturatedInjector()).get(0).html();

    assertThat(diagnosis).contains("Grade: <b>invalid</b> — the load generator was saturated in 100 % of samples")
        .contains("Do not compare or baseline this run").doesNotContain("/100)");
  }
}
