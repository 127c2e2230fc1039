package dev.loadbearing.compare;

/** Bad input for the comparator (missing, malformed or incompatible file, bad option): exit code 2. */
public final class InputException extends RuntimeException {
  public InputException(String message) {
    super(message);
  }
}
