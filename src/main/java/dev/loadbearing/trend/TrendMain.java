package dev.loadbearing.trend;

import java.util.HashMap;
import java.util.Map;

/** {@code mvn exec:java@trend -Dsimulation=Smoke}: see {@link TrendCli}. */
public final class TrendMain {
  private TrendMain() {
  }

  public static void main(String[] args) {
    Map<String, String> properties = new HashMap<>();
    System.getProperties().forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
    int code;
    try {
      code = new TrendCli(System.out, System.err).run(properties);
    } catch (RuntimeException | Error e) {
      System.err.println("trend: internal error, no page: " + e);
      code = TrendCli.INPUT_ERROR;
    }
    System.exit(code);
  }
}
