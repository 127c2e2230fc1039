package dev.loadbearing.diagnosis;

import static dev.loadbearing.diagnosis.SampleScan.firstTime;
import static dev.loadbearing.diagnosis.SampleScan.lastTime;
import static dev.loadbearing.diagnosis.SampleScan.share;
import static dev.loadbearing.diagnosis.SampleScan.shareOf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadbearing.telemetry.Series;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;

/** The rule {@code injector-saturated}: the load generator ran out of CPU, itself or because the machine was full. */
final class InjectorSaturation {
  static final String RULE = "injector-saturated";
  private static final String INJECTOR_SHARE = "injectorSaturatedShare";
  /** The title when Gatling itself was the bottleneck: the run measured the generator, and its grade is invalid. */
  static final String GENERATOR_SATURATED =
      "The load generator was saturated: this run measured Gatling's machine, not the target";
  static final String MACHINE_SATURATED = "The machine's CPU was saturated: the load generator queued behind the"
      + " target, so the latencies are partly Gatling's";

  private InjectorSaturation() {
  }

  static Optional<Finding> of(Window w, DiagnosisConfig c) {
    DiagnosisConfig.InjectorSaturated t = c.injectorSaturated();
    Optional<Series> injector = w.series("injector.cpu_cores");
    Optional<Series> machine = w.series("machine.cpu_percent");
    // Of the cores the injector may use: pinned (taskset) or in a container with a CPU limit, that is fewer than
    // the machine's, and it saturates well before the machine does.
    double injectorCores = w.series("injector.available_cores").map(s -> s.value(s.size() - 1))
        .filter(cores -> cores > 0).orElse((double) w.cores());
    double saturatedCores = t.injectorCpuShare() * injectorCores;
    // A sample where the injector was the bottleneck: it used most cores itself, or the machine was full and
    // the injector was what filled most of it (a light target such as nginx beside a busy Gatling).
    LongPredicate injectorBound = time -> {
      double cores = injector.map(s -> s.valueAt(time)).orElse(0.0);
      double busyCores = machine.map(s -> s.valueAt(time) / 100 * w.cores()).orElse(0.0);
      return cores >= saturatedCores || machine.map(s -> s.valueAt(time) >= t.machineCpuPercent()).orElse(false)
          && cores >= t.injectorShareOfBusy() * busyCores;
    };
    double injectorShare = injector.map(s -> shareOf(s, i -> injectorBound.test(s.time(i)))).orElse(0.0);
    double machineShare = machine.map(s -> share(s, v -> v >= t.machineCpuPercent())).orElse(0.0);
    if (Math.max(injectorShare, machineShare) < t.minTimeShare()) {
      return Optional.empty();
    }
    Map<String, Double> figures = new LinkedHashMap<>();
    List<String> evidence = new ArrayList<>();
    boolean byInjector = injectorShare >= t.minTimeShare();
    Series held = byInjector ? injector.orElseThrow() : machine.orElseThrow();
    if (byInjector) {
      evidence.add(String.format(Locale.ROOT, "the injector used ≥ %.2f cores (%.0f %% of the %.0f it may use), "
              + "or ≥ %.0f %% of a machine ≥ %.0f %% busy, in %.0f %% of samples (mean %.2f, max %.2f cores)",
          saturatedCores, 100 * t.injectorCpuShare(), injectorCores, 100 * t.injectorShareOfBusy(),
          t.machineCpuPercent(), 100 * injectorShare, held.mean(), held.max()));
    }
    machine.ifPresent(s -> {
      figures.put("machineCpuPercentMean", s.mean());
      figures.put("machineSaturatedShare", machineShare);
      evidence.add(String.format(Locale.ROOT, "the machine was ≥ %.0f %% busy in %.0f %% of samples (mean %.0f %%)",
          t.machineCpuPercent(), 100 * machineShare, s.mean()));
    });
    injector.ifPresent(s -> {
      figures.put("injectorCpuCoresMean", s.mean());
      figures.put("injectorCpuCoresMax", s.max());
      figures.put(INJECTOR_SHARE, injectorShare);
    });
    w.series("machine.steal_percent").filter(s -> s.mean() >= 1).ifPresent(s -> {
      figures.put("stealPercentMean", s.mean());
      evidence.add(String.format(Locale.ROOT, "the hypervisor stole %.1f %% of the CPU on average", s.mean()));
    });
    figures.put("cores", (double) w.cores());
    figures.put("injectorCores", injectorCores);
    LongPredicate condition = byInjector ? injectorBound : time -> held.valueAt(time) >= t.machineCpuPercent();
    return Optional.of(new Finding(RULE, Severity.CRITICAL, byInjector ? GENERATOR_SATURATED : MACHINE_SATURATED,
        capitalize(String.join("; ", evidence)) + ".", figures, firstTime(held, i -> condition.test(held.time(i))),
        lastTime(held, i -> condition.test(held.time(i))),
        "Do not compare or baseline this run. Lower the load, or give the injector its own machine or more cores;"
            + " then run again.", Math.max(injectorShare, machineShare)));
  }

  /**
   * Why {@code finding} makes the run invalid, when it says the run measured the load generator rather than the
   * target; empty for any other finding (a machine filled by the target leaves the run valid, though noisy).
   */
  static Optional<String> invalidates(Finding finding) {
    return measuredTheGenerator(finding.rule(), finding.title())
        ? Optional.of(invalidBecause(finding.figures().get(INJECTOR_SHARE))) : Optional.empty();
  }

  /** The same for a finding as stats.json holds it (files written before the grade was withheld). */
  static Optional<String> invalidates(JsonNode finding) {
    return measuredTheGenerator(finding.path("rule").asText(), finding.path("title").asText())
        ? Optional.of(invalidBecause(finding.path("figures").path(INJECTOR_SHARE).asDouble(Double.NaN)))
        : Optional.empty();
  }

  private static boolean measuredTheGenerator(String rule, String title) {
    return RULE.equals(rule) && GENERATOR_SATURATED.equals(title);
  }

  private static String invalidBecause(Double injectorShare) {
    String when = injectorShare == null || injectorShare.isNaN() ? ""
        : String.format(Locale.ROOT, " in %.0f %% of samples", 100 * injectorShare);
    return "the load generator was saturated" + when + ": this run measured Gatling's machine, not the target";
  }

  private static String capitalize(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
