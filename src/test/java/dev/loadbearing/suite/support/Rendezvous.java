package dev.loadbearing.suite.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The common start of a split run, agreed by its injectors in a folder they share ({@code -Dstart.rendezvous}).
 * Each says it is ready once its JVM is up, its simulation built and its target reachable ({@code ready-<i>});
 * once all N are, the first to see it writes a start a few seconds ahead ({@code start-at}) and all wait for it.
 * A start fixed before the injectors launch has to guess how long Maven, the JVM and Gatling take to come up (80 s
 * on a busy 2-core machine, against 20 s idle); agreeing once all are ready guesses nothing.
 */
final class Rendezvous {
  /** From agreeing to loading: enough for every injector, polling, to read the start, on a shared volume too. */
  static final Duration LEAD = Duration.ofSeconds(5);
  private static final long POLL_MILLIS = 200;

  private final Path folder;
  private final int injectors;
  private final Clock clock;

  Rendezvous(Path folder, int injectors, Clock clock) {
    this.folder = folder;
    this.injectors = injectors;
    this.clock = clock;
  }

  /**
   * Says this injector is ready, waits at most {@code patience} for the others, and returns the agreed start.
   * Throws naming the injectors that never came.
   */
  Instant meet(int index, Duration patience) {
    try {
      Files.createDirectories(folder);
      Files.writeString(folder.resolve("ready-" + index), clock.instant() + "\n", StandardCharsets.UTF_8);
      Instant giveUp = clock.instant().plus(patience);
      List<Integer> missing = missing();
      while (!missing.isEmpty()) {
        if (clock.instant().isAfter(giveUp)) {
          throw new IllegalStateException("start.rendezvous " + folder + ": injector(s) " + missing + " of "
              + injectors + " not ready after " + patience.toSeconds() + " s; see their logs, then start the run "
              + "again with a new run id");
        }
        pause();
        missing = missing();
      }
      propose();
      return agreed();
    } catch (IOException e) {
      throw new UncheckedIOException("start.rendezvous " + folder + ": " + e.getMessage(), e);
    }
  }

  private List<Integer> missing() {
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < injectors; i++) {
      if (!Files.exists(folder.resolve("ready-" + i))) {
        missing.add(i);
      }
    }
    return missing;
  }

  /** Writes the start unless another injector did first: creating the file is atomic, even on a shared volume. */
  private void propose() throws IOException {
    try {
      Files.writeString(folder.resolve("start-at"), clock.instant().plus(LEAD) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException anotherWasFirst) {
      // Its start holds for everyone.
    }
  }

  /** The start in the file; read again while its writer has created it but not yet written it. */
  private Instant agreed() throws IOException {
    Path file = folder.resolve("start-at");
    for (int attempt = 0; ; attempt++) {
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException incomplete) {
        if (attempt * POLL_MILLIS > LEAD.toMillis()) {
          throw new IllegalStateException("start.rendezvous " + file + " holds '" + text + "', not a start time; "
              + "was the folder used by another run? Start again with a new run id");
        }
        pause();
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting at the start rendezvous", e);
    }
  }
}
