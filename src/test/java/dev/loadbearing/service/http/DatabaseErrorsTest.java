package dev.loadbearing.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

class DatabaseErrorsTest {

  @ParameterizedTest(name = "SQLSTATE {0} → {1} {2}")
  @CsvSource({
      "40P01, 409, transaction_conflict",
      "40001, 409, transaction_conflict",
      "55P03, 503, database_busy",
      "57014, 503, database_timeout",
      "57P01, 503, database_unavailable",
      "57P02, 503, database_unavailable",
      "57P03, 503, database_unavailable",
      "08006, 503, database_unavailable",
      "08001, 503, database_unavailable",
      "08003, 503, database_unavailable",
      "53300, 503, database_unavailable",
      "53100, 503, database_unavailable",
      "58030, 503, database_unavailable",
      "40003, 503, database_unavailable"})
  void everyDatabaseConditionALoadTestCanProvokeIsA409Or503WithRetryAfter(String state, int status, String code) {
    ApiException error = ErrorMapping.toApiException(new SQLException("from PostgreSQL", state));
    assertThat(error.status()).isEqualTo(status);
    assertThat(error.code()).isEqualTo(code);
    assertThat(error.headers()).containsEntry("Retry-After", "1");
  }

  @Test
  void aPoolTimeoutIsDatabaseBusy() {
    ApiException error = ErrorMapping.toApiException(new SQLTransientConnectionException(
        "loadbearing - Connection is not available, request timed out after 2000ms"));
    assertThat(error.status()).isEqualTo(503);
    assertThat(error.code()).isEqualTo("database_busy");
    assertThat(error.headers()).containsEntry("Retry-After", "1");
  }

  @Test
  void aReadTimeoutOfTheDriverIsDatabaseUnavailable() {
    PSQLException timedOut = new PSQLException("An I/O error occurred while sending to the backend.",
        PSQLState.CONNECTION_FAILURE, new SocketTimeoutException("Read timed out"));
    assertThat(ErrorMapping.toApiException(timedOut).code()).isEqualTo("database_unavailable");
    SQLException withoutState = new SQLException("connection reset", (String) null, new IOException("reset"));
    assertThat(ErrorMapping.toApiException(withoutState).code()).isEqualTo("database_unavailable");
  }

  @Test
  void aDatabaseFailureWrappedInAnotherExceptionIsStillFound() {
    RuntimeException wrapped = new IllegalStateException("while placing", new SQLException("deadlock", "40P01"));
    assertThat(ErrorMapping.toApiException(wrapped).status()).isEqualTo(409);
  }

  @Test
  void valuesTheClientSentStay400AndTrueBugsStay500() {
    assertThat(ErrorMapping.toApiException(new SQLException("out of range", "22003")).status()).isEqualTo(400);
    assertThat(ErrorMapping.toApiException(new SQLException("syntax error", "42601")).status()).isEqualTo(500);
  }
}
