package dev.loadbearing.suite.template;

import dev.loadbearing.suite.config.InvalidConfigException;
import dev.loadbearing.suite.config.Profiles;
import dev.loadbearing.suite.config.SuiteConfig;
import dev.loadbearing.suite.support.ProfileSimulation;
import dev.loadbearing.suite.support.Shapes;

/**
 * A template for load-testing your own service with a profile's shape and SLAs: your endpoints
 * ({@link YourEndpoints}), your journey with its weights in config ({@link YourJourney}), and here the Load
 * profile's arrival rates and SLAs from {@code loadbearing.profiles.load}. docs/YOUR-SERVICE.md walks through it.
 *
 * <p>Run: {@code mvn gatling:test -Dsimulation=YourService -DbaseUrl=http://127.0.0.1:8080}.
 */
public final class YourServiceSimulation extends ProfileSimulation<Profiles.Load> {
  public YourServiceSimulation() {
    super(config -> yourService(config).load());
  }

  {
    simulate(scenario("Your service")
        .exec(YourJourney.of(config.journey("your-service", YourJourney.STEPS)))
        .injectOpen(measured(Shapes.load(profile)))
        .andThen(verification()));
  }

  /** No reference service is launched for this simulation: it needs the URL of yours. */
  private static SuiteConfig yourService(SuiteConfig config) {
    if (SuiteConfig.target().baseUrl().isEmpty()) {
      throw new InvalidConfigException("YourService load-tests your own service; give its URL with "
          + "-DbaseUrl=http://127.0.0.1:8080 (and -Dtarget.health-path= when it has no /health)");
    }
    return config;
  }
}
