package dev.loadbearing.merge;

/** Parts that cannot be merged, or a bad option: one line naming what is wrong; exit code 2. */
public final class MergeException extends RuntimeException {
  public MergeException(String message) {
    super(message);
  }
}
