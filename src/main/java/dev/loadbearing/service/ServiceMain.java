package dev.loadbearing.service;

import dev.loadbearing.lifecycle.ParentWatch;
import dev.loadbearing.service.db.Database;
import dev.loadbearing.service.faults.LiveFaults;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Runs the reference service on its own: {@code mvn -q exec:java@service -Dport=8080}.
 *
 * <p>The launcher starts it with {@code -Dloadbearing.exit-on-stdin-close=true} and
 * {@code -Dloadbearing.parent-pid=<its pid>}: the service then stops when its standard input closes or when
 * that process dies (SIGKILL included), so it can never outlive the load generator that started it. Its
 * embedded PostgreSQL stops with it in turn (see {@code PostgresServer}). Until then the launcher may send live
 * fault orders on that input, one a line ({@code fault db-latency-ms 300}; see {@link LiveFaults}).
 */
public final class ServiceMain {
  /** The line printed on standard output once the service answers; the launcher waits for it. */
  public static final String READY_PREFIX = "LOADBEARING_READY ";
  /** Printed before the ready line when the service started its own PostgreSQL server. */
  public static final String DATABASE_PID_PREFIX = "LOADBEARING_DATABASE_PID ";
  /**
   * Printed before the ready line for a launcher (one that set {@link #PARENT_PID_PROPERTY}): the database's
   * JDBC URL, user and password, each URL-encoded, separated by spaces; see {@link #databaseLine}.
   */
  public static final String DATABASE_PREFIX = "LOADBEARING_DATABASE ";
  /** The pid of the process that launched the service; it stops when that process is gone. */
  public static final String PARENT_PID_PROPERTY = "loadbearing.parent-pid";
  /** Time for the shutdown hook (HTTP drain up to 10 s, threads up to 5 s, pool, database) before the JVM halts. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);

  private ServiceMain() {
  }

  public static void main(String[] args) {
    // Watching starts before the database does: a launcher killed during start-up must stop that too.
    watchLauncher();
    ServiceConfig config;
    try {
      config = ServiceConfig.load();
    } catch (ConfigException invalid) {
      System.err.println(invalid.getMessage());
      System.exit(2);
      return;
    }
    ReferenceService service;
    try {
      service = ReferenceService.start(config);
    } catch (RuntimeException failed) {
      System.err.println("The reference service did not start: " + failed.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(service::close, "service-shutdown"));
    service.database().serverPid().ifPresent(pid -> System.out.println(DATABASE_PID_PREFIX + pid));
    // A restarted PostgreSQL has a new pid; the launcher keeps the newest line.
    service.database().onServerRestart(pid -> tellLauncher(DATABASE_PID_PREFIX + pid));
    // Only to a launcher, through a pipe: it masks the password in the log it writes.
    if (System.getProperty(PARENT_PID_PROPERTY) != null) {
      System.out.println(databaseLine(service.database().login()));
    }
    System.out.println(READY_PREFIX + service.baseUrl());
    System.out.flush();
    if (Boolean.getBoolean("loadbearing.exit-on-stdin-close")) {
      followOrders(System.in, service.liveFaults());
      ParentWatch.exit(0, STOP_GRACE);
    }
  }

  /** The {@link #DATABASE_PREFIX} line for a login; {@link #parseDatabaseLine} reads it back. */
  public static String databaseLine(Database.Login login) {
    return DATABASE_PREFIX + encode(login.jdbcUrl()) + " " + encode(login.user()) + " " + encode(login.password());
  }

  /** The login in a {@link #DATABASE_PREFIX} line. */
  public static Database.Login parseDatabaseLine(String line) {
    if (!line.startsWith(DATABASE_PREFIX)) {
      throw new IllegalArgumentException("Not a database line: " + line);
    }
    String[] fields = line.substring(DATABASE_PREFIX.length()).strip().split(" ", -1);
    if (fields.length != 3) {
      throw new IllegalArgumentException("A database line has 3 fields (URL, user, password), not "
          + fields.length);
    }
    return new Database.Login(decode(fields[0]), decode(fields[1]), decode(fields[2]));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  private static void watchLauncher() {
    String launcher = System.getProperty(PARENT_PID_PROPERTY);
    if (launcher == null || launcher.isBlank()) {
      return;
    }
    long pid = Long.parseLong(launcher.strip());
    ParentWatch.watch(pid, "watch-launcher", () -> {
      System.err.println("The process that launched the reference service (pid " + pid + ") is gone; stopping.");
      ParentWatch.exit(0, STOP_GRACE);
    });
  }

  /**
   * Applies the launcher's fault orders, one a line ({@code fault db-latency-ms 300}), answering each on standard
   * output, until the input ends: then the service stops. Only the launcher holds this pipe.
   */
  static void followOrders(InputStream in, LiveFaults faults) {
    try {
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = lines.readLine()) != null) {
        if (!line.isBlank()) {
          tellLauncher(faults.apply(line));
        }
      }
    } catch (IOException closed) {
      // a broken pipe means the parent is gone, same as end of input
    }
  }

  private static void tellLauncher(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
