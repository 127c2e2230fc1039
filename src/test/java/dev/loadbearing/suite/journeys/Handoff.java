package dev.loadbearing.suite.journeys;

import static io.gatling.javaapi.core.CoreDsl.exec;

import io.gatling.javaapi.core.ChainBuilder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Values a setup user hands to the users that follow it ({@code andThen}): the tenant it signed up, the
 * products it created. One run per JVM, cleared when a simulation is built.
 */
public final class Handoff {
  private static final Map<String, Object> VALUES = new ConcurrentHashMap<>();

  private Handoff() {
  }

  public static void clear() {
    VALUES.clear();
  }

  /** Copies session keys into the hand-off, optionally under another name. */
  public static ChainBuilder save(String sessionKey, String as) {
    return exec(session -> {
      VALUES.put(as, session.get(sessionKey));
      return session;
    });
  }

  /** Copies a handed-off value into the session. */
  public static ChainBuilder load(String name, String sessionKey) {
    return exec(session -> {
      Object value = VALUES.get(name);
      if (value == null) {
        System.out.println("Loadbearing: the setup step did not hand over '" + name + "'; see its errors above");
        return session.markAsFailed();
      }
      return session.set(sessionKey, value);
    });
  }

  /** The value under {@code name}, set by the first caller. */
  public static Object firstOf(String name, java.util.function.Supplier<Object> value) {
    return VALUES.computeIfAbsent(name, n -> value.get());
  }
}
