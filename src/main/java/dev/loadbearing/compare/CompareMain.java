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
    System.exit(new CompareCli(System.out, System.err).run(properties, args));
  }
}
