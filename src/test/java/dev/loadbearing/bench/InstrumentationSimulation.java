package dev.loadbearing.bench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import dev.loadbearing.suite.observe.Observed;
import dev.loadbearing.telemetry.Sources;
import dev.loadbearing.telemetry.TelemetrySampler;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;

/**
 * What does the suite's per-request instrumentation cost at saturation? The same GET, as a bare Gatling request
 * or built with {@link Observed} while the telemetry sampler runs, sent by closed users looping as fast as the
 * target answers. Run by {@code ci/bench/instrumentation-overhead.sh}, which alternates the two modes against
 * nginx {@code return 200} and prints the ratio (docs/PERFORMANCE.md, "Per-request instrumentation").
 *
 * <pre>
 * -Dbench.url=http://127.0.0.1:PORT/  -Dbench.mode=bare|observed  -Dbench.users=50  -Dbench.seconds=15
 * </pre>
 */
public final class InstrumentationSimulation extends Simulation {
  private static final String URL = System.getProperty("bench.url", "");
  private static final boolean OBSERVED = mode();
  private static final int USERS = Integer.getInteger("bench.users", 50);
  private static final int SECONDS = Integer.getInteger("bench.seconds", 15);
  private static final String NAME = "GET /";

  private TelemetrySampler sampler;

  {
    if (!URL.startsWith("http://127.0.0.1") && !URL.startsWith("http://localhost")) {
      throw new IllegalArgumentException("-Dbench.url must be a loopback URL (http://127.0.0.1:PORT/), got '"
          + URL + "'");
    }
    HttpRequestActionBuilder request = OBSERVED ? Observed.get(NAME, URL) : http(NAME).get(URL);
    setUp(scenario(OBSERVED ? "observed" : "bare")
        .exec(during(Duration.ofSeconds(SECONDS)).on(request))
        .injectOpen(atOnceUsers(USERS)))
        .protocols(http);
  }

  private static boolean mode() {
    String mode = System.getProperty("bench.mode", "");
    if (!mode.equals("bare") && !mode.equals("observed")) {
      throw new IllegalArgumentException("-Dbench.mode must be bare or observed, got '" + mode + "'");
    }
    return mode.equals("observed");
  }

  @Override
  public void before() {
    if (OBSERVED) {
      // As in a run against a -DbaseUrl target with no process to watch: the injector and the machine.
      sampler = TelemetrySampler.start(Sources.none().withInjector().withMachine(), Duration.ofSeconds(1));
    }
  }

  @Override
  public void after() {
    if (sampler != null) {
      sampler.stop();
    }
  }
}
