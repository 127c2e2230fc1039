package dev.loadbearing.suite.journeys;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;

import dev.loadbearing.suite.endpoints.Catalog;
import dev.loadbearing.suite.endpoints.Keys;
import io.gatling.javaapi.core.ChainBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Cross-tenant probes: each user remembers a product id its tenant saw, and asks for one that another
 * tenant saw. The answer must be 404 exactly as for a missing id; a 200 is a cross-tenant read.
 */
public final class TenantIsolation {
  private static final Map<String, Object> SEEN = new ConcurrentHashMap<>();

  private TenantIsolation() {
  }

  public static void clear() {
    SEEN.clear();
  }

  public static ChainBuilder probe() {
    return exec(session -> {
      String key = session.getString(Keys.API_KEY);
      if (session.contains(Keys.PRODUCT_ID)) {
        SEEN.put(key, session.get(Keys.PRODUCT_ID));
      }
      List<Map.Entry<String, Object>> others = new ArrayList<>();
      SEEN.entrySet().stream().filter(e -> !e.getKey().equals(key)).forEach(others::add);
      if (others.isEmpty()) {
        return session.remove(Keys.FOREIGN_PRODUCT_ID);
      }
      return session.set(Keys.FOREIGN_PRODUCT_ID,
          others.get(ThreadLocalRandom.current().nextInt(others.size())).getValue());
    }).doIf(session -> session.contains(Keys.FOREIGN_PRODUCT_ID)).then(
        group("isolation").on(exec(Catalog.GET_FOREIGN_PRODUCT)));
  }
}
