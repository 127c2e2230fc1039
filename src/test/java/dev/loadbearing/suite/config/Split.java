package dev.loadbearing.suite.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * One injector's part of a run split over several ({@code -Dinjectors=N -Dinjector.index=i}, docs/DISTRIBUTED.md):
 * its share of every population and arrival rate, the common start, and the run id all parts record.
 *
 * @param injectors how many injectors run the profile together, 1 or more
 * @param index     this injector, 0 to injectors - 1
 * @param startAt    when every injector starts its load, given in advance; empty: at once, or agreed at the
 *                   rendezvous
 * @param rendezvous a folder all injectors share ({@code -Dstart.rendezvous}): each, once ready to load, says so
 *                   there, and they agree on a start once all are ready ({@code Rendezvous}); empty: none
 * @param runId      the same in every part, so the merge can tell they belong together; empty on a lone run
 */
public record Split(int injectors, int index, Optional<Instant> startAt, Optional<Path> rendezvous,
                    Optional<String> runId) {
  /** A start more than this far in the past is refused: that injector would run behind the others. */
  public static final Duration LATE_START = Duration.ofSeconds(10);

  /**
   * The profiles whose verdict needs every request of the run in one place, and why: they refuse injectors > 1.
   * Keyed like their block under loadbearing.profiles.
   */
  public static final Map<String, String> WHOLE_PICTURE = Map.of(
      "flash-sale", "its verdict is a stock audit (exactly N orders, stock read back at 0) over every buyer",
      "rate-limit", "its verdicts are exact counts against one token bucket (exactly overflow x 429)",
      "database", "its consistency read-back after the load needs every write of the run",
      "breaking-point", "it stops itself at the first level that breaks, which one injector cannot see for all",
      "chaos", "its verdicts judge the whole service's recovery from faults it injects itself");

  private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  /** A lone injector: the whole run. */
  public static Split whole() {
    return new Split(1, 0, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * Reads and checks the split; every bad value fails naming the flag and what it accepts.
   *
   * @param injectors  {@code -Dinjectors}, blank for 1
   * @param index      {@code -Dinjector.index} (or LOADBEARING_INJECTOR_INDEX, JOB_COMPLETION_INDEX), blank for 0
   * @param startAt    {@code -Dstart.at}, an ISO-8601 instant, blank for none
   * @param rendezvous {@code -Dstart.rendezvous}, a folder all injectors share, blank for none
   * @param runId      {@code -Drun.id}, blank to derive it from start.at and the profile
   * @param now        the clock, to refuse a start already long past
   */
  public static Split of(String injectors, String index, String startAt, String rendezvous, String runId,
                         Instant now) {
    int n = whole(injectors, "injectors", 1, "a whole number of injectors, 1 or more (-Dinjectors=2)");
    int i = whole(index, "injector.index", 0, "this injector's index, 0 to injectors - 1 (-Dinjector.index=0)");
    if (i >= n) {
      throw new InvalidConfigException("injector.index = " + i + " is out of range for injectors = " + n
          + "; it accepts 0 to " + (n - 1));
    }
    Optional<Instant> start = instant(startAt, now);
    Optional<Path> meeting = folder(rendezvous);
    Optional<String> id = Optional.ofNullable(runId).map(String::strip).filter(s -> !s.isEmpty());
    if (id.isPresent() && !id.get().matches("[A-Za-z0-9._-]{1,100}")) {
      throw new InvalidConfigException("run.id = '" + id.get() + "' is not a run id; it accepts 1 to 100 letters, "
          + "digits, '.', '_' or '-'");
    }
    if (start.isPresent() && meeting.isPresent()) {
      throw new InvalidConfigException("start.at and start.rendezvous are both set: the start is either fixed in "
          + "advance or agreed at the rendezvous; give one");
    }
    if (meeting.isPresent() && (n == 1 || id.isEmpty())) {
      throw new InvalidConfigException("start.rendezvous needs -Dinjectors=N (2 or more) and -Drun.id=<id>: "
          + "the injectors meeting there are counted and must record one run id");
    }
    if (n > 1 && start.isEmpty() && meeting.isEmpty()) {
      throw new InvalidConfigException("injectors = " + n + " needs a common start: -Dstart.rendezvous=<a folder "
          + "every injector shares> with -Drun.id=<id> (they start together once all are ready), or "
          + "-Dstart.at=<ISO-8601 instant, e.g. " + now.plusSeconds(60).truncatedTo(ChronoUnit.SECONDS) + ">");
    }
    return new Split(n, i, start, meeting, id);
  }

  /** True when this injector runs only a part of the profile. */
  public boolean split() {
    return injectors > 1;
  }

  /** This injector's share of {@code whole} users: shares differ by at most one and add up to the whole. */
  public int share(int whole) {
    return whole / injectors + (index < whole % injectors ? 1 : 0);
  }

  /** This injector's share of an arrival rate: the shares add up to the whole rate. */
  public double share(double whole) {
    return whole / injectors;
  }

  /** The run id every part records: {@code -Drun.id}, else the profile and start.at; empty on an unsplit run. */
  public Optional<String> runIdOf(String profile) {
    return runId.or(() -> startAt.map(at -> profile + "-" + RUN_ID_TIME.format(at)));
  }

  /** Refuses a profile that needs the whole picture when this injector would see only a part of it. */
  public void check(String profileKey) {
    String why = WHOLE_PICTURE.get(profileKey);
    if (split() && why != null) {
      throw new InvalidConfigException("profile " + profileKey + " cannot be split over injectors = " + injectors
          + ": " + why + "; run it with one injector (docs/DISTRIBUTED.md)");
    }
  }

  private static int whole(String text, String key, int absent, String accepts) {
    if (text == null || text.isBlank()) {
      return absent;
    }
    try {
      int value = Integer.parseInt(text.strip());
      if (value >= absent) {
        return value;
      }
    } catch (NumberFormatException notANumber) {
      // Said below, with what the key accepts.
    }
    throw new InvalidConfigException(key + " = '" + text.strip() + "' is not valid; it accepts " + accepts);
  }

  private static Optional<Path> folder(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(text.strip()));
    } catch (InvalidPathException e) {
      throw new InvalidConfigException("start.rendezvous = '" + text.strip() + "' is not a folder path: "
          + e.getReason());
    }
  }

  private static Optional<Instant> instant(String text, Instant now) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    Instant at;
    try {
      at = Instant.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new InvalidConfigException("start.at = '" + text.strip() + "' is not an ISO-8601 instant; it accepts "
          + "e.g. 2026-01-31T12:00:00Z");
    }
    if (at.isBefore(now.minus(LATE_START))) {
      throw new InvalidConfigException("start.at = " + at + " is " + Duration.between(at, now).toSeconds()
          + " s past; it accepts a time at most " + LATE_START.toSeconds() + " s past, so that every injector "
          + "loads together: choose a later one");
    }
    return Optional.of(at);
  }
}
