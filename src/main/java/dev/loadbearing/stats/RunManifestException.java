package dev.loadbearing.stats;

import java.nio.file.Path;

/** A run manifest that cannot be used: not JSON, or a field missing, null or of the wrong kind (named). */
public final class RunManifestException extends RuntimeException {
  public RunManifestException(Path file, String problem) {
    super("run manifest " + file + ": " + problem);
  }
}
