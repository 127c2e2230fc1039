package dev.loadbearing.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The JVM source on this test JVM's own JMX beans. */
class JvmSourceTest {

  @Test
  void recordsHeapAndCountsACollectionWithTheHeapLeftAfterIt() throws Exception {
    JvmSource source = new JvmSource("injector");
    try {
      Recorded out = new Recorded();
      source.sample(out);
      double collections = out.get("injector.gc_count_total");
      System.gc();
      // GC notifications arrive on their own thread shortly after the collection.
      long deadline = System.currentTimeMillis() + 5_000;
      do {
        Thread.sleep(50);
        out.last.remove("injector.heap_after_gc_bytes");
        source.sample(out);
      } while (!out.last.containsKey("injector.heap_after_gc_bytes") && System.currentTimeMillis() < deadline);

      assertThat(out.get("injector.gc_count_total")).isGreaterThan(collections);
      assertThat(out.get("injector.gc_seconds_total")).isGreaterThanOrEqualTo(0);
      assertThat(out.get("injector.heap_after_gc_bytes")).isGreaterThan(0)
          .isLessThanOrEqualTo(out.get("injector.heap_committed_bytes"));
      assertThat(out.get("injector.heap_used_bytes")).isGreaterThan(0);
      assertThat(out.get("injector.heap_max_bytes")).isGreaterThanOrEqualTo(out.get("injector.heap_committed_bytes"));
    } finally {
      source.close();
    }
  }

  @Test
  void anIntervalWithoutCollectionRecordsNoHeapAfterGc() {
    JvmSource source = new JvmSource("injector");
    try {
      Recorded out = new Recorded();
      source.sample(out);
      // Another test thread may allocate: look for an interval in which no collection ran.
      for (int attempt = 0; attempt < 20; attempt++) {
        double before = out.get("injector.gc_count_total");
        out.last.remove("injector.heap_after_gc_bytes");
        source.sample(out);
        if (out.get("injector.gc_count_total") == before) {
          assertThat(out.last).doesNotContainKey("injector.heap_after_gc_bytes")
              .containsKey("injector.heap_used_bytes");
          return;
        }
      }
      throw new AssertionError("a collection ran in every one of 20 intervals");
    } finally {
      source.close();
    }
  }
}
