package dev.loadbearing.suite.simulations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.merge.MergeCli;
import dev.loadbearing.service.support.TestService;
import dev.loadbearing.stats.SimulationLogReader;
import dev.loadbearing.stats.StatsExporter;
import dev.loadbearing.stats.StatsReport;
import dev.loadbearing.suite.support.ForkedGatling;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Smoke split over two real injectors against one reference service, with one common start: the merge of their
 * runs has every request of both, and the percentiles of both simulation.log files read together.
 */
class DistributedMergeIT {
  @Test
  void twoInjectorsMergeIntoTheRunOfAllTheirRequests() throws Exception {
    String baseUrl = TestService.get().baseUrl();
    // Far enough ahead for both JVMs to start, build the simulation and warm up before it.
    String startAt = Instant.now().plusSeconds(25).toString();
    Path dir = Path.of("target", "loadbearing", "distributed-it-" + System.currentTimeMillis()).toAbsolutePath();
    CompletableFuture<ForkedGatling> first = CompletableFuture.supplyAsync(() -> injector(dir, baseUrl, startAt, 0));
    CompletableFuture<ForkedGatling> second = CompletableFuture.supplyAsync(() -> injector(dir, baseUrl, startAt, 1));
    ForkedGatling a = first.join();
    ForkedGatling b = second.join();
    assertThat(a.exitCode()).as("injector 0").isZero();
    assertThat(b.exitCode()).as("injector 1").isZero();
    Path folderA = dir.resolve("injector-0").resolve(a.statsJson()).getParent();
    Path folderB = dir.resolve("injector-1").resolve(b.statsJson()).getParent();
    Path out = dir.resolve("merged");

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream console = new PrintStream(printed, true, StandardCharsets.UTF_8);
    int exit = new MergeCli(console, console).run(Map.of("runs", folderA + "," + folderB,
        "merge.out", out.toString(), "history.dir", dir.resolve("history").toString()));

    assertThat(exit).as(printed.toString(StandardCharsets.UTF_8)).isEqualTo(MergeCli.PASS);
    StatsReport merged = StatsExporter.mapper().readValue(out.resolve("stats.json").toFile(), StatsReport.class);
    StatsReport partA = StatsExporter.mapper().readValue(folderA.resolve("stats.json").toFile(), StatsReport.class);
    StatsReport partB = StatsExporter.mapper().readValue(folderB.resolve("stats.json").toFile(), StatsReport.class);
    // Smoke's 3 users over 2 injectors: 2 and 1.
    assertThat(partA.run().parameters()).containsEntry("users", 2).containsEntry("injectorIndex", 0);
    assertThat(partB.run().parameters()).containsEntry("users", 1).containsEntry("injectorIndex", 1);
    assertThat(merged.global().count()).isEqualTo(partA.global().count() + partB.global().count());
    assertThat(merged.run().parameters().get("runId")).isEqualTo(partA.run().parameters().get("runId"))
        .isEqualTo(partB.run().parameters().get("runId"));

    assertMergedIsAllRequestsOf(out, folderA, folderB);
    // The history gets the whole run once, never a part of it (docs/HISTORY.md).
    assertThat(a.output()).contains("Loadbearing history: not recorded: injector part of a split run");
    assertThat(b.output()).contains("Loadbearing history: not recorded: injector part of a split run");
    assertThat(dir.resolve("history").resolve("Smoke").resolve(merged.run().start() + "-"
        + merged.run().parameters().get("runId") + ".json")).isRegularFile();
  }

  /** The merged stats.json against the parts' simulation.log files read together. */
  static void assertMergedIsAllRequestsOf(Path out, Path folderA, Path folderB) throws Exception {
    StatsReport merged = StatsExporter.mapper().readValue(out.resolve("stats.json").toFile(), StatsReport.class);
    List<Integer> times = new ArrayList<>();
    long ko = 0;
    for (Path part : List.of(folderA, folderB)) {
      ko += responseTimes(part.resolve("simulation.log"), times);
    }
    Collections.sort(times);
    assertThat(merged.global().count()).isEqualTo(times.size());
    assertThat(merged.global().ko()).isEqualTo(ko);
    assertThat(merged.global().min()).isEqualTo(times.get(0).longValue());
    assertThat(merged.global().max()).isEqualTo(times.get(times.size() - 1).longValue());
    // The exact percentile of all requests together (nearest rank), within HdrHistogram's 3 significant digits.
    for (double p : new double[] {50, 75, 95, 99}) {
      long exact = times.get((int) Math.ceil(p / 100 * times.size()) - 1);
      assertThat((double) merged.global().metric("p" + (int) p)).as("p%s of %s", p, times)
          .isCloseTo(exact, Offset.offset(Math.max(1, exact / 1000.0)));
    }
    assertThat(Files.readString(out.resolve("report.html"))).contains("Requests per second");
  }

  /** Adds every request's response time in {@code log} to {@code times}; returns how many failed. */
  private static long responseTimes(Path log, List<Integer> times) {
    long[] ko = new long[1];
    SimulationLogReader.read(log, new SimulationLogReader.Listener() {
      @Override
      public void run(SimulationLogReader.RunHeader header) {
      }

      @Override
      public void request(List<String> groups, String name, int start, int end, boolean ok, String message) {
        times.add(end - start);
        ko[0] += ok ? 0 : 1;
      }

      @Override
      public void group(List<String> groups, int start, int end, int cumulatedResponseTime, boolean ok) {
      }
    });
    return ko[0];
  }

  private static ForkedGatling injector(Path dir, String baseUrl, String startAt, int index) {
    try {
      return ForkedGatling.run(dir.resolve("injector-" + index), SmokeSimulation.class, Map.of("baseUrl", baseUrl,
          "injectors", "2", "injector.index", String.valueOf(index), "start.at", startAt, "telemetry", "false",
          "loadbearing.tenants.per-tier", "1",
          // Looser than Smoke's 500 ms: two cold injector JVMs and the service share 2 cores; the test is the merge.
          "loadbearing.profiles.smoke.sla.p95", "5s"), Duration.ofSeconds(150));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
