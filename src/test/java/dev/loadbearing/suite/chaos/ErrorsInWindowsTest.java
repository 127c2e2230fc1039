package dev.loadbearing.suite.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadbearing.suite.observe.ErrorResponses.ErrorResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorsInWindowsTest {
  private static final long ORIGIN = 1_000_000;
  /** A fault from 10 s to 15 s after the origin. */
  private static final List<FaultWindow> WINDOWS = List.of(new FaultWindow("stall", "database-stall", "stalled",
      ORIGIN + 10_000, ORIGIN + 10_000, ORIGIN + 15_000, null));

  private static ErrorResponse error(long sentAtSecond, long receivedAtSecond, int status, boolean retryAfter) {
    return new ErrorResponse(ORIGIN + sentAtSecond * 1000, ORIGIN + receivedAtSecond * 1000, status, retryAfter);
  }

  @Test
  void retryable503sInsideAWindowOrItsGracePass() {
    ErrorsInWindows judged = ErrorsInWindows.judge(List.of(error(11, 11, 503, true), error(9, 10, 503, true),
        error(16, 16, 503, true), error(12, 12, 429, true)), WINDOWS, 2000);
    assertThat(judged.inside()).isEqualTo(4);
    assertThat(judged.problem(ORIGIN)).isNull();
  }

  @Test
  void anErrorAfterTheGraceIsOutsideAndNamedWithItsTime() {
    ErrorsInWindows judged = ErrorsInWindows.judge(List.of(error(18, 18, 503, true), error(30, 30, 500, false)),
        WINDOWS, 2000);
    assertThat(judged.outside()).isEqualTo(2);
    assertThat(judged.problem(ORIGIN)).isEqualTo("2 error responses outside every fault window and its grace "
        + "(the first: 503 at 18.0 s)");
  }

  @Test
  void a500OrA503WithoutRetryAfterInsideAWindowFails() {
    ErrorsInWindows judged = ErrorsInWindows.judge(List.of(error(12, 12, 503, false), error(11, 11, 500, true)),
        WINDOWS, 0);
    assertThat(judged.notRetryable()).isEqualTo(2);
    assertThat(judged.problem(ORIGIN)).isEqualTo("2 5xx inside fault windows were not a 503 with Retry-After "
        + "(the first: 500 at 11.0 s)");
  }

  @Test
  void aFaultThatNeverBeganExcusesNothing() {
    List<FaultWindow> never = List.of(new FaultWindow("late", "database-stall", "stalled", ORIGIN, 0, 0, null));
    assertThat(ErrorsInWindows.judge(List.of(error(0, 0, 503, true)), never, 2000).outside()).isEqualTo(1);
  }
}
