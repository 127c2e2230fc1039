package dev.loadbearing.suite.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.suite.config.SuiteConfig;
import io.gatling.javaapi.core.OpenInjectionStep;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Every splittable profile, split over 1 to 7 injectors at several load scales and stages: each part's users and
 * rates add up to the unsplit profile's, and every part runs the same phases at the same times.
 */
class ProfileSharesTest {
  /** Each splittable profile, with its populations: the users and arrival rates its shape is built from. */
  private static final Map<String, Function<SuiteConfig, List<Number>>> POPULATIONS = Map.of(
      "smoke", c -> List.of(c.smoke().users()),
      "load", c -> List.of(c.load().warmUpRate(), c.load().rate()),
      "stress", c -> List.copyOf(c.stress().steps()),
      "spike", c -> List.of(c.spike().baseUsers(), c.spike().peakUsers()),
      "soak", c -> List.of(c.soak().users()),
      "multi-tenant", c -> c.multiTenant().tiers().stream().map(t -> (Number) t.users()).toList());
  private static final String SOON = Instant.now().plusSeconds(600).toString();

  @Test
  void everyProfilesUsersAndRatesAddUpOverItsParts() {
    for (String stage : List.of("dev", "staging", "prod")) {
      for (String loadScale : List.of("0.003", "0.05", "0.37", "1", "1.7")) {
        SuiteConfig whole = config(stage, loadScale, 1, 0);
        for (int injectors = 2; injectors <= 7; injectors++) {
          Map<String, double[]> sums = new HashMap<>();
          for (int index = 0; index < injectors; index++) {
            // One config per part, read once: every profile's populations from it.
            SuiteConfig part = config(stage, loadScale, injectors, index);
            for (Map.Entry<String, Function<SuiteConfig, List<Number>>> profile : POPULATIONS.entrySet()) {
              List<Number> shares = profile.getValue().apply(part);
              List<Number> expected = profile.getValue().apply(whole);
              double[] sum = sums.computeIfAbsent(profile.getKey(), k -> new double[shares.size()]);
              for (int i = 0; i < sum.length; i++) {
                sum[i] += shares.get(i).doubleValue();
                if (shares.get(i) instanceof Integer users) {
                  // A share of users is whole: 3 users over 2 injectors are 2 and 1, never 1.5.
                  int even = expected.get(i).intValue() / injectors;
                  assertThat(users).isBetween(even, even + 1);
                }
              }
            }
          }
          for (Map.Entry<String, Function<SuiteConfig, List<Number>>> profile : POPULATIONS.entrySet()) {
            List<Number> expected = profile.getValue().apply(whole);
            for (int i = 0; i < expected.size(); i++) {
              assertThat(sums.get(profile.getKey())[i]).as("%s %s x%s over %d, population %d", profile.getKey(),
                  stage, loadScale, injectors, i).isCloseTo(expected.get(i).doubleValue(), Offset.offset(1e-9));
            }
          }
        }
      }
    }
  }

  @Test
  void everyPartRunsTheSamePhasesAtTheSameTimes() {
    for (int injectors = 2; injectors <= 5; injectors++) {
      for (int index = 0; index < injectors; index++) {
        SuiteConfig part = config("staging", "1", injectors, index);
        SuiteConfig whole = config("staging", "1", 1, 0);
        assertThat(times(Shapes.load(part.load()))).isEqualTo(times(Shapes.load(whole.load())));
        assertThat(times(Shapes.stress(part.stress()))).isEqualTo(times(Shapes.stress(whole.stress())));
        assertThat(times(Shapes.spike(part.spike()))).isEqualTo(times(Shapes.spike(whole.spike())));
        assertThat(times(Shapes.soak(part.soak()))).isEqualTo(times(Shapes.soak(whole.soak())));
      }
    }
  }

  /**
   * Gatling turns rate x length into a whole number of users per step, rounding each injector's own: the parts'
   * total is the whole's within half a user per injector per step (docs/DISTRIBUTED.md).
   */
  @Test
  void theUsersGatlingInjectsAtOpenRatesAddUpWithinItsRounding() {
    SuiteConfig unsplit = config("staging", "1", 1, 0);
    for (int injectors = 1; injectors <= 7; injectors++) {
      long sum = 0;
      for (int index = 0; index < injectors; index++) {
        sum += users(Shapes.load(config("staging", "1", injectors, index).load()).steps());
      }
      List<OpenInjectionStep> whole = Shapes.load(unsplit.load()).steps();
      assertThat(sum).as("over %d", injectors).isCloseTo(users(whole),
          Offset.offset((long) Math.ceil(whole.size() * injectors / 2.0)));
    }
  }

  private static long users(List<OpenInjectionStep> steps) {
    long users = 0;
    for (OpenInjectionStep step : steps) {
      users += ((io.gatling.core.controller.inject.open.OpenInjectionStep) step.asScala()).users();
    }
    return users;
  }

  private static List<String> times(Shape<?> shape) {
    return shape.phases().stream().map(p -> p.start() + "+" + p.length()).toList();
  }

  private static SuiteConfig config(String stage, String loadScale, int injectors, int index) {
    Map<String, String> flags = new HashMap<>(Map.of("stage", stage, "loadScale", loadScale,
        "injectors", String.valueOf(injectors), "injector.index", String.valueOf(index)));
    if (injectors > 1) {
      flags.put("start.at", SOON);
    }
    Properties p = new Properties();
    p.putAll(flags);
    return SuiteConfig.of(p, Map.of());
  }
}
