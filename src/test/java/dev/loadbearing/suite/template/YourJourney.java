package dev.loadbearing.suite.template;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;

import dev.loadbearing.suite.config.JourneyConfig;
import io.gatling.javaapi.core.ChainBuilder;
import java.util.List;

/**
 * What one of your users does: one step picked by the weights in {@code loadbearing.journeys.your-service},
 * then a think time. The step names here and in the config must match; an unknown one stops the run.
 */
public final class YourJourney {
  /** The steps this journey knows, as named in the config's weights. */
  public static final List<String> STEPS = List.of("home", "items");

  private YourJourney() {
  }

  public static ChainBuilder of(JourneyConfig.Journey journey) {
    return randomSwitch().on(
            percent(journey.weight("home")).then(exec(YourEndpoints.HOME)),
            percent(journey.weight("items")).then(exec(YourEndpoints.ITEMS)))
        .exec(pause(journey.thinkMin(), journey.thinkMax()));
  }
}
