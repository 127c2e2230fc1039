package dev.loadbearing.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadbearing.launcher.ServiceProcess;
import dev.loadbearing.lifecycle.PidRegistry;
import dev.loadbearing.lifecycle.Processes;
import dev.loadbearing.service.db.Calls;
import dev.loadbearing.service.db.Traffic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Does each Chaos fault do what it says to the launched service, and does the service recover once it ends? Light
 * traffic from two clients (product pages and orders) runs while each fault is on for about 2.5 s; each test prints
 * what it measured (docs/FAULTS.md, "Live faults", quotes the figures). The last test closes the service and looks
 * for every postmaster it had.
 *
 * <pre>mvn -q -B verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ServiceFaultsIT</pre>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceFaultsIT {
  private static final String KEY = "lb-enterprise-1";
  private static final long FAULT_MILLIS = 2_500;
  /**
   * A stall is held longer: the calls caught inside the database when it stops wait out their read timeout (up to
   * 3 s, docs/API.md) before the calls that follow meet the health probe's verdict and fail at once.
   */
  private static final long STALL_MILLIS = 4_500;
  private static final long BEFORE_MILLIS = 1_500;
  private static final long AFTER_MILLIS = 3_000;
  /** From a fault's end to the first success, and to the last failure: the service's promise is 1-2 s. */
  private static final long RECOVERY_BOUND_MILLIS = 2_000;
  private static final int LATENCY_MS = 300;
  private static ServiceProcess service;
  private static ServiceFaults faults;
  private static Calls shop;
  private static Calls anonymous;
  private static long productId;
  /** Every postmaster the service had, to check none is left after close. */
  private static final Set<Long> postmasters = new TreeSet<>();

  @TempDir
  static Path logs;

  @BeforeAll
  static void startTheService() {
    // The multiplier keeps the rate limit out of every measurement.
    service = ServiceProcess.start(List.of("-Dseed.products=100", "-Ddb.pool-size=8", "-Dratelimit.multiplier=100"),
        logs.resolve("service.log"), Duration.ofSeconds(180));
    faults = new ServiceFaults(service);
    shop = new Calls(service.baseUrl(), KEY);
    anonymous = new Calls(service.baseUrl(), null);
    postmasters.add(service.databasePid().orElseThrow());
    Calls.Answer created = shop.post("POST /api/products", "/api/products", "{\"sku\":\"CHAOS-" + UUID.randomUUID()
        + "\",\"name\":\"Chaos test\",\"category\":\"garden\",\"priceCents\":100,\"stock\":1000000000}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    productId = created.id();
  }

  @AfterAll
  static void stopTheService() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  @Order(1)
  void aStalledDatabaseAnswers503WithRetryAfterOnlyWhileItIsStopped() throws Exception {
    Window stall = Window.run(faults.stallDatabase(), STALL_MILLIS, ServiceFaultsIT::mixedCall);
    List<Calls.Answer> late = stall.during(3_000);
    System.out.printf("Stall: %d calls 3 s into it, statuses %s, %d..%d ms%n", late.size(),
        late.stream().map(Calls.Answer::status).distinct().toList(),
        late.stream().mapToLong(Calls.Answer::millis).min().orElse(-1),
        late.stream().mapToLong(Calls.Answer::millis).max().orElse(-1));

    assertOnly2xxOr503WithRetryAfter(stall.answers);
    assertThat(stall.during(3_000)).as("calls 3 s into the stall").isNotEmpty()
        .allSatisfy(a -> assertThat(a.status()).as(a.toString()).isEqualTo(503));
    assertRecovered("stall", stall);
  }

  @Test
  @Order(2)
  void aRestartedDatabaseComesBackWithItsDataUnderANewPid() throws Exception {
    long before = service.databasePid().orElseThrow();
    Calls.Answer order = placeOrder();
    assertThat(order.status()).as(order.toString()).isEqualTo(201);

    Window restart = Window.run(faults.restartDatabase(), ServiceFaultsIT::mixedCall);
    long after = service.databasePid().orElseThrow();
    postmasters.add(after);
    Calls.Answer health = anonymous.get("/health");
    Calls.Answer readBack = shop.get("/api/orders/" + order.id());

    System.out.printf("Restart: postmaster %d → %d; /health %d at the fault's end; the order placed before: %d%n",
        before, after, health.status(), readBack.status());
    assertThat(after).as("the new postmaster's pid").isNotEqualTo(before);
    assertThat(ProcessHandle.of(before).filter(Processes::isRunning)).as("the old postmaster").isEmpty();
    assertThat(readBack.status()).as(readBack.toString()).isEqualTo(200);
    assertThat(readBack.id()).isEqualTo(order.id());
    assertThat(registeredPostgresPids()).as("the pid registry follows the new postmaster").contains(after)
        .doesNotContain(before);
    assertOnly2xxOr503WithRetryAfter(restart.answers);
    assertRecovered("restart", restart);
    awaitHealth200Within(Duration.ofSeconds(1));
  }

  @Test
  @Order(3)
  void droppedConnectionsCost503sAtMostAndTheServiceRecovers() throws Exception {
    Window drop = Window.run(faults.dropConnections(), ServiceFaultsIT::mixedCall);

    assertOnly2xxOr503WithRetryAfter(drop.answers);
    assertThat(drop.answers.stream().filter(a -> a.startedAt() > drop.began + 1_000_000_000L))
        .as("a second after the drop, all succeed").isNotEmpty().allSatisfy(a -> assertThat(a.ok()).isTrue());
    printRecovery("drop", drop);
  }

  @Test
  @Order(4)
  void addedDatabaseLatencyRaisesTheMedianByAboutItsMillisAndGoesAway() throws Exception {
    Window latency = Window.run(faults.databaseLatency(LATENCY_MS), ServiceFaultsIT::mixedCall);

    long before = median(latency.answers, a -> a.endedAt() < latency.began);
    long during = median(latency.during(0), a -> true);
    long after = median(latency.answers, a -> a.startedAt() > latency.ended);
    System.out.printf("Latency +%d ms: median %d ms before, %d ms during, %d ms after%n", LATENCY_MS, before, during,
        after);
    assertThat(latency.answers).allSatisfy(a -> assertThat(a.ok()).as(a.toString()).isTrue());
    assertThat(during - before).as("added to the median, ms").isBetween(LATENCY_MS - 20L, 3L * LATENCY_MS);
    assertThat(after - before).as("left on the median after, ms").isLessThan(LATENCY_MS / 3);
  }

  @Test
  @Order(5)
  void providerErrorsAtShareOneMakeTheAssistantAnswer503UntilTheyEnd() throws Exception {
    FaultAction errors = faults.providerErrors(1.0);
    errors.begin();
    List<Calls.Answer> during = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        during.add(chat());
      }
    } finally {
      errors.end();
    }
    Calls.Answer after = chat();

    System.out.printf("Provider errors 100 %%: %s; after: %s%n", during.stream().map(Calls.Answer::status).toList(),
        after);
    assertThat(during).allSatisfy(a -> {
      assertThat(a.status()).as(a.toString()).isEqualTo(503);
      assertThat(a.code()).isEqualTo("providers_exhausted");
      assertThat(a.retryAfter()).isEqualTo("1");
    });
    assertThat(after.status()).as(after.toString()).isEqualTo(200);
  }

  @Test
  @Order(6)
  void aBadFaultOrderIsRefusedWithTheServicesReason() {
    assertThatThrownBy(() -> service.applyFault("db-latency-ms", "-1")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The reference service refused 'fault db-latency-ms -1': invalid db-latency-ms '-1': expected a"
            + " whole number from 0 to 60000");
    assertThatThrownBy(() -> faults.providerErrors(0)).hasMessageContaining("above 0 and at most 1, not 0.0");
    assertThat(anonymous.get("/health").status()).isEqualTo(200);
  }

  @Test
  @Order(7)
  void closingTheServiceLeavesNoPostmasterEvenOneStoppedByAStall() throws Exception {
    // A run torn down mid-stall: close() must continue the database, or its shutdown would hang.
    faults.stallDatabase().begin();
    long started = System.nanoTime();
    service.close();
    long closeMillis = (System.nanoTime() - started) / 1_000_000;

    System.out.printf("close() during a stall took %d ms; postmasters %s%n", closeMillis, postmasters);
    assertThat(service.isAlive()).isFalse();
    assertThat(postmasters).hasSizeGreaterThanOrEqualTo(2).allSatisfy(pid ->
        assertThat(ProcessHandle.of(pid).filter(Processes::isRunning)).as("postmaster " + pid).isEmpty());
    assertThat(closeMillis).as("close() during a stall, ms").isLessThan(20_000);
  }

  /** Reads, a product page and orders, by turns. */
  private static Calls.Answer mixedCall(int i) {
    return switch (i % 3) {
      case 0 -> shop.get("/api/products?page=1&size=5");
      case 1 -> shop.get("/api/products/" + productId);
      default -> placeOrder();
    };
  }

  private static Calls.Answer placeOrder() {
    return shop.post("POST /api/orders", "/api/orders", "{\"items\":[{\"productId\":" + productId
        + ",\"quantity\":1}]}");
  }

  private static Calls.Answer chat() {
    return shop.post("POST /api/assistant/chat", "/api/assistant/chat", "{\"message\":\"What sells best?\"}");
  }

  private static void assertOnly2xxOr503WithRetryAfter(List<Calls.Answer> answers) {
    assertThat(answers).isNotEmpty().allSatisfy(a -> {
      assertThat(a.ok() || a.status() == 503).as(a.toString()).isTrue();
      if (a.status() == 503) {
        assertThat(a.retryAfter()).as(a.toString()).isNotBlank();
      }
    });
  }

  /** The first success after the fault's end, and the last failure: both within the bound of its end. */
  private static void assertRecovered(String fault, Window window) {
    long[] recovery = printRecovery(fault, window);
    assertThat(recovery[0]).as(fault + ": ms from the fault's end to the first success")
        .isLessThanOrEqualTo(RECOVERY_BOUND_MILLIS);
    assertThat(recovery[1]).as(fault + ": ms from the fault's end to the last failure")
        .isLessThanOrEqualTo(RECOVERY_BOUND_MILLIS);
  }

  /** Prints and returns {ms to the first success after the end, ms to the last failure after the end}. */
  private static long[] printRecovery(String fault, Window window) {
    long firstSuccess = window.answers.stream().filter(a -> a.ok() && a.endedAt() > window.ended)
        .mapToLong(Calls.Answer::endedAt).min().orElse(Long.MAX_VALUE);
    long lastFailure = window.answers.stream().filter(a -> !a.ok()).mapToLong(Calls.Answer::endedAt).max()
        .orElse(window.ended);
    long[] recovery = {millis(firstSuccess - window.ended), Math.max(0, millis(lastFailure - window.ended))};
    List<Long> failed = window.answers.stream().filter(a -> !a.ok()).map(Calls.Answer::millis).sorted().toList();
    System.out.printf("%s: %d calls, %d failed, answered in %s ms; begin() took %d ms, end() %d ms; first success"
            + " %d ms after end(), last failure %d ms after%n", fault, window.answers.size(), failed.size(),
        failed.isEmpty() ? "-" : failed.get(0) + ".." + failed.get(failed.size() - 1), window.beginMillis,
        window.endMillis, recovery[0], recovery[1]);
    return recovery;
  }

  private static long median(List<Calls.Answer> answers, Predicate<Calls.Answer> which) {
    List<Long> millis = answers.stream().filter(which).map(Calls.Answer::millis).sorted().toList();
    assertThat(millis).as("calls in the window").isNotEmpty();
    return millis.get(millis.size() / 2);
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }

  private static Set<Long> registeredPostgresPids() {
    Set<Long> pids = new TreeSet<>();
    PidRegistry.standard().entries().forEach(stored -> stored.entry()
        .filter(e -> e.kind().equals("postgres")).ifPresent(e -> pids.add(e.pid())));
    return pids;
  }

  private static void awaitHealth200Within(Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    Calls.Answer last;
    do {
      last = anonymous.get("/health");
      if (last.status() == 200) {
        return;
      }
      Traffic.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("/health did not answer 200 within " + bound + ": " + last);
  }

  /** Traffic before, during and after one fault; when begin() and end() returned ({@link System#nanoTime}). */
  private static final class Window {
    List<Calls.Answer> answers;
    long began;
    /** When end() was called: the fault may lift any time after. */
    long ending;
    long ended;
    long beginMillis;
    long endMillis;

    static Window run(FaultAction fault, Function<Integer, Calls.Answer> call) throws Exception {
      return run(fault, FAULT_MILLIS, call);
    }

    static Window run(FaultAction fault, long faultMillis, Function<Integer, Calls.Answer> call) throws Exception {
      Window window = new Window();
      Traffic traffic = Traffic.start("chaos-traffic", 2, 20, call);
      try {
        Traffic.sleep(BEFORE_MILLIS);
        long start = System.nanoTime();
        fault.begin();
        window.began = System.nanoTime();
        window.beginMillis = millis(window.began - start);
        try {
          Traffic.sleep(faultMillis);
        } finally {
          window.ending = System.nanoTime();
          fault.end();
          window.ended = System.nanoTime();
          window.endMillis = millis(window.ended - window.ending);
        }
        Traffic.sleep(AFTER_MILLIS);
      } finally {
        window.answers = traffic.stop();
      }
      return window;
    }

    /** Calls that started {@code afterMillis} into the fault and ended before end() was called. */
    List<Calls.Answer> during(long afterMillis) {
      return answers.stream().filter(a -> a.startedAt() > began + afterMillis * 1_000_000
          && a.endedAt() < ending).toList();
    }
  }
}
