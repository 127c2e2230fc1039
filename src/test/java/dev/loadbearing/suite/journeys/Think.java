package dev.loadbearing.suite.journeys;

import static io.gatling.javaapi.core.CoreDsl.pause;

import dev.loadbearing.suite.config.JourneyConfig;
import io.gatling.javaapi.core.ChainBuilder;

/** A user's pause between steps, uniform within the journey's (time-scaled) think-time range. */
final class Think {
  private Think() {
  }

  static ChainBuilder of(JourneyConfig.Journey journey) {
    return pause(journey.thinkMin(), journey.thinkMax());
  }
}
