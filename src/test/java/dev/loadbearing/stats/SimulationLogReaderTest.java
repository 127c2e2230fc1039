package dev.loadbearing.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadbearing.stats.SimulationLogReader.RunHeader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulationLogReaderTest {
  @TempDir
  Path dir;

  /** Records every callback as a line of text, to assert on the whole sequence at once. */
  private static final class Recorder implements SimulationLogReader.Listener {
    final List<String> events = new ArrayList<>();
    RunHeader header;

    @Override
    public void run(RunHeader h) {
      header = h;
    }

    @Override
    public void user(int scenario, boolean start, int timestamp) {
      events.add("user " + scenario + " " + (start ? "start" : "end") + " " + timestamp);
    }

    @Override
    public void request(List<String> groups, String name, int start, int end, boolean ok, String message) {
      events.add("request " + groups + " " + name + " " + start + "-" + end + " " + (ok ? "OK" : "KO")
          + " '" + message + "'");
    }

    @Override
    public void group(List<String> groups, int start, int end, int cumulated, boolean ok) {
      events.add("group " + groups + " " + start + "-" + end + " " + cumulated + " " + (ok ? "OK" : "KO"));
    }

    @Override
    public void error(String message, int timestamp) {
      events.add("error '" + message + "' " + timestamp);
    }
  }

  @Test
  void readsEveryRecordTypeWithCachedStringsGroupsAndUtf16Names() {
    Path log = dir.resolve("simulation.log");
    // Two opaque assertion blobs in the header, which the reader must skip.
    try (SimulationLogWriter w = new SimulationLogWriter(log, "3.15.1", "dev.x.ShopSimulation", 1_700_000_000_123L,
        List.of("Buyers", "Браузеры"), List.of(new byte[] {7, 8, 9}, new byte[0]))) {
      w.user(0, true, 0)
          .request(List.of("shop"), "GET /api/products", 5, 25, true, "")
          .request(List.of("shop", "checkout"), "POST /api/orders", 30, 80, false,
              "status.find.in(201), but actually 500")
          // Second use of every string: written as back-references into the cache.
          .request(List.of("shop", "checkout"), "POST /api/orders", 90, 95, false,
              "status.find.in(201), but actually 500")
          .group(List.of("shop", "checkout"), 30, 95, 55, false)
          .group(List.of("shop"), 5, 95, 75, false)
          .request(List.of(), "GET /api/商品", 100, 103, true, "")
          .error("j.n.ConnectException: Connection refused", 104)
          .user(0, false, 110);
    }
    Recorder recorder = new Recorder();
    RunHeader header = SimulationLogReader.read(log, recorder);

    assertThat(header).isEqualTo(
        new RunHeader("3.15.1", "dev.x.ShopSimulation", 1_700_000_000_123L, "", List.of("Buyers", "Браузеры")));
    assertThat(recorder.header).isEqualTo(header);
    assertThat(recorder.events).containsExactly(
        "user 0 start 0",
        "request [shop] GET /api/products 5-25 OK ''",
        "request [shop, checkout] POST /api/orders 30-80 KO 'status.find.in(201), but actually 500'",
        "request [shop, checkout] POST /api/orders 90-95 KO 'status.find.in(201), but actually 500'",
        "group [shop, checkout] 30-95 55 KO",
        "group [shop] 5-95 75 KO",
        "request [] GET /api/商品 100-103 OK ''",
        "error 'j.n.ConnectException: Connection refused' 104",
        "user 0 end 110");
  }

  @Test
  void readsOnlyTheHeaderWhenAskedFor() {
    Path log = dir.resolve("simulation.log");
    try (SimulationLogWriter w = new SimulationLogWriter(log, "dev.x.ASimulation", 42L, List.of("s"))) {
      w.user(0, true, 0);
    }
    assertThat(SimulationLogReader.readHeader(log).start()).isEqualTo(42L);
  }

  @Test
  void refusesATruncatedFileNamingTheFileAndTheOffset() throws Exception {
    Path log = dir.resolve("simulation.log");
    try (SimulationLogWriter w = new SimulationLogWriter(log, "dev.x.ShopSimulation", 1L, List.of("s"))) {
      w.user(0, true, 0).request(List.of("shop"), "GET /api/products", 5, 25, true, "");
    }
    byte[] all = Files.readAllBytes(log);
    Files.write(log, Arrays.copyOf(all, all.length - 3));
    assertThatThrownBy(() -> SimulationLogReader.read(log, new Recorder()))
        .isInstanceOf(SimulationLogException.class)
        .hasMessageContaining(log.toString())
        .hasMessageContaining("at byte " + (all.length - 4))
        .hasMessageContaining("truncated");
  }

  @Test
  void refusesALogFromAnotherGatlingVersion() {
    Path log = dir.resolve("simulation.log");
    new SimulationLogWriter(log, "3.14.9", "dev.x.ShopSimulation", 1L, List.of("s"), List.of()).close();
    assertThatThrownBy(() -> SimulationLogReader.read(log, new Recorder()))
        .isInstanceOf(SimulationLogException.class)
        .hasMessageContaining("written by Gatling '3.14.9'")
        .hasMessageContaining("only Gatling 3.15.1");
  }

  @Test
  void refusesAFileThatIsNotASimulationLog() throws Exception {
    Path text = dir.resolve("simulation.log");
    Files.writeString(text, "RUN\tdev.x.ShopSimulation\t2.3.1\n");
    assertThatThrownBy(() -> SimulationLogReader.read(text, new Recorder()))
        .isInstanceOf(SimulationLogException.class)
        .hasMessageContaining(text + " at byte 1")
        .hasMessageContaining("not a Gatling 3.15.1 simulation.log");
    Path empty = Files.write(dir.resolve("empty.log"), new byte[0]);
    assertThatThrownBy(() -> SimulationLogReader.read(empty, new Recorder())).hasMessageContaining("empty file");
  }

  @Test
  void refusesABackReferenceToAStringNeverWritten() throws Exception {
    Path log = dir.resolve("simulation.log");
    new SimulationLogWriter(log, "dev.x.ShopSimulation", 1L, List.of("s")).close();
    // A Request record: no groups, then name = reference to cache entry 7, which does not exist.
    byte[] record = {1, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xf9};
    Files.write(log, record, java.nio.file.StandardOpenOption.APPEND);
    assertThatThrownBy(() -> SimulationLogReader.read(log, new Recorder()))
        .hasMessageContaining("reference to string #7 that was never defined");
  }
}
