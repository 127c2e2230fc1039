package dev.loadbearing.suite.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RendezvousTest {
  @TempDir
  Path folder;

  @Test
  void injectorsReadyAtDifferentTimesAgreeOnOneStartAfterTheLastIsReady() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<Instant>> starts = new ArrayList<>();
      Instant before = Instant.now();
      for (int i = 0; i < 3; i++) {
        int index = i;
        starts.add(pool.submit(() -> {
          Thread.sleep(300L * index);   // the third is ready 600 ms after the first
          return new Rendezvous(folder, 3, Clock.systemUTC()).meet(index, Duration.ofSeconds(30));
        }));
      }
      Instant agreed = starts.get(0).get();
      for (Future<Instant> start : starts) {
        assertThat(start.get()).isEqualTo(agreed);
      }
      assertThat(agreed).isAfterOrEqualTo(before.plusMillis(600).plus(Rendezvous.LEAD));
      assertThat(folder.resolve("start-at")).hasContent(agreed.toString());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anInjectorThatNeverComesIsNamedAfterThePatienceRunsOut() {
    assertThatThrownBy(() -> new Rendezvous(folder, 3, Clock.systemUTC()).meet(1, Duration.ofMillis(500)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("injector(s) [0, 2] of 3 not ready after 0 s");
    assertThat(folder.resolve("ready-1")).exists();
    assertThat(folder.resolve("start-at")).doesNotExist();
  }

  @Test
  void aStartFileThatIsNotATimeIsRefusedSayingSo() throws Exception {
    Files.writeString(folder.resolve("ready-0"), "x");
    Files.writeString(folder.resolve("start-at"), "garbage");
    assertThatThrownBy(() -> new Rendezvous(folder, 2, Clock.systemUTC()).meet(1, Duration.ofSeconds(5)))
        .hasMessageContaining("holds 'garbage', not a start time");
  }
}
