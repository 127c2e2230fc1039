package dev.loadbearing.merge;

import dev.loadbearing.stats.Distribution;
import dev.loadbearing.stats.StatsExporter;
import dev.loadbearing.stats.StatsReport;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Times the merge of synthetic parts (docs/PERFORMANCE.md): writes {@code parts} stats.json files of
 * {@code requests} requests each (6 request rows, log-normal latencies, HdrHistograms of real samples) under
 * {@code folder}, then merges them in this JVM and prints the time and the heap's peak:
 * {@code java -Xmx256m -cp <test classpath> dev.loadbearing.merge.MergeBenchmarkMain target/perf/merge 10 1000000}.
 */
public final class MergeBenchmarkMain {
  private static final String[] REQUESTS = {"GET /api/products", "GET /api/products/{id}", "GET /api/categories",
      "POST /api/orders", "GET /api/orders/{id}", "GET /api/reports/sales"};
  private static final int[] MEDIAN_MS = {40, 15, 8, 120, 25, 300};

  private MergeBenchmarkMain() {
  }

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[0]);
    int parts = Integer.parseInt(args[1]);
    int requests = Integer.parseInt(args[2]);
    List<String> runs = new ArrayList<>();
    for (int index = 0; index < parts; index++) {
      runs.add(writePart(folder.resolve("part-" + index), index, parts, requests).toString());
    }
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    long t0 = System.nanoTime();
    int exit = new MergeCli(System.out, System.err).run(Map.of("runs", String.join(",", runs),
        "merge.out", folder.resolve("merged").toString()));
    long millis = (System.nanoTime() - t0) / 1_000_000;
    long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    new PrintStream(System.out, true, StandardCharsets.UTF_8).printf("merge of %d parts x %d requests: exit %d, "
        + "%d ms, heap peak %d MB (max %d MB), merged stats.json %d KB%n", parts, requests, exit, millis,
        peak >> 20, Runtime.getRuntime().maxMemory() >> 20,
        Files.size(folder.resolve("merged").resolve("stats.json")) >> 10);
  }

  private static Path writePart(Path folder, int index, int parts, int requests) {
    Random random = new Random(index + 1L);
    Distribution global = new Distribution();
    List<Distribution> rows = new ArrayList<>();
    for (int r = 0; r < REQUESTS.length; r++) {
      rows.add(new Distribution());
    }
    for (int i = 0; i < requests; i++) {
      int r = i % REQUESTS.length;
      int ms = (int) Math.min(60_000, MEDIAN_MS[r] * Math.exp(random.nextGaussian() * 0.6));
      boolean ok = random.nextInt(100) != 0;
      rows.get(r).add(ms, ok);
      global.add(ms, ok);
    }
    int seconds = 600;
    List<StatsReport.Row> requestRows = new ArrayList<>();
    for (int r = 0; r < REQUESTS.length; r++) {
      requestRows.add(row("request", REQUESTS[r], rows.get(r), seconds));
    }
    Map<String, Object> parameters = new LinkedHashMap<>(Map.of("profile", "Load", "stage", "staging",
        "timeScale", 1.0, "loadScale", 1.0, "injectors", parts, "injectorIndex", index, "runId", "bench"));
    StatsReport.RunInfo run = new StatsReport.RunInfo("Load", "dev.loadbearing.suite.simulations.LoadSimulation",
        "3.15.1", folder.getFileName().toString(), 1_795_000_000_000L, 1_795_000_600_000L, 600_000, seconds,
        parameters, "http://127.0.0.1:8080", null, null, "bench-" + index, true);
    StatsReport report = new StatsReport(run, row("global", "All Requests", global, seconds), List.of(), requestRows,
        List.of(new StatsReport.SlaResult("global", "p95", "lt", 500, null, (double) global.percentile(95), true,
            null)));
    return StatsExporter.write(folder.resolve(StatsExporter.FILE_NAME), report).getParent();
  }

  private static StatsReport.Row row(String kind, String name, Distribution d, int seconds) {
    double koPercent = d.count() == 0 ? 0 : 100.0 * d.koCount() / d.count();
    return new StatsReport.Row(kind, name, List.of(), name, d.count(), d.okCount(), d.koCount(), koPercent, d.min(),
        d.mean(), d.stdDev(), d.max(), d.percentile(50), d.percentile(75), d.percentile(90), d.percentile(95),
        d.percentile(99), d.percentile(99.9), (double) d.count() / seconds, Map.of("200", d.okCount(), "500",
        d.koCount()), Distribution.encode(d.histogram()));
  }
}
