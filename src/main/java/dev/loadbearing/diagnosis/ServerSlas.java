package dev.loadbearing.diagnosis;

import dev.loadbearing.telemetry.Series;
import dev.loadbearing.telemetry.Telemetry;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The server-side SLAs (loadbearing.conf {@code server-sla}) judged on a run's telemetry. Pure: bounds, the
 * telemetry and the peak population in, one result per bound out. A bound whose series the run does not have
 * is <em>not judged</em>, with the reason: never a failure, never a silent pass. Figures: docs/DIAGNOSIS.md.
 */
public final class ServerSlas {
  /** The scope server SLAs are recorded under in the run manifest and stats.json. */
  public static final String SCOPE = "server";
  /** A population under this many users is judged as this many: the service's own footprint is not per user. */
  public static final int MIN_USERS = 100;

  private ServerSlas() {
  }

  /** What a bound measures: its key in {@code server-sla}, its metric in stats.json, how it is compared. */
  public enum Kind {
    /** p95 of the service's CPU, in percent of all the machine's cores (2 cores busy on 2 = 100 %). */
    SERVICE_CPU_P95("service-cpu-p95", "serviceCpuP95Percent", "lt"),
    /** The largest heap left after a GC, in MB (10^6 bytes) per 100 peak users (at least 100 counted). */
    HEAP_PER_100_USERS("heap-per-100-users", "heapAfterGcMbPer100Users", "lt"),
    /** Mean, over the samples that saw a session wait for a lock, of the longest wait then, in ms. */
    LOCK_WAIT_MEAN("lock-wait-mean", "lockWaitMeanMs", "lt"),
    /** Buffer cache hits in percent of the blocks the database touched over the run. */
    CACHE_HIT_MIN("cache-hit-min", "cacheHitPercent", "gt"),
    /** The leak verdict of docs/DIAGNOSIS.md: 1 for {@code leak}, 0 for {@code no-leak}. */
    NO_LEAK("no-leak", "leak", "eq");

    private final String key;
    private final String metric;
    private final String operator;

    Kind(String key, String metric, String operator) {
      this.key = key;
      this.metric = metric;
      this.operator = operator;
    }

    public String key() {
      return key;
    }

    public String metric() {
      return metric;
    }

    public String operator() {
      return operator;
    }

    public static Optional<Kind> of(String key) {
      return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    public static List<String> keys() {
      return Arrays.stream(values()).map(Kind::key).toList();
    }
  }

  /**
   * One bound.
   *
   * @param key       the full config key, for messages
   * @param threshold in the metric's unit: percent, MB per 100 users, ms; 0 for {@code no-leak}
   * @param reason    why it is looser than the default, or null
   */
  public record Bound(Kind kind, String key, double threshold, String reason) {
  }

  /**
   * A bound and what the run measured.
   *
   * @param actual null when not judged
   * @param note   how the figure was found, or why it was not judged
   */
  public record Result(Bound bound, Double actual, String note) {
    public boolean judged() {
      return actual != null;
    }

    public boolean passed() {
      if (!judged()) {
        return true;
      }
      double t = bound.threshold();
      return switch (bound.kind().operator()) {
        case "lt" -> actual < t;
        case "gt" -> actual > t;
        default -> actual == t;
      };
    }

    /** One line for the console: the bound, the figure and the verdict, or why it was not judged. */
    public String line() {
      if (!judged()) {
        return bound.kind().key() + ": not judged - " + note;
      }
      String sign = switch (bound.kind().operator()) {
        case "lt" -> "<";
        case "gt" -> ">";
        default -> "=";
      };
      return String.format(Locale.ROOT, "%s: %s (%s expected %s %s, found %.3f) - %s", bound.kind().key(),
          passed() ? "holds" : "BROKEN", bound.kind().metric(), sign, plain(bound.threshold()), actual, note);
    }
  }

  /** 80.0 as "80", 0.5 as "0.5". */
  static String plain(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  /** Judges every bound with the leak thresholds of diagnosis.conf (and its -D overrides). */
  public static List<Result> judge(List<Bound> bounds, Optional<Telemetry> telemetry, OptionalInt peakUsers) {
    return judge(bounds, telemetry, peakUsers, DiagnosisConfig.load());
  }

  /**
   * @param telemetry empty when telemetry was off
   * @param peakUsers the profile's peak concurrent population; empty when it is not known (open arrival rates)
   */
  public static List<Result> judge(List<Bound> bounds, Optional<Telemetry> telemetry, OptionalInt peakUsers,
                                   DiagnosisConfig config) {
    if (telemetry.isEmpty()) {
      return bounds.stream().map(b -> new Result(b, null, "telemetry was off (-Dtelemetry=false)")).toList();
    }
    Window w = Window.of(telemetry.get(), null);
    return bounds.stream().map(b -> switch (b.kind()) {
      case SERVICE_CPU_P95 -> cpu(b, w);
      case HEAP_PER_100_USERS -> heap(b, w, peakUsers);
      case LOCK_WAIT_MEAN -> lockWait(b, w);
      case CACHE_HIT_MIN -> cacheHit(b, w);
      case NO_LEAK -> leak(b, w, config);
    }).toList();
  }

  private static Result cpu(Bound b, Window w) {
    return w.serviceCores().map(s -> new Result(b, 100 * ServerSummary.summarize(s).p95() / w.cores(),
            String.format(Locale.ROOT, "p95 %.2f cores of %d (%s, %d samples)", ServerSummary.summarize(s).p95(),
                w.cores(), s.name(), s.size())))
        .orElse(new Result(b, null, "no service CPU series (service.cpu_cores: the suite did not launch the service;"
            + " target.process_cpu_usage: its /metrics has none)"));
  }

  private static Result heap(Bound b, Window w, OptionalInt peakUsers) {
    Optional<Series> heap = w.seriesOrFamilySum("target.jvm_memory_heap_after_gc_bytes");
    if (heap.isEmpty()) {
      return new Result(b, null, "no target.jvm_memory_heap_after_gc_bytes series (the target's /metrics has none)");
    }
    if (peakUsers.isEmpty()) {
      return new Result(b, null, "the profile has no fixed peak population (users arrive at open rates)");
    }
    int users = Math.max(MIN_USERS, peakUsers.getAsInt());
    double megabytes = heap.get().max() / 1e6;
    return new Result(b, megabytes / (users / 100.0), String.format(Locale.ROOT,
        "heap after GC reached %.1f MB with %d peak users (counted as %d)", megabytes, peakUsers.getAsInt(), users));
  }

  private static Result lockWait(Bound b, Window w) {
    Optional<Series> waits = w.series("db.lock_waits");
    Optional<Series> longest = w.series("db.lock_wait_max_seconds");
    if (waits.isEmpty() || longest.isEmpty()) {
      return new Result(b, null, "PostgreSQL was not sampled (no db.lock_waits; a -DbaseUrl target needs"
          + " -Dtelemetry.db.url)");
    }
    double sum = 0;
    int n = 0;
    Series l = longest.get();
    for (int i = 0, j = 0; i < waits.get().size(); i++) {
      if (waits.get().value(i) <= 0) {
        continue;
      }
      while (j < l.size() - 1 && l.time(j) < waits.get().time(i)) {
        j++;
      }
      sum += l.value(j);
      n++;
    }
    return new Result(b, n == 0 ? 0.0 : 1000 * sum / n, String.format(Locale.ROOT,
        "%d of %d samples saw a session waiting for a lock", n, waits.get().size()));
  }

  private static Result cacheHit(Bound b, Window w) {
    Optional<double[]> blocks = w.cacheBlocks();
    if (blocks.isEmpty()) {
      return new Result(b, null, "PostgreSQL was not sampled (no db.blks_hit_total; a -DbaseUrl target needs"
          + " -Dtelemetry.db.url)");
    }
    double touched = blocks.get()[0] + blocks.get()[1];
    if (touched <= 0) {
      return new Result(b, null, "the database touched no buffer block during the run");
    }
    return new Result(b, 100 * blocks.get()[0] / touched, String.format(Locale.ROOT,
        "%.0f of %.0f blocks from the buffer cache", blocks.get()[0], touched));
  }

  private static Result leak(Bound b, Window w, DiagnosisConfig config) {
    Leak leak = LeakAnalysis.judge(w, config.leak());
    return switch (leak.verdict()) {
      case LEAK -> new Result(b, 1.0, "leak: " + leak.reason());
      case NO_LEAK -> new Result(b, 0.0, "no-leak: " + leak.reason());
      case INCONCLUSIVE -> new Result(b, null, "the leak verdict is inconclusive: " + leak.reason());
    };
  }
}
