package dev.loadbearing.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.diagnosis.Diagnosis;
import dev.loadbearing.telemetry.Series;
import dev.loadbearing.telemetry.Telemetry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Server-side charts share the request charts' axis: seconds since the run's first event. */
class ServerSideTest {
  static final long RUN_START = 1_795_000_000_000L;

  /** Ten seconds of a service at 0.5 cores on a 2-core machine, sampled from 2 s before the run started. */
  static Telemetry telemetry() {
    long[] times = new long[12];
    double[] cores = new double[12];
    double[] rss = new double[12];
    for (int i = 0; i < times.length; i++) {
      times[i] = RUN_START - 2000 + i * 1000L;
      cores[i] = 0.5;
      rss[i] = 200 * 1024 * 1024;
    }
    return Telemetry.of(RUN_START - 2000, RUN_START + 10_000, 1000, 2, Map.of(
        "service.cpu_cores", new Series("service.cpu_cores", times, cores),
        "service.rss_bytes", new Series("service.rss_bytes", times, rss)), List.of("a note"), List.of());
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
    List<RunReport.Section> sections = ServerSide.sections(telemetry(), Diagnosis.of(telemetry(), null), RUN_START,
        List.of());

    assertThat(sections).extracting(RunReport.Section::title).containsExactly("Diagnosis", "Server side");
    assertThat(sections.get(0).html()).contains("Leak verdict: <b>inconclusive</b>");
    assertThat(sections.get(1).html()).contains("<h3>CPU, % of the machine</h3>").contains("a note")
        .doesNotContain("Connection pool");
  }
}
