package dev.loadbearing.launcher;

import dev.loadbearing.service.ServiceMain;
import dev.loadbearing.service.db.Database;
import dev.loadbearing.service.faults.Faults;
import dev.loadbearing.service.faults.LiveFaults;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Copies the reference service's output to its log file, and takes from it what the service tells its launcher:
 * the ready line, its database's pid and login (the password masked in the log), and the answers to fault orders.
 * Keeps the last lines, shown when the service fails to start.
 */
final class ServiceOutput extends Thread {
  private static final int LOG_TAIL_LINES = 25;
  /** Shown in the log instead of the database password. */
  private static final String MASK = "********";
  private final Process process;
  private final Path logFile;
  private final CompletableFuture<String> ready = new CompletableFuture<>();
  private volatile OptionalLong databasePid = OptionalLong.empty();
  private volatile Optional<Database.Login> databaseLogin = Optional.empty();
  private final Deque<String> tail = new ArrayDeque<>();
  private volatile CompletableFuture<String> faultAnswer = new CompletableFuture<>();

  ServiceOutput(Process process, Path logFile) {
    super("reference-service-output");
    setDaemon(true);
    this.process = process;
    this.logFile = logFile;
  }

  @Override
  public void run() {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8)); Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
      String line;
      while ((line = lines.readLine()) != null) {
        line = notice(line);
        log.write(line);
        log.write('\n');
        log.flush();
        remember(line);
        if (line.startsWith(ServiceMain.READY_PREFIX)) {
          ready.complete(line.substring(ServiceMain.READY_PREFIX.length()).strip());
        }
      }
    } catch (IOException e) {
      ready.completeExceptionally(e);
    }
    ready.completeExceptionally(new IllegalStateException("output ended"));
    faultAnswer.completeExceptionally(new IllegalStateException("output ended"));
  }

  /** Takes what the service tells its launcher from a line; returns the line as the log may show it. */
  private String notice(String line) {
    if (line.startsWith(ServiceMain.DATABASE_PID_PREFIX)) {
      databasePid = OptionalLong.of(Long.parseLong(line.substring(ServiceMain.DATABASE_PID_PREFIX.length())
          .strip()));
    } else if (line.startsWith(ServiceMain.DATABASE_PREFIX)) {
      try {
        Database.Login login = ServiceMain.parseDatabaseLine(line);
        databaseLogin = Optional.of(login);
        return ServiceMain.databaseLine(new Database.Login(login.jdbcUrl(), login.user(), MASK));
      } catch (IllegalArgumentException unreadable) {
        return ServiceMain.DATABASE_PREFIX + "(unreadable: " + unreadable.getMessage() + ")";
      }
    } else if (line.startsWith(LiveFaults.APPLIED_PREFIX) || line.startsWith(LiveFaults.REFUSED_PREFIX)) {
      faultAnswer.complete(line);
    } else if (line.contains(Faults.ANNOUNCEMENT)) {
      // Measurements of a service made to misbehave are not to be mistaken for real ones.
      System.err.println("Loadbearing: reference service: " + line.substring(line.indexOf(Faults.ANNOUNCEMENT)));
    }
    return line;
  }

  private synchronized void remember(String line) {
    tail.addLast(line);
    if (tail.size() > LOG_TAIL_LINES) {
      tail.removeFirst();
    }
  }

  synchronized String tail() {
    return String.join("\n  ", tail);
  }

  OptionalLong databasePid() {
    return databasePid;
  }

  /** A fresh future for the answer to the next fault order; completed exceptionally should the output end. */
  CompletableFuture<String> expectFaultAnswer() {
    faultAnswer = new CompletableFuture<>();
    if (!isAlive()) {
      faultAnswer.completeExceptionally(new IllegalStateException("output ended"));
    }
    return faultAnswer;
  }

  Optional<Database.Login> databaseLogin() {
    return databaseLogin;
  }

  /** Waits briefly for the last of the output, so that a tail shown after the process ended is whole. */
  void awaitEnd() {
    try {
      join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  String awaitReady(Duration timeout) {
    try {
      return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException slow) {
      throw new IllegalStateException("The reference service was not ready within " + timeout.toSeconds()
          + " s. Its last output (full log in " + logFile + "):\n  " + tail());
    } catch (ExecutionException | InterruptedException died) {
      waitForExit();
      throw new IllegalStateException("The reference service stopped before it was ready"
          + (process.isAlive() ? "" : " (exit code " + process.exitValue() + ")")
          + ". Its last output (full log in " + logFile + "):\n  " + tail());
    }
  }

  private void waitForExit() {
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
