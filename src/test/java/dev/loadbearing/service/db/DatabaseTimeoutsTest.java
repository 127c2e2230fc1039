package dev.loadbearing.service.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DatabaseTimeoutsTest {
  /** PostgreSQL's default, which a non-superuser cannot change for its own session. */
  private static final Duration DEADLOCK_TIMEOUT = Duration.ofSeconds(1);

  @Test
  void aBorrowGetsWhatIsLeftOfItsBudgetButNeverLessThanTheMinimum() {
    assertThat(DatabaseTimeouts.readTimeoutMillis(0)).isEqualTo(2_500);
    assertThat(DatabaseTimeouts.readTimeoutMillis(TimeUnit.MILLISECONDS.toNanos(1_500))).isEqualTo(1_000);
    assertThat(DatabaseTimeouts.readTimeoutMillis(TimeUnit.MILLISECONDS.toNanos(2_400))).isEqualTo(250);
    assertThat(DatabaseTimeouts.readTimeoutMillis(TimeUnit.SECONDS.toNanos(9))).isEqualTo(250);
  }

  @Test
  void theTimeoutsNestSoThatEachFailureIsNamedByTheRightOne() {
    // A deadlock is found (and retried) before the lock wait gives up.
    assertThat(DatabaseTimeouts.LOCK).isGreaterThan(DEADLOCK_TIMEOUT);
    // The server cancels a slow statement (the connection survives) before the client gives up on the socket.
    assertThat(DatabaseTimeouts.STATEMENT).isLessThan(DatabaseTimeouts.BORROW);
    assertThat(DatabaseTimeouts.LOCK).isLessThan(DatabaseTimeouts.STATEMENT);
    // A pool wait, its last validation and the least read time stay within the 3 s a request may take.
    assertThat(DatabaseTimeouts.POOL_WAIT.plus(DatabaseTimeouts.VALIDATION).plus(DatabaseTimeouts.MIN_READ))
        .isLessThanOrEqualTo(Duration.ofSeconds(3));
    assertThat(DatabaseTimeouts.BORROW.plus(DatabaseTimeouts.MIN_READ)).isLessThanOrEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void thePoolAsksTheServerForTheStatementAndLockTimeouts() {
    assertThat(DatabaseTimeouts.poolProperties().getProperty("options"))
        .isEqualTo("-c statement_timeout=2000 -c lock_timeout=1500");
    assertThat(DatabaseTimeouts.poolProperties().getProperty("socketTimeout")).isEqualTo("5");
  }
}
