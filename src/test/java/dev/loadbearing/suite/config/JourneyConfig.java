package dev.loadbearing.suite.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The journeys' data: step weights (percent, summing to 100) and think times. Think times model people and
 * keep their real length whatever the time scale: a shorter run must not ask for more requests per second.
 */
public record JourneyConfig(Journey shopper, Journey assistant, Journey onboarding, Journey admin,
                            int shopperPages, int importSize) {

  /**
   * One journey's data.
   *
   * @param name     the journey's key under {@code loadbearing.journeys}
   * @param weights  step name → percent, for every step the journey knows
   * @param thinkMin shortest pause between steps (real time, never scaled)
   * @param thinkMax longest pause between steps (real time, never scaled)
   */
  public record Journey(String name, Map<String, Double> weights, Duration thinkMin, Duration thinkMax) {
    /** The share of {@code step}; a name that is not one of the journey's steps fails, never silently 0 %. */
    public double weight(String step) {
      Double weight = weights.get(step);
      if (weight == null) {
        throw new InvalidConfigException("'" + step + "' is not a step of loadbearing.journeys." + name
            + "; its steps are " + String.join(", ", weights.keySet()));
      }
      return weight;
    }
  }

  static JourneyConfig read(ConfigReader journeys) {
    return new JourneyConfig(
        journey(journeys, "shopper", List.of("browse", "search", "order", "report")),
        journey(journeys, "assistant", List.of("chat", "health", "metrics")),
        journey(journeys, "onboarding", List.of("sign-up", "log-in")),
        journey(journeys, "admin", List.of("bulk-import", "reports")),
        journeys.positiveCount("shopper.pages"),
        journeys.positiveCount("admin.import-size"));
  }

  static Journey journey(ConfigReader journeys, String name, List<String> steps) {
    ConfigReader journey = journeys.at(name);
    Duration min = journey.duration("think-time.min");
    Duration max = journey.duration("think-time.max");
    if (max.compareTo(min) < 0) {
      throw new InvalidConfigException(journey.key("think-time.max") + " = " + max + " is below "
          + journey.key("think-time.min") + " = " + min + "; it accepts a duration >= the minimum");
    }
    return new Journey(name, journey.weights("weights", steps), min, max);
  }
}
