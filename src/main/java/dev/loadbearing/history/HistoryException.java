package dev.loadbearing.history;

/** The history could not be read or written; the message says what failed and how to fix it. */
public final class HistoryException extends RuntimeException {
  public HistoryException(String message, Throwable cause) {
    super(message, cause);
  }

  public HistoryException(String message) {
    super(message);
  }
}
