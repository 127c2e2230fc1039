package dev.loadbearing.service.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.service.support.TestService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Property-based test of the whole API against the real service (real HTTP over loopback, real PostgreSQL):
 * generated methods, paths, query parameters, headers and bodies on every route never get a 5xx or a hang, and
 * every 4xx is the JSON error shape ({@link Verdict}). The run prints its seed and the statuses it saw; a
 * failure names each kind once with the seed of a case that shows it.
 *
 * <pre>
 * mvn verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ApiFuzzIT
 *   -Dfuzz.cases=10000   how many requests (default 10,000)
 *   -Dfuzz.seed=N        the run's seed (default: a new one, printed)
 *   -Dfuzz.case-seed=N   one case only, as a failure names it
 * </pre>
 */
class ApiFuzzIT {
  private static final int CASES = Integer.getInteger("fuzz.cases", 10_000);
  /** Two clients at once keep both cores busy (client and server share them) without queueing at the server. */
  private static final int CLIENTS = 2;
  /** A request of the service's own worth answers in milliseconds; 5 s is a hang, not a slow machine. */
  private static final int DEADLINE_MS = 5_000;
  private static final int WALL_LIMIT_MINUTES = 5;

  @Test
  void everyGeneratedRequestGetsAnAnswerThatIsNeverA5xxAndEvery4xxIsTheErrorShape() throws Exception {
    URI base = URI.create(TestService.get().baseUrl());
    WireClient client = new WireClient(new InetSocketAddress(base.getHost(), base.getPort()), DEADLINE_MS);
    RequestGenerator generator = new RequestGenerator(Fixtures.create());
    Tally tally = new Tally();
    Long single = Long.getLong("fuzz.case-seed");
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    List<Long> caseSeeds = single != null ? List.of(single) : caseSeeds(seed);
    long start = System.nanoTime();
    // A deep stack: writing JSON nested 5,000 deep recurses once per level.
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS,
        task -> new Thread(null, task, "fuzz-client", 64L * 1024 * 1024));
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int first = c;
        done.add(clients.submit(() -> {
          for (int i = first; i < caseSeeds.size(); i += CLIENTS) {
            runCase(caseSeeds.get(i), generator, client, tally);
          }
        }));
      }
      for (Future<?> each : done) {
        each.get(WALL_LIMIT_MINUTES, TimeUnit.MINUTES);
      }
    } finally {
      clients.shutdownNow();
    }
    long seconds = (System.nanoTime() - start) / 1_000_000_000;
    System.out.printf("ApiFuzzIT: %,d cases in %d s with seed %d (-Dfuzz.seed=%d replays the run)%n%s%n",
        tally.cases(), seconds, seed, seed, tally.statuses());
    assertThat(tally.failed()).as("%d of %d cases broke the promise; one case of each kind:%s", tally.failed(),
        tally.cases(), tally.failures()).isZero();
    assertThat(tally.cases()).isEqualTo(caseSeeds.size());
  }

  private static void runCase(long caseSeed, RequestGenerator generator, WireClient client, Tally tally) {
    GeneratedRequest request = generator.generate(new Gen(caseSeed));
    WireClient.Answer answer;
    String problem;
    try {
      answer = client.send(request);
      problem = Verdict.judge(request, answer);
    } catch (IOException refused) {
      // Not even connected within the deadline: a failure of this case, counted with the others.
      answer = new WireClient.Answer(0, Map.of(), new byte[0], DEADLINE_MS);
      problem = "could not connect: " + refused;
    }
    tally.count(request, answer);
    if (problem != null) {
      tally.fail(caseSeed, request, answer, problem);
    }
  }

  private static List<Long> caseSeeds(long seed) {
    SplittableRandom seeds = new SplittableRandom(seed);
    List<Long> each = new ArrayList<>(CASES);
    for (int i = 0; i < CASES; i++) {
      each.add(seeds.nextLong());
    }
    return each;
  }
}
