package dev.loadbearing.stats;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The {@code llm} section of stats.json (docs/STATS-FORMAT.md): what the assistant chats of a run cost, read
 * from the responses by the suite, per journey and per provider. Absent when the run sent no chat.
 *
 * @param total                  every chat of the run
 * @param journeys               journey name → its chats
 * @param providers              provider name → what happened to the attempts on it
 * @param virtualUserHours       the sum of every virtual user's session time in hours, from simulation.log
 *                               (all users of the run: the log cannot tell which journey a user ran); null in
 *                               the run manifest, which is written before the log is read
 * @param costPerVirtualUserHour {@code total.costUsd / virtualUserHours}; null when either is unknown or zero
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record LlmUsage(Chats total, Map<String, Chats> journeys, Map<String, Provider> providers,
                       Double virtualUserHours, Double costPerVirtualUserHour) {

  /**
   * Chats and what they cost.
   *
   * @param chats            responses to the chat request, whatever their status
   * @param answered         200s
   * @param unavailable      503s: every provider was over its limit or timed out
   * @param fallbacks        200s answered after at least one failed attempt (another provider answered)
   * @param promptTokens     over the 200s
   * @param completionTokens over the 200s
   * @param costUsd          over the 200s, as priced by the service
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Chats(long chats, long answered, long unavailable, long fallbacks, long promptTokens,
                      long completionTokens, double costUsd) {

    /** Share of the chats (0..1) that fell back to another provider or got no answer. */
    public double troubledShare() {
      return chats == 0 ? 0 : (double) (fallbacks + unavailable) / chats;
    }

    /** No chat at all: the start of a sum. */
    public static final Chats NONE = new Chats(0, 0, 0, 0, 0, 0, 0);

    /** Both counts added, journey by journey or injector by injector. */
    public Chats plus(Chats o) {
      return new Chats(chats + o.chats, answered + o.answered, unavailable + o.unavailable, fallbacks + o.fallbacks,
          promptTokens + o.promptTokens, completionTokens + o.completionTokens, costUsd + o.costUsd);
    }
  }

  /**
   * The attempts on one provider, as listed in the 200s' {@code attempts} (a 503 lists none).
   *
   * @param attempts    times the provider was tried
   * @param answered    attempts that answered (outcome {@code ok})
   * @param rateLimited attempts skipped because the provider was over its requests per minute
   * @param timedOut    attempts abandoned at the provider's timeout
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Provider(long attempts, long answered, long rateLimited, long timedOut, long promptTokens,
                         long completionTokens, double costUsd) {

    Provider plus(Provider o) {
      return new Provider(attempts + o.attempts, answered + o.answered, rateLimited + o.rateLimited,
          timedOut + o.timedOut, promptTokens + o.promptTokens, completionTokens + o.completionTokens,
          costUsd + o.costUsd);
    }
  }

  /**
   * The spend of one run split over several injectors: counts and user-hours add up, the cost per user-hour is
   * recomputed. Null when no injector chatted; user-hours null when one injector's are unknown.
   */
  public static LlmUsage merge(List<LlmUsage> parts) {
    List<LlmUsage> present = parts.stream().filter(Objects::nonNull).toList();
    if (present.isEmpty()) {
      return null;
    }
    Chats total = Chats.NONE;
    Map<String, Chats> journeys = new TreeMap<>();
    Map<String, Provider> providers = new TreeMap<>();
    double hours = 0;
    boolean hoursKnown = true;
    for (LlmUsage part : present) {
      total = total.plus(part.total());
      part.journeys().forEach((name, chats) -> journeys.merge(name, chats, Chats::plus));
      part.providers().forEach((name, provider) -> providers.merge(name, provider, Provider::plus));
      hoursKnown &= part.virtualUserHours() != null;
      hours += hoursKnown ? part.virtualUserHours() : 0;
    }
    LlmUsage merged = new LlmUsage(total, journeys, providers, null, null);
    return hoursKnown ? merged.over(Math.round(hours * 3_600_000)) : merged;
  }

  /** With the run's virtual-user time (ms), and the cost per virtual-user hour when that time is not zero. */
  public LlmUsage over(long virtualUserMillis) {
    double hours = virtualUserMillis / 3_600_000.0;
    return new LlmUsage(total, journeys, providers, hours, hours > 0 ? total.costUsd() / hours : null);
  }
}
