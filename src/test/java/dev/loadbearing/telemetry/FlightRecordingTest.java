package dev.loadbearing.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recording of this JVM doing known work: the summary names the method that spun and the one that allocated. */
class FlightRecordingTest {
  private static volatile long sink;
  private static volatile long[] kept;

  @TempDir
  Path folder;

  @Test
  void namesTheMethodThatSpunAndTheOneThatAllocated() throws Exception {
    Path jfr = folder.resolve("test.jfr");
    try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
      recording.start();
      spin(1_500);
      allocate(700);
      recording.stop();
      recording.dump(jfr);
    }

    FlightRecording.Summary summary = FlightRecording.summarize(jfr);

    assertThat(summary.executionSamples()).isPositive();
    assertThat(summary.hottestMethods()).hasSizeLessThanOrEqualTo(FlightRecording.TOP);
    assertThat(summary.hottestMethods().get(0).method()).isEqualTo(FlightRecordingTest.class.getName() + ".spin");
    assertThat(summary.hottestMethods().get(0).percent()).isGreaterThan(30);
    assertThat(summary.allocationSites()).anySatisfy(site -> {
      assertThat(site.method()).isEqualTo(FlightRecordingTest.class.getName() + ".allocate");
      assertThat(site.topClass()).isEqualTo("long[]");
      assertThat(site.bytes()).isGreaterThan(1_000_000);
    });
    assertThat(summary.allocatedBytes()).isGreaterThanOrEqualTo(summary.allocationSites().get(0).bytes());
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    FlightRecording.print(summary, new PrintStream(printed, true, StandardCharsets.UTF_8));
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Hottest methods", "FlightRecordingTest.spin",
        "Allocation sites", "FlightRecordingTest.allocate");
  }

  @Test
  void writesArrayTypesAsInCode() {
    assertThat(FlightRecording.javaName("[J")).isEqualTo("long[]");
    assertThat(FlightRecording.javaName("[[B")).isEqualTo("byte[][]");
    assertThat(FlightRecording.javaName("[Ljava.lang.String;")).isEqualTo("java.lang.String[]");
    assertThat(FlightRecording.javaName("java.util.ArrayList")).isEqualTo("java.util.ArrayList");
  }

  private static void spin(long millis) {
    long until = System.nanoTime() + millis * 1_000_000;
    long x = 1;
    while (System.nanoTime() < until) {
      for (int i = 0; i < 10_000; i++) {
        x = x * 6364136223846793005L + 1442695040888963407L;
      }
    }
    sink = x;
  }

  private static void allocate(long millis) {
    long until = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() < until) {
      kept = new long[4096];
    }
  }
}
