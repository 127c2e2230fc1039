package dev.loadbearing.service.http;

import io.undertow.io.Receiver;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.channels.ReadTimeoutException;

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
    if (tooLarge(failure) || tooLarge(failure.getCause())) {
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

  /**
   * The refusal of a body that could not be read: 413 over the route's limit, 408 when the client stopped
   * sending (the read timeout has closed the connection, so it is only counted), else 400 (a broken chunk,
   * a connection cut mid-body).
   */
  public static ApiException unreadableBody(IOException failure) {
    if (tooLarge(failure) || tooLarge(failure.getCause())) {
      return toApiException(failure);
    }
    if (failure instanceof ReadTimeoutException || failure.getCause() instanceof ReadTimeoutException) {
      return new ApiException(408, "request_timeout", "The request body stopped arriving; the connection is closed");
    }
    return new ApiException(400, "unreadable_body", "The request body could not be read: " + failure.getMessage());
  }

  /**
   * Writes the error as JSON when the response can still be sent; when it cannot (the response is under way,
   * or the connection is gone after a timeout or a broken chunk) the connection is closed, which is all a
   * client can still be told.
   */
  public static void send(HttpServerExchange exchange, ApiException error) {
    if (exchange.isResponseStarted() || !exchange.getConnection().isOpen()) {
      LOG.debug("Not sent, the connection is gone or answered already: {} {}", error.status(), error.code());
      IoUtils.safeClose(exchange.getConnection());
      return;
    }
    try {
      error.headers().forEach((name, value) -> exchange.getResponseHeaders().put(new HttpString(name), value));
      Json.write(exchange, error.status(), ErrorBody.of(error.code(), error.getMessage(), error.field()));
    } catch (IOException | RuntimeException unsendable) {
      LOG.debug("Could not send {} {}: {}", error.status(), error.code(), unsendable.toString());
      IoUtils.safeClose(exchange.getConnection());
    }
  }

  private static boolean tooLarge(Throwable failure) {
    return failure instanceof RequestTooBigException || failure instanceof Receiver.RequestToLargeException;
  }
}
