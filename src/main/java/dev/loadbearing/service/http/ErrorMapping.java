package dev.loadbearing.service.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.HttpString;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where exceptions become JSON errors. Anything unexpected is a logged 500, never a hang. */
public final class ErrorMapping {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);
  private static final String DATA_EXCEPTION = "22";
  private static final String NUMERIC_OUT_OF_RANGE = "22003";

  private ErrorMapping() {
  }

  public static ApiException toApiException(Throwable failure) {
    if (failure instanceof ApiException api) {
      return api;
    }
    if (failure instanceof RequestTooBigException || failure.getCause() instanceof RequestTooBigException) {
      return new ApiException(413, "body_too_large", "The request body is larger than the service accepts");
    }
    ApiException database = DatabaseErrors.toApiException(failure);
    if (database != null) {
      return database;
    }
    if (failure instanceof SQLException sql && sql.getSQLState() != null
        && sql.getSQLState().startsWith(DATA_EXCEPTION)) {
      // SQLSTATE class 22 is about values the client sent: a stock sum beyond the column, a NUL in a string.
      if (NUMERIC_OUT_OF_RANGE.equals(sql.getSQLState())) {
        return new ApiException(400, "out_of_range", "A number in the request is out of the range the service stores");
      }
      return new ApiException(400, "invalid_value", "A value in the request cannot be stored: " + sql.getMessage());
    }
    LOG.error("Unexpected failure", failure);
    return new ApiException(500, "internal_error",
        "The service failed unexpectedly: " + failure.getClass().getSimpleName());
  }

  public static void send(HttpServerExchange exchange, ApiException error) throws Exception {
    error.headers().forEach((name, value) -> exchange.getResponseHeaders().put(new HttpString(name), value));
    Json.write(exchange, error.status(), ErrorBody.of(error.code(), error.getMessage(), error.field()));
  }
}
