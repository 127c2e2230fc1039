package dev.loadbearing.stats;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Writes a synthetic Gatling 3.15.1 simulation.log of about N requests, for timing the stats export, the
 * comparator and Gatling's own report generation on a big run (docs/PERFORMANCE.md):
 * {@code java -cp <test classpath> dev.loadbearing.stats.SyntheticLogMain
 * target/perf/bigsimulation-20260101000000000 1000000 [seed]}.
 * Shape: 10-minute run, users arriving evenly, each doing a "browse" group (3 requests) then a
 * "checkout" group (2 requests, ~2 % KO); log-normal latencies; a fixed seed (1 unless given), so the file
 * is reproducible.
 */
public final class SyntheticLogMain {
  private SyntheticLogMain() {
  }

  public static void main(String[] args) {
    Path run = Path.of(args[0]);
    int requests = Integer.parseInt(args[1]);
    String seedArg = args.length > 2 ? args[2] : "1";
    Random random = new Random(Long.parseLong(seedArg));
    int users = requests / 5;
    int durationMs = 600_000;
    String[][] browse = {{"GET /api/products", "40"}, {"GET /api/products/{id}", "15"}, {"GET /api/categories", "8"}};
    String[][] checkout = {{"POST /api/orders", "120"}, {"GET /api/orders/{id}", "25"}};
    long t0 = System.nanoTime();
    try (SimulationLogWriter w = new SimulationLogWriter(run.resolve("simulation.log"),
        "dev.loadbearing.suite.simulations.BigSimulation", 1_795_000_000_000L, List.of("Shoppers"))) {
      for (int u = 0; u < users; u++) {
        int t = (int) ((long) u * durationMs / users);
        w.user(0, true, t);
        int groupStart = t;
        int cumulated = 0;
        for (String[] r : browse) {
          int rt = latency(random, Integer.parseInt(r[1]));
          w.request(List.of("browse"), r[0], t, t + rt, true, "");
          cumulated += rt;
          t += rt + 1;
        }
        w.group(List.of("browse"), groupStart, t, cumulated, true);
        groupStart = t;
        cumulated = 0;
        boolean allOk = true;
        for (String[] r : checkout) {
          int rt = latency(random, Integer.parseInt(r[1]));
          boolean ok = random.nextInt(50) != 0;
          allOk &= ok;
          w.request(List.of("checkout"), r[0], t, t + rt, ok, ok ? "" : "status.find.in(200, 201), but actually 503");
          cumulated += rt;
          t += rt + 1;
        }
        w.group(List.of("checkout"), groupStart, t, cumulated, allOk);
        w.user(0, false, t);
      }
    }
    System.out.printf("Wrote %d requests (%d users) to %s in %d ms%n", users * 5, users, run.resolve("simulation.log"),
        (System.nanoTime() - t0) / 1_000_000);
  }

  private static int latency(Random random, int median) {
    return (int) Math.round(median * Math.exp(random.nextGaussian() * 0.5));
  }
}
