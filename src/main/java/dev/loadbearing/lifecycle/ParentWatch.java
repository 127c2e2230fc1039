package dev.loadbearing.lifecycle;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * Notices that the process which started this JVM has died, however it ended (SIGKILL included), within
 * {@link #POLL}. Java gets no parent-death signal, so it polls this JVM's parent pid: when a parent dies, the
 * kernel hands its children to another process at once, even while the dead parent waits, a zombie, for
 * its own parent to reap it (a check of the parent's liveness would still see it then).
 */
public final class ParentWatch {
  public static final Duration POLL = Duration.ofMillis(200);

  private ParentWatch() {
  }

  /** Calls {@code onGone} once, on a daemon thread, when this JVM's parent is no longer {@code parentPid}. */
  public static void watch(long parentPid, String name, Runnable onGone) {
    Thread watcher = new Thread(() -> {
      while (!isReplaced(parentPid, currentParentPid())) {
        try {
          Thread.sleep(POLL.toMillis());
        } catch (InterruptedException stop) {
          return;
        }
      }
      onGone.run();
    }, name);
    watcher.setDaemon(true);
    watcher.start();
  }

  /**
   * True once the parent is another process. An unknown parent (-1) is not a replaced one: the lookup reads
   * {@code /proc} and fails while this JVM has no file descriptor to spare (a BreakingPoint run past its break
   * held 20,000 connections, and a build alive and well was taken for dead). A parent that really died is
   * replaced by a live reaper, which a later poll sees.
   */
  static boolean isReplaced(long parentPid, long currentParentPid) {
    return currentParentPid != parentPid && currentParentPid != -1;
  }

  /**
   * The pid of the JVM that started this one, or empty when it is already gone: this JVM then belongs to
   * init or a sub-reaper, neither of which runs {@code java}.
   */
  public static OptionalLong javaParent() {
    return ProcessHandle.current().parent()
        .filter(parent -> parent.pid() != 1)
        .filter(parent -> parent.info().command().map(ParentWatch::isJava).orElse(true))
        .map(parent -> OptionalLong.of(parent.pid())).orElse(OptionalLong.empty());
  }

  /** This JVM's parent pid as it is now; -1 when it has none. */
  public static long currentParentPid() {
    return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
  }

  /**
   * Ends this JVM with its shutdown hooks, and halts it should a hook still be running after {@code grace}:
   * a process whose parent is gone must not linger on a stuck hook.
   */
  public static void exit(int status, Duration grace) {
    Thread halt = new Thread(() -> {
      try {
        Thread.sleep(grace.toMillis());
      } catch (InterruptedException ignored) {
        // halting now is what was asked anyway
      }
      Runtime.getRuntime().halt(status);
    }, "halt-after-" + grace.toSeconds() + "s");
    halt.setDaemon(true);
    halt.start();
    System.exit(status);
  }

  private static boolean isJava(String command) {
    String file = command.substring(command.lastIndexOf('/') + 1);
    return file.equals("java") || file.equals("java.exe");
  }
}
