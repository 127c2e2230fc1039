package dev.loadbearing.suite.support;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;

import dev.loadbearing.suite.config.SlaBound;
import dev.loadbearing.suite.observe.StatusCounts;
import io.gatling.javaapi.core.Assertion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * Turns a profile's SLA bounds into Gatling assertions (latency and OK/KO, which Gatling can judge) and
 * verdicts (status-code shares, which only the suite's own counts can judge).
 */
public final class Slas {
  private Slas() {
  }

  public static List<Assertion> assertions(List<SlaBound> bounds) {
    List<Assertion> assertions = new ArrayList<>();
    for (SlaBound bound : bounds) {
      Assertion.WithPath path = "global".equals(bound.scope()) ? global() : details(bound.scope());
      int millis = (int) bound.threshold();
      switch (bound.metric()) {
        case "p50" -> assertions.add(path.responseTime().percentile(50.0).lt(millis));
        case "p75" -> assertions.add(path.responseTime().percentile(75.0).lt(millis));
        case "p95" -> assertions.add(path.responseTime().percentile(95.0).lt(millis));
        case "p99" -> assertions.add(path.responseTime().percentile(99.0).lt(millis));
        case "max" -> assertions.add(path.responseTime().max().lt(millis));
        case "failedPercent" -> assertions.add("lte".equals(bound.operator())
            ? path.failedRequests().percent().lte(bound.threshold())
            : path.failedRequests().percent().lt(bound.threshold()));
        case "successPercent" -> assertions.add(path.successfulRequests().percent().gt(bound.threshold()));
        case "failedCount" -> assertions.add(path.failedRequests().count().lte((long) bound.threshold()));
        default -> {
          // status-code shares are verdicts, see below
        }
      }
    }
    return assertions;
  }

  public static List<Verdict> verdicts(List<SlaBound> bounds) {
    List<Verdict> verdicts = new ArrayList<>();
    for (SlaBound bound : bounds) {
      String population = "global".equals(bound.scope()) ? null : bound.scope();
      String where = population == null ? "" : population + " ";
      switch (bound.metric()) {
        case "status:5xx:percent" -> verdicts.add(share(where + "5xx share", population, s -> s >= 500, bound));
        case "status:429:percent" -> verdicts.add(share(where + "429 share", population, s -> s == 429, bound));
        default -> {
          // latency and OK/KO bounds are Gatling assertions
        }
      }
    }
    return verdicts;
  }

  private static Verdict share(String name, String population, IntPredicate statuses, SlaBound bound) {
    return new Verdict(name, () -> {
      long total = StatusCounts.total(population, null);
      if (total == 0) {
        return "no response was counted" + (population == null ? "" : " for population " + population);
      }
      long matching = StatusCounts.count(population, null, statuses);
      double percent = 100.0 * matching / total;
      boolean holds = "lte".equals(bound.operator()) ? percent <= bound.threshold() : percent < bound.threshold();
      return holds ? null : String.format(Locale.ROOT, "%s expected %s %.3f %%, found %.3f %% (%d of %d responses)",
          bound.key(), "lte".equals(bound.operator()) ? "<=" : "<", bound.threshold(), percent, matching, total);
    });
  }
}
