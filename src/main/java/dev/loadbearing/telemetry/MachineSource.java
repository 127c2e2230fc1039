package dev.loadbearing.telemetry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine from the first line of /proc/stat, over each interval: {@code machine.cpu_percent} (busy:
 * everything but idle and I/O wait), {@code machine.steal_percent} (time the hypervisor gave to others) and
 * {@code machine.iowait_percent}, each of all cores together (0–100).
 */
final class MachineSource implements Source {
  private final Path stat;
  private long[] last;

  MachineSource() {
    this(Path.of("/proc/stat"));
  }

  MachineSource(Path stat) {
    this.stat = stat;
  }

  @Override
  public String name() {
    return "machine";
  }

  @Override
  public void sample(Recorder out) throws IOException {
    long[] now = cpuLine(Files.readString(stat));
    if (last != null) {
      long total = sum(now) - sum(last);
      if (total > 0) {
        long idle = now[3] - last[3];
        long iowait = now[4] - last[4];
        long steal = now.length > 7 ? now[7] - last[7] : 0;
        out.record("machine.cpu_percent", percent(total - idle - iowait, total));
        out.record("machine.steal_percent", percent(steal, total));
        out.record("machine.iowait_percent", percent(iowait, total));
      }
    }
    last = now;
  }

  /** user nice system idle iowait irq softirq steal (guest time is already inside user). */
  static long[] cpuLine(String procStat) {
    String first = procStat.substring(0, procStat.indexOf('\n'));
    if (!first.startsWith("cpu ")) {
      throw new IllegalArgumentException("/proc/stat does not start with the cpu line: " + first);
    }
    String[] fields = first.substring(4).strip().split("\\s+");
    long[] values = new long[Math.min(8, fields.length)];
    for (int i = 0; i < values.length; i++) {
      values[i] = Long.parseLong(fields[i]);
    }
    return values;
  }

  private static long sum(long[] values) {
    long sum = 0;
    for (long v : values) {
      sum += v;
    }
    return sum;
  }

  private static double percent(long part, long total) {
    return Math.round(100_000.0 * part / total) / 1000.0;
  }
}
