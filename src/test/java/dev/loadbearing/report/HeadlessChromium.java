package dev.loadbearing.report;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's Chromium, headless, as a person's browser would open a page: the DOM it built and a screenshot. */
final class HeadlessChromium {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private HeadlessChromium() {
  }

  static void assumeInstalled() {
    assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed (apt-get install chromium); .ci/run "
        + "installs it");
  }

  /** The DOM after Chromium loaded and rendered {@code page}. */
  static String dumpDom(Path page, Path profile) throws IOException, InterruptedException {
    return run(page, profile, "--dump-dom");
  }

  /** A PNG screenshot of {@code page} at the given window size. */
  static Path screenshot(Path page, Path profile, Path png, int width, int height)
      throws IOException, InterruptedException {
    run(page, profile, "--screenshot=" + png, "--window-size=" + width + "," + height, "--hide-scrollbars");
    return png;
  }

  private static String run(Path page, Path profile, String... action) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run",
        "--disable-sync", "--user-data-dir=" + profile));
    command.addAll(List.of(action));
    command.add(page.toUri().toString());
    Path out = Files.createTempFile(profile.getParent(), "chromium", ".out");
    Process chromium = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (!chromium.waitFor(60, TimeUnit.SECONDS)) {
      chromium.descendants().forEach(ProcessHandle::destroyForcibly);
      chromium.destroyForcibly();
      throw new IllegalStateException("Chromium did not finish with " + page + " within 60 s");
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
