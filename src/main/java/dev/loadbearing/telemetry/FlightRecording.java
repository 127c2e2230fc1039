package dev.loadbearing.telemetry;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a JDK Flight Recorder file of the service says about CPU and allocation: the methods most often on top
 * of the stack ({@code jdk.ExecutionSample}, self time) and the sites that allocated the most
 * ({@code jdk.ObjectAllocationSample}, by its weight in bytes). The file itself stays for JDK Mission Control.
 *
 * <pre>
 * java -cp target/classes dev.loadbearing.telemetry.FlightRecording target/loadbearing/service-....jfr
 * </pre>
 */
public final class FlightRecording {
  /** How many methods and sites a summary lists. */
  public static final int TOP = 10;
  private static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";
  private static final String ALLOCATION_SAMPLE = "jdk.ObjectAllocationSample";
  private static final String UNKNOWN = "(no stack)";
  /** Largest first; equal ones by name, so that a summary is the same every time it is read. */
  private static final Comparator<Map.Entry<String, Long>> BY_VALUE_THEN_NAME =
      Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());

  private FlightRecording() {
  }

  /**
   * @param duration         from the first to the last sample counted
   * @param executionSamples all stack samples of threads running Java code
   * @param hottestMethods   the top {@value #TOP} methods by samples with the method on top of the stack
   * @param allocatedBytes   all sampled allocation, by weight: an estimate of what was allocated in the recording
   * @param allocationSites  the top {@value #TOP} methods by bytes allocated directly in them
   */
  public record Summary(Duration duration, long executionSamples, List<HotMethod> hottestMethods,
                        long allocatedBytes, List<AllocationSite> allocationSites) {
  }

  /** A method by its samples on top of the stack; {@code percent} of all execution samples. */
  public record HotMethod(String method, long samples, double percent) {
  }

  /** A method by the bytes allocated in it; {@code topClass} is what it allocated most, by weight. */
  public record AllocationSite(String method, String topClass, long bytes, double percent) {
  }

  /** The whole recording, start-up included; reads the file once (a 1-hour soak's recording in seconds). */
  public static Summary summarize(Path jfr) throws IOException {
    return summarize(jfr, Instant.MIN);
  }

  /**
   * Only what happened from {@code since} on: pass the moment the load began to leave out the service's
   * start-up (class loading, seeding), which otherwise tops the allocation sites of a short run.
   */
  public static Summary summarize(Path jfr, Instant since) throws IOException {
    Map<String, Long> samples = new HashMap<>();
    Map<String, Map<String, Long>> allocations = new HashMap<>();
    Instant first = null;
    Instant last = null;
    try (RecordingFile file = new RecordingFile(jfr)) {
      while (file.hasMoreEvents()) {
        RecordedEvent event = file.readEvent();
        String type = event.getEventType().getName();
        boolean sample = type.equals(EXECUTION_SAMPLE) || type.equals(ALLOCATION_SAMPLE);
        if (!sample || event.getStartTime().isBefore(since)) {
          continue;
        }
        if (first == null || event.getStartTime().isBefore(first)) {
          first = event.getStartTime();
        }
        if (last == null || event.getEndTime().isAfter(last)) {
          last = event.getEndTime();
        }
        if (type.equals(EXECUTION_SAMPLE)) {
          samples.merge(topFrame(event), 1L, Long::sum);
        } else if (type.equals(ALLOCATION_SAMPLE)) {
          String objectClass = event.getClass("objectClass") == null ? "?"
              : javaName(event.getClass("objectClass").getName());
          allocations.computeIfAbsent(topFrame(event), site -> new HashMap<>())
              .merge(objectClass, event.getLong("weight"), Long::sum);
        }
      }
    }
    long allSamples = samples.values().stream().mapToLong(Long::longValue).sum();
    List<HotMethod> hottest = samples.entrySet().stream().sorted(BY_VALUE_THEN_NAME).limit(TOP)
        .map(e -> new HotMethod(e.getKey(), e.getValue(), percent(e.getValue(), allSamples))).toList();
    long allBytes = allocations.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    List<AllocationSite> sites = allocations.entrySet().stream()
        .map(e -> site(e.getKey(), e.getValue(), allBytes))
        .sorted(Comparator.comparingLong(AllocationSite::bytes).reversed().thenComparing(AllocationSite::method))
        .limit(TOP).toList();
    Duration duration = first == null ? Duration.ZERO : Duration.between(first, last);
    return new Summary(duration, allSamples, hottest, allBytes, sites);
  }

  /** Prints a summary as two short tables. */
  public static void print(Summary summary, PrintStream out) {
    out.printf(Locale.ROOT, "Hottest methods (%d samples in %d s, self time):%n", summary.executionSamples(),
        summary.duration().toSeconds());
    summary.hottestMethods().forEach(m -> out.printf(Locale.ROOT, "  %5.1f %%  %6d  %s%n", m.percent(), m.samples(),
        m.method()));
    out.printf(Locale.ROOT, "Allocation sites (%.1f MB sampled by weight):%n", summary.allocatedBytes() / 1e6);
    summary.allocationSites().forEach(s -> out.printf(Locale.ROOT, "  %5.1f %%  %9.1f MB  %s  (mostly %s)%n",
        s.percent(), s.bytes() / 1e6, s.method(), s.topClass()));
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("Usage: FlightRecording <file.jfr>");
      System.exit(2);
    }
    print(summarize(Path.of(args[0])), System.out);
  }

  private static AllocationSite site(String method, Map<String, Long> byClass, long allBytes) {
    long bytes = byClass.values().stream().mapToLong(Long::longValue).sum();
    String topClass = byClass.entrySet().stream().sorted(BY_VALUE_THEN_NAME).map(Map.Entry::getKey)
        .findFirst().orElse("?");
    return new AllocationSite(method, topClass, bytes, percent(bytes, allBytes));
  }

  /** {@code dev.loadbearing.service.faults.Faults.burnCpu}: the method on top of the event's stack. */
  private static String topFrame(RecordedEvent event) {
    if (event.getStackTrace() == null || event.getStackTrace().getFrames().isEmpty()) {
      return UNKNOWN;
    }
    RecordedFrame top = event.getStackTrace().getFrames().get(0);
    RecordedMethod method = top.getMethod();
    return method == null ? UNKNOWN : method.getType().getName() + "." + method.getName();
  }

  /** {@code [J} → {@code long[]}, {@code [Ljava.lang.String;} → {@code java.lang.String[]}: names as in code. */
  static String javaName(String binaryName) {
    int dimensions = 0;
    while (dimensions < binaryName.length() && binaryName.charAt(dimensions) == '[') {
      dimensions++;
    }
    if (dimensions == 0) {
      return binaryName;
    }
    String element = binaryName.substring(dimensions);
    String type = switch (element) {
      case "Z" -> "boolean";
      case "B" -> "byte";
      case "C" -> "char";
      case "S" -> "short";
      case "I" -> "int";
      case "J" -> "long";
      case "F" -> "float";
      case "D" -> "double";
      default -> element.startsWith("L") && element.endsWith(";") ? element.substring(1, element.length() - 1)
          : element;
    };
    return type + "[]".repeat(dimensions);
  }

  private static double percent(long part, long whole) {
    return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 10.0;
  }
}
