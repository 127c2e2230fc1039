package dev.loadbearing.suite.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.loadbearing.suite.config.Profiles;
import dev.loadbearing.suite.config.SuiteConfig;
import dev.loadbearing.suite.journeys.RateLimitClients;
import dev.loadbearing.suite.support.Invariants;
import dev.loadbearing.suite.support.ProfileSimulation;
import dev.loadbearing.suite.support.Verify;
import io.gatling.javaapi.core.CheckBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RateLimit: does each tenant's token bucket admit exactly what it should, refuse the rest with 429 and
 * {@code Retry-After}, and let clients that honour it through?
 *
 * <p>Run: {@code mvn gatling:test -Dsimulation=RateLimit}. Shape, one after the other, each on a fresh
 * tenant: (a) capacity + 50 requests at once; (b) 90 % of the refill rate held for a minute; (c) clients
 * arriving at once that retry after {@code Retry-After}. Sized by the tier's bucket, not by stage or loadScale.
 */
public final class RateLimitSimulation extends ProfileSimulation<Profiles.RateLimit> {
  private static final String BURST = "burst";
  private static final String SUSTAINED = "sustained";
  private static final String POLITE = "retry-after";

  private final Profiles.Bucket burst = profile.buckets().get(profile.burstTier());
  private final Profiles.Bucket sustained = profile.buckets().get(profile.sustainedTier());
  private final Profiles.Bucket polite = profile.buckets().get(profile.retryTier());

  public RateLimitSimulation() {
    super(SuiteConfig::rateLimit);
  }

  {
    verify.verdicts(Invariants.rateLimit(profile, BURST, SUSTAINED, POLITE))
        .request(Verify.getPublic("verify: the service's /metrics counted the same 429s", "/metrics")
            .check(refusalsCounted()));
    simulate(scenario("set up tenants")
        .exec(RateLimitClients.setUp(BURST, profile.burstTier(), burst.capacity(), burst.refillPerSecond(), apiKey()))
        .exec(RateLimitClients.setUp(SUSTAINED, profile.sustainedTier(), sustained.capacity(),
            sustained.refillPerSecond(), apiKey()))
        .exec(RateLimitClients.setUp(POLITE, profile.retryTier(), polite.capacity(), polite.refillPerSecond(),
            apiKey()))
        .injectOpen(atOnceUsers(1))
        .andThen(scenario("(a) burst").exec(RateLimitClients.burst(BURST))
            .injectOpen(atOnceUsers(burst.capacity() + profile.overflow()))
            .andThen(scenario("(b) sustained").exec(RateLimitClients.oneRequest(SUSTAINED))
                .injectOpen(constantUsersPerSec(sustained.refillPerSecond() * profile.percentOfLimit() / 100)
                    .during(profile.sustainedDuration()))
                .andThen(scenario("(c) honours Retry-After")
                    .exec(RateLimitClients.polite(POLITE, profile.maxAttempts()))
                    .injectOpen(atOnceUsers(profile.retryClients()))
                    .andThen(verification())))));
  }

  /**
   * The service's {@code rate_limited_total{tier}} equals the 429s the suite counted on that tier: the
   * sub-tests are the only traffic on their fresh tenants, so the two counts must agree.
   */
  private CheckBuilder[] refusalsCounted() {
    Map<String, List<String>> populationsByTier = new LinkedHashMap<>();
    populationsByTier.computeIfAbsent(profile.burstTier(), t -> new ArrayList<>()).add(BURST);
    populationsByTier.computeIfAbsent(profile.sustainedTier(), t -> new ArrayList<>()).add(SUSTAINED);
    populationsByTier.computeIfAbsent(profile.retryTier(), t -> new ArrayList<>()).add(POLITE);
    List<CheckBuilder> checks = new ArrayList<>(List.of(status().is(200)));
    populationsByTier.forEach((tier, populations) -> checks.add(
        regex("rate_limited_total\\{tier=\"" + tier + "\",?\\} ([0-9.E]+)").withDefault("0")
            .transform(value -> (long) Double.parseDouble(value))
            .is(session -> Invariants.refused(populations))));
    return checks.toArray(CheckBuilder[]::new);
  }
}
