package dev.loadbearing.suite.simulations;

import dev.loadbearing.suite.config.Profiles;
import dev.loadbearing.suite.config.SuiteConfig;
import dev.loadbearing.suite.journeys.Mix;
import dev.loadbearing.suite.support.ProfileSimulation;
import dev.loadbearing.suite.support.Shape;
import dev.loadbearing.suite.support.Shapes;
import dev.loadbearing.suite.support.Windows;
import io.gatling.javaapi.core.ClosedInjectionStep;

/**
 * Spike: does the service survive a sudden 20× jump in users, and recover afterwards?
 *
 * <p>Run: {@code mvn gatling:test -Dsimulation=Spike}. Shape: 10 users, 20× within 10 s, held 3 min, back to
 * 10, then 3 min of recovery (closed model). Shape, SLAs and windows: {@code loadbearing.profiles.spike}.
 */
public final class SpikeSimulation extends ProfileSimulation<Profiles.Spike> {
  private final Shape<ClosedInjectionStep> shape = Shapes.spike(profile);

  public SpikeSimulation() {
    super(SuiteConfig::spike);
  }

  {
    verify.verdicts(Windows.spike(profile, shape, this::loadStartedAt));
    simulate(scenario("Spike")
        .exec(Mix.of(workload("spike"), config.journeys(), config.tenantsPerTier(), apiKey()))
        .injectClosed(measured(shape))
        .andThen(verification()));
  }
}
