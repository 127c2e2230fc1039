package dev.loadbearing.telemetry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A process (optionally with its descendants) from Linux's /proc: {@code <label>.cpu_seconds_total} and
 * {@code <label>.cpu_cores} (user + system CPU, from /proc/PID/stat), {@code <label>.rss_bytes} and
 * {@code <label>.threads} (/proc/PID/status), {@code <label>.open_fds} (entries of /proc/PID/fd).
 */
final class ProcessSource implements Source {
  /**
   * USER_HZ: the unit of the CPU times in /proc/PID/stat. Linux fixes it at 100 on every architecture the JDK
   * runs on (sysconf(_SC_CLK_TCK)); ProcessSourceTest checks it against the JVM's own CPU time.
   */
  static final double TICKS_PER_SECOND = 100;

  private final String label;
  private final long pid;
  private final boolean tree;
  private double lastCpuSeconds = Double.NaN;
  private long lastNanos;
  private boolean goneNoted;

  ProcessSource(String label, long pid, boolean tree) {
    this.label = label;
    this.pid = pid;
    this.tree = tree;
  }

  @Override
  public String name() {
    return "process " + label + " (pid " + pid + ")";
  }

  @Override
  public void sample(Recorder out) throws IOException {
    List<Long> pids = pids();
    if (pids.isEmpty()) {
      if (!goneNoted) {
        goneNoted = true;
        out.note("Process " + label + " (pid " + pid + ") has ended; its series stop there.");
      }
      return;
    }
    long nanos = System.nanoTime();
    double cpuSeconds = 0;
    double rssBytes = 0;
    double threads = 0;
    double fds = 0;
    for (long p : pids) {
      try {
        cpuSeconds += cpuSeconds(Files.readString(Path.of("/proc", Long.toString(p), "stat")), tree);
        String status = Files.readString(Path.of("/proc", Long.toString(p), "status"));
        rssBytes += statusField(status, "VmRSS:") * 1024;
        threads += statusField(status, "Threads:");
        fds += countFds(p);
      } catch (NoSuchFileException ended) {
        // a child that ended between listing and reading: counted by its parent's cumulative child time
        if (p == pid) {
          throw ended;
        }
      }
    }
    out.record(label + ".cpu_seconds_total", cpuSeconds);
    if (!Double.isNaN(lastCpuSeconds)) {
      double cores = Math.max(0, cpuSeconds - lastCpuSeconds) / ((nanos - lastNanos) / 1e9);
      out.record(label + ".cpu_cores", Math.round(cores * 1000) / 1000.0);
    }
    lastCpuSeconds = cpuSeconds;
    lastNanos = nanos;
    out.record(label + ".rss_bytes", rssBytes);
    out.record(label + ".threads", threads);
    out.record(label + ".open_fds", fds);
  }

  private List<Long> pids() throws IOException {
    List<Long> pids = new ArrayList<>();
    if (!Files.isDirectory(Path.of("/proc", Long.toString(pid)))) {
      return pids;
    }
    pids.add(pid);
    if (tree) {
      for (int i = 0; i < pids.size(); i++) {
        pids.addAll(children(pids.get(i)));
      }
    }
    return pids;
  }

  /**
   * The children of a process from /proc/PID/task/TID/children: a few small reads, where
   * ProcessHandle.descendants() reads the stat file of every process on the machine (100 ms on a busy one).
   */
  private List<Long> children(long parent) throws IOException {
    List<Long> children = new ArrayList<>();
    List<Path> tasks;
    try (Stream<Path> list = Files.list(Path.of("/proc", Long.toString(parent), "task"))) {
      tasks = list.toList();
    } catch (NoSuchFileException ended) {
      return children;
    }
    for (Path task : tasks) {
      Path file = task.resolve("children");
      if (!Files.exists(file)) {
        if (!Files.exists(task)) {
          continue;
        }
        // A kernel without CONFIG_PROC_CHILDREN: ask the JDK, which scans every process.
        ProcessHandle.of(parent).ifPresent(p -> p.children().forEach(child -> children.add(child.pid())));
        return children;
      }
      try {
        for (String child : Files.readString(file).strip().split("\\s+")) {
          if (!child.isEmpty()) {
            children.add(Long.parseLong(child));
          }
        }
      } catch (NoSuchFileException threadEnded) {
        // the thread ended between listing and reading
      }
    }
    return children;
  }

  /**
   * utime + stime in seconds, from a /proc/PID/stat line; for a tree also cutime + cstime, the time of children
   * that ended and were waited for (PostgreSQL's backends), so the tree's total does not drop when one ends.
   */
  static double cpuSeconds(String stat, boolean withEndedChildren) {
    // The command name (field 2) is in parentheses and may itself hold spaces or parentheses.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).strip().split(" ");
    // fields[0] is field 3 (state); utime is field 14, stime 15, cutime 16, cstime 17.
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    if (withEndedChildren) {
      ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }
    return ticks / TICKS_PER_SECOND;
  }

  /** The number after {@code key} in /proc/PID/status (kB for memory lines). */
  static double statusField(String status, String key) {
    for (String line : status.split("\n")) {
      if (line.startsWith(key)) {
        return Double.parseDouble(line.substring(key.length()).strip().split("\\s+")[0]);
      }
    }
    throw new IllegalArgumentException("no " + key + " line in /proc status");
  }

  private static long countFds(long p) throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(p), "fd"))) {
      return fds.count();
    }
  }
}
