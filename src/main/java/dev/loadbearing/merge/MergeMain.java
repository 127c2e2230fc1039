package dev.loadbearing.merge;

import java.util.HashMap;
import java.util.Map;

/** {@code mvn exec:java@merge -Druns=...}: see {@link MergeCli}. */
public final class MergeMain {
  private MergeMain() {
  }

  public static void main(String[] args) {
    Map<String, String> properties = new HashMap<>();
    System.getProperties().forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
    int code;
    try {
      code = new MergeCli(System.out, System.err).run(properties);
    } catch (Throwable e) {
      // Out of memory or any other failure outside MergeCli's own handling: never exit 1 ("SLA broken").
      System.err.println("merge: internal error, no verdict: " + e);
      code = MergeCli.INPUT_ERROR;
    }
    System.exit(code);
  }
}
