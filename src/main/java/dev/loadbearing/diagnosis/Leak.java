package dev.loadbearing.diagnosis;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * The leak verdict of a run: {@code leak} when any subject grew significantly and by more than its threshold,
 * else {@code inconclusive} when any could not be judged (too short, too noisy) or none was there, else
 * {@code no-leak}. {@code trends} has one entry per subject whose series exists.
 */
public record Leak(Verdict verdict, String reason, List<Trend> trends) {
  public Leak {
    trends = List.copyOf(trends);
  }

  public enum Verdict {
    LEAK("leak"), NO_LEAK("no-leak"), INCONCLUSIVE("inconclusive");

    private final String text;

    Verdict(String text) {
      this.text = text;
    }

    @JsonValue
    @Override
    public String toString() {
      return text;
    }
  }

  /**
   * One subject over the steady part of the run.
   *
   * @param subject          its name from diagnosis.conf, e.g. "service heap after GC"
   * @param series           the series (or family) read
   * @param verdict          this subject's verdict
   * @param why              one line: the reason for the verdict
   * @param perMinute        Theil-Sen slope, series unit per minute (NaN when too short)
   * @param perMinuteLower   lower bound of its confidence interval
   * @param perMinuteUpper   upper bound
   * @param growth           slope × the steady part's length: the growth over the run
   * @param threshold        the growth that counts as a leak for this subject
   * @param startLevel       fitted level at the start of the steady part
   * @param from             epoch ms, start of the steady part
   * @param to               epoch ms, its end
   * @param points           points fitted (window minima for memory)
   */
  public record Trend(String subject, String series, Verdict verdict, String why, double perMinute,
                      double perMinuteLower, double perMinuteUpper, double growth, double threshold,
                      double startLevel, long from, long to, int points) {
  }
}
