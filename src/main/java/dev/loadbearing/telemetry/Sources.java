package dev.loadbearing.telemetry;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which sources the sampler reads; immutable, built fluently:
 *
 * <pre>{@code
 * Sources.none()
 *     .withPrometheus(URI.create(target + "/metrics"))   // target.<metric>{labels}
 *     .withProcess("service", service.pid())              // service.cpu_cores, .rss_bytes, .threads, .open_fds
 *     .withProcessTree("database", databasePid)           // PostgreSQL forks a process per connection
 *     .withInjector()                                     // injector.* : this JVM, by /proc and JMX
 *     .withMachine()                                      // machine.cpu_percent, .steal_percent, .iowait_percent
 *     .withPostgres(jdbcUrl, user, password);             // db.* and the top statements
 * }</pre>
 */
public final class Sources {
  private static final Pattern LABEL = Pattern.compile("[a-z][a-z0-9_-]*");
  private static final Set<String> RESERVED = Set.of("machine", "db", "target", "telemetry");

  private final List<Source> sources;

  private Sources(List<Source> sources) {
    this.sources = List.copyOf(sources);
  }

  public static Sources none() {
    return new Sources(List.of());
  }

  /** Any other source. */
  public Sources with(Source source) {
    List<Source> more = new ArrayList<>(sources);
    more.add(source);
    return new Sources(more);
  }

  /** The target's Prometheus text endpoint; every series it exposes is recorded as {@code target.<key>}. */
  public Sources withPrometheus(URI metricsUrl) {
    return with(new PrometheusSource(metricsUrl));
  }

  /** A process by pid, from /proc: CPU, RSS, threads, open file descriptors, as {@code <label>.*}. */
  public Sources withProcess(String label, long pid) {
    return with(new ProcessSource(checked(label), pid, false));
  }

  /** As {@link #withProcess}, summed over the process and all its descendants. */
  public Sources withProcessTree(String label, long pid) {
    return with(new ProcessSource(checked(label), pid, true));
  }

  /** This JVM as {@code injector}: its process from /proc and its heap and GC from JMX. */
  public Sources withInjector() {
    return withProcess("injector", ProcessHandle.current().pid()).with(new JvmSource("injector"));
  }

  /** The whole machine from /proc/stat: CPU use, steal, I/O wait. */
  public Sources withMachine() {
    return with(new MachineSource());
  }

  /** A PostgreSQL database: pg_stat_database, pg_stat_activity, pg_locks, and at the end pg_stat_statements. */
  public Sources withPostgres(String jdbcUrl, String user, String password) {
    return with(new PostgresSource(jdbcUrl, user, password));
  }

  public List<Source> list() {
    return sources;
  }

  private static String checked(String label) {
    if (!LABEL.matcher(label).matches() || RESERVED.contains(label)) {
      throw new IllegalArgumentException("Process label '" + label + "' must match " + LABEL.pattern()
          + " and not be one of " + RESERVED);
    }
    return label;
  }
}
