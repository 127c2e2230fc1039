package dev.loadbearing.bench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import com.sun.management.OperatingSystemMXBean;
import dev.loadbearing.suite.observe.Observed;
import dev.loadbearing.telemetry.Sources;
import dev.loadbearing.telemetry.TelemetrySampler;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What does the suite's per-request instrumentation cost at saturation? The same GET against nginx
 * {@code return 200}, as a bare Gatling request and built with {@link Observed}, with the telemetry sampler on,
 * sent by closed users looping as fast as the target answers. Run by {@code ci/bench/instrumentation-overhead.sh}
 * (docs/PERFORMANCE.md, "Per-request instrumentation").
 *
 * <p>Both kinds run in the same JVM, in alternating blocks (bare, observed, observed, bare, ...) after a warm-up:
 * on a shared machine, separate runs of the same kind varied by ±40 %, while neighbouring blocks see the same JIT,
 * heap and neighbours. Each block's requests carry its name ({@code bare 1}, {@code observed 1}, ...), so
 * stats.json counts them; the process CPU used during each block is printed
 * ({@code Loadbearing bench: block <name> CPU <ms> ms}).
 * <pre>
 * -Dbench.url=http://127.0.0.1:PORT/ -Dbench.users=50 -Dbench.seconds=10 -Dbench.rounds=6 -Dbench.warm-up=10
 * </pre>
 */
public final class InstrumentationSimulation extends Simulation {
  private static final String URL = System.getProperty("bench.url", "");
  private static final int USERS = Integer.getInteger("bench.users", 50);
  private static final int SECONDS = Integer.getInteger("bench.seconds", 10);
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 6);
  private static final int WARM_UP_SECONDS = Integer.getInteger("bench.warm-up", 10);
  private static final AtomicBoolean METERING = new AtomicBoolean();

  private TelemetrySampler sampler;

  {
    if (!URL.startsWith("http://127.0.0.1") && !URL.startsWith("http://localhost")) {
      throw new IllegalArgumentException("-Dbench.url must be a loopback URL (http://127.0.0.1:PORT/), got '"
          + URL + "'");
    }
    ChainBuilder blocks = exec(during(Duration.ofSeconds(WARM_UP_SECONDS)).on(Observed.get("warm-up", URL)),
        during(Duration.ofSeconds(WARM_UP_SECONDS)).on(http("warm-up bare").get(URL)))
        .exec(session -> {
          if (METERING.compareAndSet(false, true)) {
            startMeter();
          }
          return session;
        });
    for (int round = 1; round <= ROUNDS; round++) {
      boolean bareFirst = round % 2 == 1;
      for (String kind : bareFirst ? new String[] {"bare", "observed"} : new String[] {"observed", "bare"}) {
        String name = kind + " " + round;
        HttpRequestActionBuilder request = kind.equals("bare") ? http(name).get(URL) : Observed.get(name, URL);
        blocks = blocks.exec(during(Duration.ofSeconds(SECONDS)).on(request));
      }
    }
    setUp(scenario("instrumentation").exec(blocks).injectOpen(atOnceUsers(USERS))).protocols(http);
  }

  @Override
  public void before() {
    // As in a run against a -DbaseUrl target with no process to watch: the injector and the machine.
    sampler = TelemetrySampler.start(Sources.none().withInjector().withMachine(), Duration.ofSeconds(1));
  }

  @Override
  public void after() {
    sampler.stop();
  }

  /** Prints the process CPU of each block, timed from when the first user finished warming up. */
  private static void startMeter() {
    Thread meter = new Thread(() -> {
      OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long start = System.nanoTime();
      long cpu = os.getProcessCpuTime();
      try {
        for (int block = 0; block < 2 * ROUNDS; block++) {
          int round = block / 2 + 1;
          boolean bare = (round % 2 == 1) == (block % 2 == 0);
          long end = start + (block + 1) * SECONDS * 1_000_000_000L;
          Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
          long now = os.getProcessCpuTime();
          System.out.printf("Loadbearing bench: block %s %d CPU %d ms%n", bare ? "bare" : "observed", round,
              (now - cpu) / 1_000_000);
          cpu = now;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "bench-cpu");
    meter.setDaemon(true);
    meter.start();
  }
}
