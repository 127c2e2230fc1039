package dev.loadbearing.suite.journeys;

import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.jsonFile;

import dev.loadbearing.suite.config.Split;
import dev.loadbearing.suite.config.SuiteConfig;
import dev.loadbearing.suite.endpoints.Keys;
import dev.loadbearing.suite.observe.Observed;
import io.gatling.javaapi.core.FeederBuilder;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/** Test data: seeded tenants, search filters (CSV), assistant prompts (JSON), fresh names and SKUs. */
public final class Feeders {
  /** Search words, categories, price ranges and sort orders that the seed catalogue answers. */
  public static final FeederBuilder<String> SEARCHES = csv("feeders/search.csv").random();
  /** Questions a shop owner asks the assistant. */
  public static final FeederBuilder<Object> PROMPTS = jsonFile("feeders/prompts.json").random();

  private Feeders() {
  }

  /**
   * Seeded tenants {@code lb-<tier>-<n>} of the given tiers, at random; or only {@code apiKey} when one was
   * given. With {@code asPopulation}, the tier also names the user's population in the status counts.
   */
  public static Iterator<Map<String, Object>> tenants(List<String> tiers, int perTier, Optional<String> apiKey,
                                                      boolean asPopulation) {
    return Stream.generate(() -> {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      String tier = tiers.get(random.nextInt(tiers.size()));
      Map<String, Object> record = new HashMap<>();
      record.put(Keys.TIER, tier);
      record.put(Keys.API_KEY, apiKey.orElseGet(() -> "lb-" + tier + "-" + (1 + random.nextInt(perTier))));
      if (asPopulation) {
        record.put(Observed.POPULATION, tier);
      }
      return record;
    }).iterator();
  }

  /** A fresh tenant name and SKU per record, so concurrent users never collide. */
  public static Iterator<Map<String, Object>> fresh(String prefix) {
    return Stream.generate(() -> {
      String id = uniqueId(12);
      return Map.<String, Object>of(Keys.TENANT_NAME, prefix + "-" + id, Keys.SKU, prefix.toUpperCase() + "-" + id);
    }).iterator();
  }

  /**
   * {@code length} random hex digits, after "i<index>" when the run is split over injectors: names must be unique
   * across all of them (docs/DISTRIBUTED.md), and the index partitions them.
   */
  public static String uniqueId(int length) {
    Split split = SuiteConfig.current().knobs().split();
    String random = UUID.randomUUID().toString().replace("-", "").substring(0, length);
    return split.split() ? "i" + split.index() + random : random;
  }
}
