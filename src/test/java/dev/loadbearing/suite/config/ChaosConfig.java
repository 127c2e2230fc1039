package dev.loadbearing.suite.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code loadbearing.profiles.chaos}: the traffic, the recovery bounds and the fault schedule, every key
 * checked with a message naming it.
 *
 * <p>Time scale: a fault's {@code at} is a position in the load and scales with it like a phase; a fault's
 * {@code duration} keeps its real length (a 0.25 s stall means nothing). A fault needs real seconds after it to
 * be judged ({@link Profiles.Chaos#settle()}: grace, recovery bound, recovery window), so no fault may start
 * sooner than that after the end of the fault before it, nor before {@code warm-up} (real seconds for the JIT:
 * a fault on a cold service would measure the warm-up, not the recovery). In the full form a schedule
 * that breaks this stops the run naming the key; in the short form the faults are pushed out to it, and the
 * load lasts until the last fault's end plus the settle time: that is the Chaos profile's short form.
 */
final class ChaosConfig {
  static final List<String> MIX = List.of("order", "browse", "chat");
  private static final Duration LONGEST_FAULT = Duration.ofMinutes(10);
  private static final Duration LONGEST_TIMEOUT = Duration.ofMinutes(5);

  private ChaosConfig() {
  }

  static Profiles.Chaos read(ConfigReader p, Knobs k) {
    Profiles.Recovery recovery = new Profiles.Recovery(positive(p, "recovery.bound"), positive(p, "recovery.window"),
        positive(p, "recovery.p95"), p.percent("recovery.failed-percent"));
    Duration grace = p.duration("grace");
    Duration settle = grace.plus(recovery.bound()).plus(recovery.window());
    List<Profiles.Fault> faults = placed(p, k, settle, p.duration("warm-up"));
    PhaseLengths length = new PhaseLengths(p, k, "duration");
    Duration load = length.of("duration");
    Duration least = (faults.isEmpty() ? Duration.ZERO : faults.get(faults.size() - 1).end()).plus(settle);
    if (load.compareTo(least) < 0) {
      if (!k.shortForm()) {
        throw new InvalidConfigException(p.key("duration") + " = " + load.toSeconds() + " s ends before the last "
            + "fault is judged; it accepts " + least.toSeconds() + " s or more (the last fault's end + grace + "
            + "recovery.bound + recovery.window)");
      }
      load = least;
    }
    return new Profiles.Chaos(k.rate(p.positiveNumber("rate")), p.weights("mix", MIX),
        p.oneOf("tier", Profiles.TIERS), p.positiveCount("order-attempts"), load, grace, recovery, faults,
        length.maxDuration(), SlaBound.read(p, "sla", "global"));
  }

  /** The faults in order of their start, each placed as the time scale and the settle time say. */
  private static List<Profiles.Fault> placed(ConfigReader p, Knobs k, Duration settle, Duration warmUp) {
    List<String> names = new ArrayList<>(p.children("faults"));
    if (names.isEmpty()) {
      throw new InvalidConfigException(p.key("faults") + " is empty; it accepts named faults such as "
          + "stall { kind = database-stall, at = 30s, duration = 5s }");
    }
    names.sort(Comparator.comparing((String name) -> p.duration("faults." + name + ".at")).thenComparing(n -> n));
    List<Profiles.Fault> faults = new ArrayList<>();
    Duration earliest = warmUp.compareTo(settle) > 0 ? warmUp : settle;
    for (String name : names) {
      ConfigReader f = p.at("faults." + name);
      Duration at = k.phase(f.duration("at"));
      if (at.compareTo(earliest) < 0) {
        if (!k.shortForm()) {
          throw new InvalidConfigException(String.format(Locale.ROOT, "%s = %d s is too soon: a fault needs %d s "
              + "(grace + recovery.bound + recovery.window) after the fault before it to be judged, and none starts "
              + "before warm-up; it accepts %d s or later", f.key("at"), at.toSeconds(), settle.toSeconds(),
              (long) Math.ceil(earliest.toMillis() / 1000.0)));
        }
        at = earliest;
      }
      Profiles.Fault fault = fault(name, f, at);
      faults.add(fault);
      earliest = fault.end().plus(settle);
    }
    return List.copyOf(faults);
  }

  private static Profiles.Fault fault(String name, ConfigReader f, Duration at) {
    FaultKind kind = FaultKind.of(f.oneOf("kind", FaultKind.keys()));
    for (String key : f.keys()) {
      if (!kind.acceptedKeys().contains(key)) {
        throw new InvalidConfigException(f.key(key) + " is not a setting of a " + kind.key() + " fault; it accepts "
            + String.join(", ", kind.acceptedKeys()));
      }
    }
    Duration duration = f.duration("duration");
    if (duration.compareTo(LONGEST_FAULT) > 0 || duration.isZero() && kind != FaultKind.CONNECTIONS_DROPPED) {
      throw new InvalidConfigException(f.key("duration") + " = " + duration.toMillis() + " ms is invalid; it accepts "
          + "a duration above 0 (0 only for connections-dropped) up to " + LONGEST_FAULT.toMinutes() + " min");
    }
    return switch (kind) {
      case PARTIAL_DEGRADATION -> new Profiles.Fault(name, kind, at, duration, latency(f), share(f), "", "",
          Duration.ZERO);
      case COMMAND -> new Profiles.Fault(name, kind, at, duration, 0, 0, nonBlank(f, "begin"), optional(f, "end"),
          timeout(f));
      case URL -> new Profiles.Fault(name, kind, at, duration, 0, 0, url(f, "begin"),
          f.has("end") ? url(f, "end") : "", timeout(f));
      default -> new Profiles.Fault(name, kind, at, duration, 0, 0, "", "", Duration.ZERO);
    };
  }

  /** The service's fault switch takes whole milliseconds up to a minute. */
  private static int latency(ConfigReader f) {
    Duration latency = f.duration("database-latency");
    if (latency.isZero() || latency.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new InvalidConfigException(f.key("database-latency") + " = " + latency.toMillis() + " ms is invalid; "
          + "it accepts a duration from 1ms to 60s");
    }
    return (int) latency.toMillis();
  }

  private static double share(ConfigReader f) {
    double share = f.number("provider-errors");
    if (share == 0 || share > 1) {
      throw new InvalidConfigException(f.key("provider-errors") + " = " + share + " is invalid; it accepts a share "
          + "of provider calls above 0 and at most 1, such as 0.5");
    }
    return share;
  }

  private static Duration timeout(ConfigReader f) {
    Duration timeout = f.has("timeout") ? f.duration("timeout") : Duration.ofSeconds(30);
    if (timeout.isZero() || timeout.compareTo(LONGEST_TIMEOUT) > 0) {
      throw new InvalidConfigException(f.key("timeout") + " = " + timeout.toMillis() + " ms is invalid; it accepts "
          + "a duration above 0 up to " + LONGEST_TIMEOUT.toMinutes() + " min");
    }
    return timeout;
  }

  private static String nonBlank(ConfigReader f, String key) {
    String value = f.string(key).strip();
    if (value.isEmpty()) {
      throw new InvalidConfigException(f.key(key) + " is empty; it accepts a shell command such as "
          + "'docker pause db'");
    }
    return value;
  }

  private static String optional(ConfigReader f, String key) {
    return f.has(key) ? f.string(key).strip() : "";
  }

  private static String url(ConfigReader f, String key) {
    String value = f.string(key).strip();
    try {
      URI uri = URI.create(value);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return value;
      }
    } catch (IllegalArgumentException notAUri) {
      // Said below, with the key.
    }
    throw new InvalidConfigException(f.key(key) + " = '" + value + "' is invalid; it accepts an http:// or https:// "
        + "URL, called with POST, such as http://127.0.0.1:9000/faults/stall/begin");
  }

  private static Duration positive(ConfigReader p, String key) {
    Duration value = p.duration(key);
    if (value.isZero()) {
      throw new InvalidConfigException(p.key(key) + " = 0 is invalid; it accepts a duration above 0");
    }
    return value;
  }
}
