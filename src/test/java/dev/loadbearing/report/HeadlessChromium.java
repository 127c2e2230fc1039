package dev.loadbearing.report;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Debian's Chromium, headless, as a person's browser would open a page: the DOM it built and a screenshot. Shared
 * by every test of a page the project writes (report.html, compare.html).
 */
public final class HeadlessChromium {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private HeadlessChromium() {
  }

  /** Skips the test, saying why, where Chromium is missing. */
  public static void assumeInstalled() {
    assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed (apt-get install chromium); .ci/run "
        + "installs it");
  }

  /** The DOM after Chromium loaded and rendered {@code page}. */
  public static String dumpDom(Path page, Path profile) throws IOException, InterruptedException {
    return run(page, profile, null, "--dump-dom");
  }

  /** A page as Chromium loaded it: its DOM, and every line the page wrote to the browser console. */
  public record Loaded(String dom, List<String> console) {
  }

  /** The DOM and the console: a script error or a failed load shows up as a console line. */
  public static Loaded load(Path page, Path profile) throws IOException, InterruptedException {
    Path log = Files.createTempFile(profile.getParent(), "chromium", ".log");
    String dom = run(page, profile, log, "--dump-dom", "--enable-logging=stderr", "--v=0");
    // Chromium logs console messages as "[pid:tid:date:INFO:CONSOLE:line] "message", source: ...".
    return new Loaded(dom, Files.readAllLines(log, StandardCharsets.UTF_8).stream()
        .filter(line -> line.contains(":CONSOLE")).toList());
  }

  /** A PNG screenshot of {@code page} at the given window size. */
  public static Path screenshot(Path page, Path profile, Path png, int width, int height)
      throws IOException, InterruptedException {
    run(page, profile, null, "--screenshot=" + png, "--window-size=" + width + "," + height, "--hide-scrollbars");
    return png;
  }

  /** Keeps a screenshot for a person to look at, as target/loadbearing/{@code name}. */
  public static Path keep(Path png, String name) throws IOException {
    return Files.copy(png, Files.createDirectories(Path.of("target", "loadbearing")).resolve(name),
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** Pixels of the PNG within {@code tolerance} of {@code rgb} in each channel: did a colour get drawn. */
  public static long pixelsNear(Path png, int rgb, int tolerance) throws IOException {
    BufferedImage image = ImageIO.read(png.toFile());
    long near = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int pixel = image.getRGB(x, y) & 0xFFFFFF;
        if (Math.abs((pixel >> 16) - (rgb >> 16)) < tolerance
            && Math.abs(((pixel >> 8) & 0xFF) - ((rgb >> 8) & 0xFF)) < tolerance
            && Math.abs((pixel & 0xFF) - (rgb & 0xFF)) < tolerance) {
          near++;
        }
      }
    }
    return near;
  }

  /** How often {@code needle} occurs in {@code text}. */
  public static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  private static String run(Path page, Path profile, Path stderr, String... action)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run",
        "--disable-sync", "--user-data-dir=" + profile));
    command.addAll(List.of(action));
    command.add(page.toUri().toString());
    Path out = Files.createTempFile(profile.getParent(), "chromium", ".out");
    Process chromium = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(stderr == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stderr.toFile()))
        .start();
    if (!chromium.waitFor(60, TimeUnit.SECONDS)) {
      chromium.descendants().forEach(ProcessHandle::destroyForcibly);
      chromium.destroyForcibly();
      throw new IllegalStateException("Chromium did not finish with " + page + " within 60 s");
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
