package dev.loadbearing.suite.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The journeys' data: step weights (percent, summing to 100) and think times, already time-scaled. */
public record JourneyConfig(Journey shopper, Journey assistant, Journey onboarding, Journey admin,
                            int shopperPages, int importSize) {

  /**
   * One journey's data.
   *
   * @param weights  step name → percent
   * @param thinkMin shortest pause between steps (scaled)
   * @param thinkMax longest pause between steps (scaled)
   */
  public record Journey(Map<String, Double> weights, Duration thinkMin, Duration thinkMax) {
    public double weight(String step) {
      return weights.getOrDefault(step, 0.0);
    }
  }

  static JourneyConfig read(ConfigReader journeys, Knobs knobs) {
    return new JourneyConfig(
        journey(journeys, "shopper", List.of("browse", "search", "order", "report"), knobs),
        journey(journeys, "assistant", List.of("chat", "health", "metrics"), knobs),
        journey(journeys, "onboarding", List.of("sign-up", "log-in"), knobs),
        journey(journeys, "admin", List.of("bulk-import", "reports"), knobs),
        journeys.positiveCount("shopper.pages"),
        journeys.positiveCount("admin.import-size"));
  }

  static Journey journey(ConfigReader journeys, String name, List<String> steps, Knobs knobs) {
    ConfigReader journey = journeys.at(name);
    Duration min = journey.duration("think-time.min");
    Duration max = journey.duration("think-time.max");
    if (max.compareTo(min) < 0) {
      throw new InvalidConfigException(journey.key("think-time.max") + " = " + max + " is below "
          + journey.key("think-time.min") + " = " + min + "; it accepts a duration >= the minimum");
    }
    return new Journey(journey.weights("weights", steps), knobs.time(min), knobs.time(max));
  }
}
