package dev.loadbearing.service;

import java.io.IOException;
import java.io.InputStream;

/**
 * Runs the reference service on its own: {@code mvn -q exec:java@service -Dport=8080}.
 *
 * <p>With {@code -Dloadbearing.exit-on-stdin-close=true} (how the launcher starts it) the service also
 * stops when its standard input closes, so it can never outlive the load generator that started it.
 */
public final class ServiceMain {
  /** The line printed on standard output once the service answers; the launcher waits for it. */
  public static final String READY_PREFIX = "LOADBEARING_READY ";
  /** Printed before the ready line when the service started its own PostgreSQL server. */
  public static final String DATABASE_PID_PREFIX = "LOADBEARING_DATABASE_PID ";

  private ServiceMain() {
  }

  public static void main(String[] args) {
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
    System.out.println(READY_PREFIX + service.baseUrl());
    System.out.flush();
    if (Boolean.getBoolean("loadbearing.exit-on-stdin-close")) {
      waitForEndOfInput(System.in);
      System.exit(0);
    }
  }

  private static void waitForEndOfInput(InputStream in) {
    try {
      while (in.read() >= 0) {
        // the launcher never writes; only the end of the stream matters
      }
    } catch (IOException closed) {
      // a broken pipe means the parent is gone, same as end of input
    }
  }
}
