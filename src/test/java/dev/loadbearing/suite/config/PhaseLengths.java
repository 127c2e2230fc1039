package dev.loadbearing.suite.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A profile's phase lengths as run: each multiplied by the time scale, and in the short form (time scale
 * below 1) never shorter than the profile's {@code short-form} block says, nor longer than its full length.
 * The block may name only the phases declared here and {@code max-duration}; anything else fails naming them.
 */
final class PhaseLengths {
  static final String SHORT_FORM = "short-form";
  private static final String MAX_DURATION = "max-duration";

  private final ConfigReader profile;
  private final Knobs knobs;
  private final List<String> phases;

  /** {@code phases}: the keys of the profile that are injection-phase lengths, scaled by the time scale. */
  PhaseLengths(ConfigReader profile, Knobs knobs, String... phases) {
    this.profile = profile;
    this.knobs = knobs;
    this.phases = List.of(phases);
    if (profile.has(SHORT_FORM)) {
      List<String> accepted = new ArrayList<>(this.phases);
      accepted.add(MAX_DURATION);
      for (String key : profile.leaves(SHORT_FORM)) {
        if (!accepted.contains(key)) {
          throw new InvalidConfigException(profile.key(SHORT_FORM + "." + key) + " is not a phase length of this "
              + "profile; " + profile.key(SHORT_FORM) + " accepts " + String.join(", ", accepted));
        }
        profile.duration(SHORT_FORM + "." + key);
      }
    }
  }

  /** The phase {@code key}, as run. */
  Duration of(String key) {
    if (!phases.contains(key)) {
      throw new IllegalArgumentException(key + " is not declared as a phase of " + profile.key(""));
    }
    Duration full = profile.duration(key);
    return shortened(key, full, knobs.phase(full));
  }

  /** How long the run may last: scaled, never below the floor, and in the short form its short-form value. */
  Duration maxDuration() {
    Duration full = profile.duration(MAX_DURATION);
    return shortened(MAX_DURATION, full, knobs.maxDuration(full));
  }

  private Duration shortened(String key, Duration full, Duration scaled) {
    if (!knobs.shortForm() || !profile.has(SHORT_FORM + "." + key)) {
      return scaled;
    }
    Duration least = profile.duration(SHORT_FORM + "." + key);
    Duration atLeast = scaled.compareTo(least) < 0 ? least : scaled;
    return atLeast.compareTo(full) > 0 ? full : atLeast;
  }
}
