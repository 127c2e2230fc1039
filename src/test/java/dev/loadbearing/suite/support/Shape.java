package dev.loadbearing.suite.support;

import java.time.Duration;
import java.util.List;

/**
 * A profile's traffic shape: the injection steps Gatling runs, and the named phases they make, so that a run
 * can say what request rate each phase achieved and a verdict can find its windows by name.
 *
 * @param steps  Gatling's injection steps, in order
 * @param phases the phases those steps make, in order, each timed from the moment load starts
 * @param <S>    open or closed injection steps
 */
public record Shape<S>(List<S> steps, List<Phase> phases) {

  /**
   * One phase of a shape.
   *
   * @param name   stable and static ("hold", "level 3"): reports and baselines key on it
   * @param start  from the moment load starts
   * @param length as injected (ramps in whole seconds)
   */
  public record Phase(String name, Duration start, Duration length) {
    public Duration end() {
      return start.plus(length);
    }
  }

  /** The phase called {@code name}; a name the shape does not have fails naming the ones it has. */
  public Phase phase(String name) {
    return phases.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("the shape has no phase '" + name + "'; it has "
            + String.join(", ", phases.stream().map(Phase::name).toList())));
  }

  /** From the start of load to the end of the last phase. */
  public Duration length() {
    return phases.isEmpty() ? Duration.ZERO : phases.get(phases.size() - 1).end();
  }
}
