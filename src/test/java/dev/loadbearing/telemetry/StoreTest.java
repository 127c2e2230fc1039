package dev.loadbearing.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreTest {

  @Test
  void aFullSeriesKeepsItsWholeSpanAtHalfTheResolution() {
    Store store = new Store(10, 8);
    for (int i = 0; i < 9; i++) {
      store.tick(1000L * i);
      store.record("s", i);
    }
    Series s = store.snapshot(0, 8000, 1000, 2).series().get("s");
    assertThat(s.time(0)).isEqualTo(0);
    assertThat(s.time(s.size() - 1)).isEqualTo(8000);
    assertThat(s.values()).containsExactly(0, 2, 4, 6, 8);
  }

  @Test
  void latestGivesEachSeriesItsLastValueForALiveScrape() {
    Store store = new Store(10, 8);
    for (int i = 0; i < 3; i++) {
      store.tick(1000L * i);
      store.record("service.cpu_cores", i * 0.5);
    }
    store.record("db.sessions{state=\"active\"}", 4);
    assertThat(store.latest()).containsExactlyInAnyOrderEntriesOf(
        Map.of("service.cpu_cores", 1.0, "db.sessions{state=\"active\"}", 4.0));
  }

  @Test
  void seriesBeyondTheCapAreDroppedWithOneNote() {
    Store store = new Store(2, 8);
    store.tick(1);
    for (String name : new String[] {"a", "b", "c", "d"}) {
      store.record(name, 1);
    }
    Telemetry t = store.snapshot(0, 1, 1000, 2);
    assertThat(t.series()).containsOnlyKeys("a", "b");
    assertThat(t.notes()).singleElement().asString().contains("More than 2 series").contains("first: c");
  }

  @Test
  void nonFiniteValuesAreNotRecordedAndNotesAreKeptOnce() {
    Store store = new Store(10, 8);
    store.tick(5);
    store.record("x", Double.NaN);
    store.record("x", Double.POSITIVE_INFINITY);
    store.record("y", 1.5);
    store.note("same");
    store.note("same");
    Telemetry t = store.snapshot(0, 5, 1000, 2);
    assertThat(t.series()).containsOnlyKeys("y");
    assertThat(t.notes()).containsExactly("same");
  }
}
