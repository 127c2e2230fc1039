package dev.loadbearing.stats;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

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
  }

  /** With the run's virtual-user time (ms), and the cost per virtual-user hour when that time is not zero. */
  public LlmUsage over(long virtualUserMillis) {
    double hours = virtualUserMillis / 3_600_000.0;
    return new LlmUsage(total, journeys, providers, hours, hours > 0 ? total.costUsd() / hours : null);
  }
}
