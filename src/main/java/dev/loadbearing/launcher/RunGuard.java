package dev.loadbearing.launcher;

import dev.loadbearing.lifecycle.Leftovers;
import dev.loadbearing.lifecycle.ParentWatch;
import dev.loadbearing.lifecycle.PidRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Makes sure no run outlives the build that started it, and that a killed run is cleaned up by the next one.
 *
 * <p>The pom starts the Gatling JVM with {@code -DloadbearingForked=true} (a name outside the
 * {@code loadbearing.*} keys, which belong to {@code loadbearing.conf}): that JVM exists for one run only,
 * so it may end itself. It then watches the Maven JVM that forked it and, when that is gone (Ctrl-C
 * that reached only Maven, SIGTERM, SIGKILL, a cancelled CI job), stops the reference service and halts
 * within {@link ParentWatch#POLL}: no more load is sent. In a JVM that is not ours (a run from the IDE, or
 * Gatling inside a test) none of this applies: it is never ended from here.
 */
public final class RunGuard {
  /** Set by the pom on the JVM the gatling-maven-plugin forks. */
  public static final String FORKED_PROPERTY = "loadbearingForked";
  /** Exit status of a forked run that stopped because its build or its target is gone. */
  static final int STOPPED = 1;
  private static final Duration EXIT_GRACE = Duration.ofSeconds(10);
  private static boolean started;

  private RunGuard() {
  }

  /**
   * Called once a run begins, before its target: in a forked JVM, starts watching the build; in any JVM,
   * stops and removes what an earlier, killed run left behind, saying so in one line.
   */
  public static synchronized void begin() {
    if (!started && isForked()) {
      started = true;
      watchBuild();
    }
    Leftovers.clean(PidRegistry.standard()).ifPresent(System.out::println);
  }

  /** True in the JVM the gatling-maven-plugin forked for this run. */
  public static boolean isForked() {
    return Boolean.getBoolean(FORKED_PROPERTY);
  }

  /**
   * The self-launched service died before the run ended. A forked run stops at once, failing the build,
   * rather than spend the rest of its profile measuring refused connections; elsewhere it is reported and
   * the run fails on its SLAs.
   */
  public static void targetDied(String message) {
    if (isShuttingDown()) {
      // Ctrl-C or SIGTERM reached the whole process group: the service stopping is expected.
      return;
    }
    System.err.println("Loadbearing: " + message);
    if (isForked()) {
      System.err.println("Loadbearing: stopping the run; it failed because its target is gone.");
      new Thread(() -> ParentWatch.exit(STOPPED, EXIT_GRACE), "stop-run").start();
    }
  }

  private static void watchBuild() {
    OptionalLong build = ParentWatch.javaParent();
    if (build.isEmpty()) {
      abandon("is already gone");
      return;
    }
    long pid = build.getAsLong();
    ProcessHandle.of(pid).ifPresent(maven -> {
      PidRegistry.Registration registration = PidRegistry.standard()
          .register(PidRegistry.Entry.of("gatling", ProcessHandle.current(), command(), maven, null));
      Runtime.getRuntime().addShutdownHook(new Thread(registration::close, "unregister-gatling"));
    });
    ParentWatch.watch(pid, "watch-build", () -> abandon("(pid " + pid + ") is gone"));
  }

  /** No hooks: they would wait for the service, write stats for a run nobody will read, and keep the load going. */
  private static void abandon(String why) {
    System.err.println("Loadbearing: the build that started this run " + why
        + "; stopping the load and the reference service now.");
    ServiceProcess.stopAllNow();
    Runtime.getRuntime().halt(STOPPED);
  }

  private static boolean isShuttingDown() {
    Thread probe = new Thread(() -> { });
    try {
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException shuttingDown) {
      return true;
    }
  }

  private static String command() {
    return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString());
  }
}
