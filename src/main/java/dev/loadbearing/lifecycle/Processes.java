package dev.loadbearing.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Small facts about processes that {@link ProcessHandle} gets wrong or leaves out. */
public final class Processes {
  private Processes() {
  }

  /**
   * Whether a process still runs: unlike {@link ProcessHandle#isAlive}, a zombie (dead, not yet reaped by its
   * parent) does not count. Falls back to {@code isAlive} where there is no {@code /proc}.
   */
  public static boolean isRunning(ProcessHandle process) {
    if (!Files.exists(Path.of("/proc/self/stat"))) {
      return process.isAlive();
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X' && process.isAlive();
    } catch (IOException | RuntimeException gone) {
      return false;
    }
  }

  /** Asks the process to stop (SIGTERM), insists (SIGKILL) after {@code polite}; true once it is gone. */
  public static boolean stop(ProcessHandle process, Duration polite) {
    process.destroy();
    if (awaitExit(process, polite)) {
      return true;
    }
    process.destroyForcibly();
    return awaitExit(process, Duration.ofSeconds(5));
  }

  /** Waits for a process, child or not, to end; a zombie counts as ended. */
  public static boolean awaitExit(ProcessHandle process, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (isRunning(process)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        process.onExit().get(50, TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException stillRunning) {
        // poll again: onExit of a process that is not our child only notices once it is reaped
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return !isRunning(process);
      }
    }
    return true;
  }

  /**
   * Sends a signal ({@code "STOP"}, {@code "CONT"}, {@code "INT"}...) to each live process with {@code kill}, which
   * {@link ProcessHandle} cannot. Returns false when {@code kill} failed for one of them (e.g. it ended meanwhile).
   */
  public static boolean signal(String signal, Collection<ProcessHandle> processes) {
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
    processes.stream().filter(ProcessHandle::isAlive).forEach(p -> command.add(Long.toString(p.pid())));
    if (command.size() == 2) {
      return false;
    }
    try {
      Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
      kill.getInputStream().readAllBytes();
      if (!kill.waitFor(10, TimeUnit.SECONDS)) {
        kill.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish within 10 s");
      }
      return kill.exitValue() == 0;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while sending SIG" + signal, e);
    }
  }
}
