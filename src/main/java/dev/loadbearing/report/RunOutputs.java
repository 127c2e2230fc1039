package dev.loadbearing.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loadbearing.diagnosis.Diagnosis;
import dev.loadbearing.diagnosis.Grade;
import dev.loadbearing.diagnosis.ServerSummary;
import dev.loadbearing.history.HistoryRecorder;
import dev.loadbearing.stats.RunFolders;
import dev.loadbearing.stats.StatsExport;
import dev.loadbearing.stats.StatsExporter;
import dev.loadbearing.stats.StatsReport;
import dev.loadbearing.telemetry.Telemetry;
import dev.loadbearing.telemetry.TelemetryJson;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a run leaves in its Gatling results folder once Gatling has finished with it: stats.json, then, when
 * telemetry was sampled, telemetry.json, the server side and diagnosis in stats.json (version 2), and
 * report.html; then the run is appended to the history (docs/HISTORY.md). Each step is written whole or not at
 * all; a later step failing never takes an earlier one.
 */
public final class RunOutputs {
  private final String simulationClass;
  private final long startedAt;
  private final Path manifest;
  private volatile Telemetry telemetry;
  private volatile Path flightRecording;
  private volatile long loadStartedAt;
  private final Consumer<StatsReport> history;

  private RunOutputs(String simulationClass, long startedAt, Path manifest, Consumer<StatsReport> history) {
    this.simulationClass = simulationClass;
    this.startedAt = startedAt;
    this.manifest = manifest;
    this.history = history;
  }

  /**
   * Called while the simulation is built: when the Gatling JVM exits (after Gatling has written
   * simulation.log and its report), writes this run's outputs.
   */
  public static RunOutputs atExit(String simulationClass, long startedAt, Path manifest) {
    // The history is chosen by the run's own -D properties (-Dhistory.dir, -Dhistory.url, -Dhistory=false).
    Map<String, String> properties = new HashMap<>();
    System.getProperties().forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
    RunOutputs outputs = new RunOutputs(simulationClass, startedAt, manifest,
        run -> HistoryRecorder.record(run, properties, System.out, System.err));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> outputs.writeNow(RunFolders.GATLING_RESULTS, System.out,
        System.err), "loadbearing-outputs"));
    return outputs;
  }

  /** The series sampled during the run, handed over when the load has ended. */
  public void telemetry(Telemetry sampled) {
    this.telemetry = sampled;
  }

  /** The service's Flight Recording (-Dprofile=true), dumped when it stopped; summarized from the load's start. */
  public void flightRecording(Path jfr, long loadStarted) {
    this.flightRecording = jfr;
    this.loadStartedAt = loadStarted;
  }

  void writeNow(Path results, PrintStream out, PrintStream err) {
    Optional<Path> statsFile = StatsExport.exportNow(results, manifest, simulationClass, startedAt, out, err);
    if (statsFile.isEmpty()) {
      return;
    }
    Path run = statsFile.get().getParent();
    // The newest stats.json written whole: what the history gets, even when a later step fails.
    StatsReport written = null;
    try {
      StatsReport stats = StatsExporter.mapper().readValue(statsFile.get().toFile(), StatsReport.class);
      written = stats;
      List<RunReport.Section> sections = new ArrayList<>();
      Telemetry sampled = telemetry;
      if (sampled != null) {
        TelemetryJson.writeInRunFolder(run, sampled);
        Diagnosis diagnosis = Diagnosis.of(sampled, stats, steadyLoad(stats));
        Grade grade = Grade.of(stats, sampled, diagnosis);
        ObjectMapper mapper = StatsExporter.mapper();
        stats = stats.withServerSide(mapper.valueToTree(ServerSummary.of(sampled, stats)),
            mapper.valueToTree(section(diagnosis, grade)));
        StatsExporter.write(statsFile.get(), stats);
        written = stats;
        sections.addAll(ServerSide.sections(sampled, diagnosis, grade, stats.run().start(),
            RunReport.phases(mapper.valueToTree(stats))));
        out.println(verdictLine(diagnosis, grade));
      }
      if (stats.llm() != null) {
        sections.add(LlmTable.section(stats.llm()));
        out.println("Loadbearing LLM spend: " + LlmTable.summary(stats.llm()));
      }
      if (flightRecording != null) {
        sections.add(Profiling.section(flightRecording, run, loadStartedAt, out));
      }
      out.println("Loadbearing report: " + RunReport.write(run, sections));
    } catch (RuntimeException | java.io.IOException | Error e) {
      err.println("Loadbearing report: not written in " + run + ": " + e.getMessage());
    }
    if (written != null) {
      history.accept(written);
    }
  }

  /** The profile's hold phase in epoch ms, from the run manifest's phases (timed from the first request). */
  static Optional<long[]> steadyLoad(StatsReport stats) {
    Object phases = stats.run().parameters() == null ? null : stats.run().parameters().get("phases");
    if (!(phases instanceof List<?> list)) {
      return Optional.empty();
    }
    return list.stream().filter(p -> p instanceof Map<?, ?> m && "hold".equals(m.get("name")))
        .map(p -> (Map<?, ?>) p).findFirst().map(hold -> {
          long from = stats.run().start() + ((Number) hold.get("startMs")).longValue();
          return new long[] {from, from + ((Number) hold.get("lengthMs")).longValue()};
        });
  }

  /** The diagnosis section of stats.json: grade, leak verdict, findings ordered by what limited the run most. */
  static Map<String, Object> section(Diagnosis diagnosis, Grade grade) {
    Map<String, Object> section = new LinkedHashMap<>();
    section.put("grade", grade);
    section.put("leak", diagnosis.leak());
    section.put("top", diagnosis.top().map(finding -> finding.title()).orElse(null));
    section.put("findings", diagnosis.findings());
    return section;
  }

  static String verdictLine(Diagnosis diagnosis, Grade grade) {
    return "Loadbearing diagnosis: grade " + grade.summary() + "; leak: "
        + diagnosis.leak().verdict() + "; " + diagnosis.top().map(f -> "top finding: " + f.title())
        .orElse("no finding");
  }
}
