package dev.loadbearing.suite.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * Live metrics during a run (docs/LIVE.md): off unless {@code -Dlive.port} is given; {@code 0} picks a free port.
 *
 * @param port   the port of {@code http://host:port/metrics}; empty: no live metrics
 * @param host   the address to bind: loopback unless {@code -Dlive.host} says otherwise (a pod scraped by Kubernetes)
 * @param linger how long the endpoint keeps serving after the load, so the last scrape sees the final counts
 */
public record LiveConfig(OptionalInt port, String host, Duration linger) {
  /** Long enough for one scrape at any sensible interval, short enough not to hold a run up for nothing. */
  private static final Duration MAX_LINGER = Duration.ofMinutes(5);

  public boolean enabled() {
    return port.isPresent();
  }

  /** The {@code loadbearing.live} block; a bad value names the flag and what it accepts. */
  static LiveConfig read(Config live) {
    try {
      String port = live.getString("port").strip();
      String host = live.getString("host").strip();
      if (host.isEmpty()) {
        throw new InvalidConfigException("-Dlive.host is empty; give an address to bind, e.g. 127.0.0.1 or 0.0.0.0");
      }
      Duration linger = linger(live);
      if (linger.isNegative() || linger.compareTo(MAX_LINGER) > 0) {
        throw new InvalidConfigException("-Dlive.linger=" + live.getString("linger") + " must be between 0s and "
            + MAX_LINGER.toMinutes() + "min (one scrape interval is enough, e.g. 15s)");
      }
      return new LiveConfig(port.isEmpty() ? OptionalInt.empty() : OptionalInt.of(port(port)), host, linger);
    } catch (ConfigException.WrongType | ConfigException.BadValue invalid) {
      throw new InvalidConfigException(invalid.getMessage());
    }
  }

  private static Duration linger(Config live) {
    try {
      return live.getDuration("linger");
    } catch (ConfigException.BadValue | ConfigException.WrongType notADuration) {
      throw new InvalidConfigException("-Dlive.linger=" + live.getValue("linger").unwrapped()
          + " is not a duration: give e.g. 6s or 1m");
    }
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException notANumber) {
      // Same sentence as out of range, below.
    }
    throw new InvalidConfigException("-Dlive.port=" + value + " is not a port: give 1-65535, or 0 for a free one");
  }
}
