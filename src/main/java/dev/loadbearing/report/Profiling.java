package dev.loadbearing.report;

import dev.loadbearing.telemetry.FlightRecording;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Locale;

/** The service's Flight Recording in the run folder (for JDK Mission Control) and its summary in the report. */
final class Profiling {
  private Profiling() {
  }

  static RunReport.Section section(Path jfr, Path runFolder, long loadStartedAt, PrintStream out) {
    if (!Files.isRegularFile(jfr)) {
      return new RunReport.Section("Profile of the service", "<p class=\"note\">No recording at " + Html.escape(
          jfr.toString()) + ": the service did not stop normally, so the JVM never dumped it.</p>");
    }
    try {
      Path kept = Files.copy(jfr, runFolder.resolve("service.jfr"), StandardCopyOption.REPLACE_EXISTING);
      out.println("Loadbearing profile: " + kept + " (open it in JDK Mission Control)");
      FlightRecording.Summary summary = FlightRecording.summarize(kept, Instant.ofEpochMilli(loadStartedAt));
      StringBuilder html = new StringBuilder("<p>").append(summary.executionSamples())
          .append(" execution samples over the load; the recording is <code>service.jfr</code> in this folder.</p>")
          .append("<table class=\"hot\"><tr><th>hottest method (self time)</th><th>samples</th><th>%</th></tr>");
      for (FlightRecording.HotMethod method : summary.hottestMethods()) {
        html.append("<tr><td><code>").append(Html.escape(method.method())).append("</code></td><td>")
            .append(method.samples()).append("</td><td>").append(percent(method.percent())).append("</td></tr>");
      }
      html.append("</table><table class=\"alloc\"><tr><th>allocation site</th><th>mostly</th><th>MB</th>"
          + "<th>%</th></tr>");
      for (FlightRecording.AllocationSite site : summary.allocationSites()) {
        html.append("<tr><td><code>").append(Html.escape(site.method())).append("</code></td><td>")
            .append(Html.escape(site.topClass())).append("</td><td>").append(percent(site.bytes() / 1e6))
            .append("</td><td>").append(percent(site.percent())).append("</td></tr>");
      }
      return new RunReport.Section("Profile of the service", html.append("</table>").toString());
    } catch (IOException | RuntimeException e) {
      return new RunReport.Section("Profile of the service", "<p class=\"note\">The recording could not be read: "
          + Html.escape(String.valueOf(e.getMessage())) + "</p>");
    }
  }

  private static String percent(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
