package dev.loadbearing.service.faults;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The faults a launcher can switch while the service runs, for a Chaos schedule: added database latency and a share
 * of failing LLM provider calls. The database latency starts at {@code -Dfault.db-latency-ms} ({@link Faults}) and
 * is the one {@code Database.connection()} applies. Orders come only as lines on the service's standard input, from
 * the process that launched it (see {@link #apply}); never over HTTP.
 */
public final class LiveFaults {
  /** Sets the latency each borrowed connection waits, in ms: {@code fault db-latency-ms 300}. */
  public static final String DB_LATENCY = "db-latency-ms";
  /** Sets the share (0 to 1) of provider calls that fail: {@code fault provider-error-share 0.5}. */
  public static final String PROVIDER_ERROR_SHARE = "provider-error-share";
  /** {@code fault clear}: both back to 0. */
  public static final String CLEAR = "clear";
  public static final String COMMAND = "fault";
  /** Starts the answer to an order in force: {@code LOADBEARING_FAULT_APPLIED db-latency-ms 300}. */
  public static final String APPLIED_PREFIX = "LOADBEARING_FAULT_APPLIED ";
  /** Starts the answer to an order refused, with the reason. */
  public static final String REFUSED_PREFIX = "LOADBEARING_FAULT_REFUSED ";
  private static final Logger LOG = LoggerFactory.getLogger(LiveFaults.class);
  private static final int MAX_DB_LATENCY_MS = 60_000;

  private volatile int dbLatencyMs;
  private volatile double providerErrorShare;

  public LiveFaults(Faults atStart) {
    this.dbLatencyMs = atStart.dbLatencyMs();
  }

  public int dbLatencyMs() {
    return dbLatencyMs;
  }

  public double providerErrorShare() {
    return providerErrorShare;
  }

  /**
   * Called with a connection the API has just borrowed, before its first statement: holds it as long as a
   * database {@code dbLatencyMs} away would (the thread waits; the pool has one connection fewer meanwhile).
   */
  public void delayDatabase() throws InterruptedException {
    int millis = dbLatencyMs;
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }

  /**
   * Applies one order line ({@code fault db-latency-ms 300}, {@code fault provider-error-share 0.5},
   * {@code fault clear}) at once and returns the answer line for the launcher: {@link #APPLIED_PREFIX} and what
   * is now in force, or {@link #REFUSED_PREFIX} and why.
   */
  public String apply(String line) {
    String[] words = line.strip().split("\\s+");
    try {
      if (words.length == 2 && words[0].equals(COMMAND) && words[1].equals(CLEAR)) {
        dbLatencyMs = 0;
        providerErrorShare = 0;
        LOG.warn("FAULT CLEARED (live): no added database latency, no provider errors");
        return APPLIED_PREFIX + CLEAR;
      }
      if (words.length != 3 || !words[0].equals(COMMAND)) {
        throw new IllegalArgumentException("expected 'fault <name> <value>' or 'fault clear'");
      }
      switch (words[1]) {
        case DB_LATENCY -> {
          dbLatencyMs = latency(words[2]);
          LOG.warn("FAULT INJECTION (live): every database connection the API borrows now waits {} ms first",
              dbLatencyMs);
          return APPLIED_PREFIX + DB_LATENCY + " " + dbLatencyMs;
        }
        case PROVIDER_ERROR_SHARE -> {
          providerErrorShare = share(words[2]);
          LOG.warn("FAULT INJECTION (live): {} % of simulated LLM provider calls now fail",
              String.format(Locale.ROOT, "%.1f", providerErrorShare * 100));
          return APPLIED_PREFIX + PROVIDER_ERROR_SHARE + " " + providerErrorShare;
        }
        default -> throw new IllegalArgumentException("unknown fault '" + words[1] + "'; known: " + DB_LATENCY
            + ", " + PROVIDER_ERROR_SHARE + ", " + CLEAR);
      }
    } catch (IllegalArgumentException refused) {
      LOG.warn("Fault order refused: '{}': {}", line.strip(), refused.getMessage());
      return REFUSED_PREFIX + refused.getMessage();
    }
  }

  private static int latency(String value) {
    try {
      int millis = Integer.parseInt(value);
      if (millis >= 0 && millis <= MAX_DB_LATENCY_MS) {
        return millis;
      }
    } catch (NumberFormatException notANumber) {
      // refused below
    }
    throw new IllegalArgumentException("invalid " + DB_LATENCY + " '" + value + "': expected a whole number from 0 to "
        + MAX_DB_LATENCY_MS);
  }

  private static double share(String value) {
    try {
      double share = Double.parseDouble(value);
      if (share >= 0 && share <= 1) {
        return share;
      }
    } catch (NumberFormatException notANumber) {
      // refused below
    }
    throw new IllegalArgumentException("invalid " + PROVIDER_ERROR_SHARE + " '" + value + "': expected a number from 0"
        + " to 1");
  }
}
