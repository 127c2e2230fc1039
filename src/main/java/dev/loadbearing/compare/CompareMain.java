package dev.loadbearing.compare;

import java.util.HashMap;
import java.util.Map;

/** {@code mvn exec:java@compare -Dsimulation=Spike}: see {@link CompareOptions#USAGE}. */
public final class CompareMain {
  private CompareMain() {
  }

  public static void main(String[] args) {
    Map<String, String> properties = new HashMap<>();
    System.getProperties().forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
    int code;
    try {
      code = new CompareCli(System.out, System.err).run(properties, args);
    } catch (Throwable e) {
      // Out of memory or any other failure outside CompareCli's own handling: never exit 1 ("regression").
      System.err.println("compare: internal error, no verdict: " + e);
      code = CompareCli.INPUT_ERROR;
    }
    System.exit(code);
  }
}
