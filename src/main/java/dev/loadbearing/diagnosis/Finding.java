package dev.loadbearing.diagnosis;

import java.util.Map;

/**
 * One conclusion with its evidence.
 *
 * @param rule           stable id, e.g. {@code pool-saturated} (the rules are listed in docs/DIAGNOSIS.md)
 * @param severity       how much it matters
 * @param title          one line for a person
 * @param evidence       the numbers behind it, in words
 * @param figures        the same numbers by name, for machines (stats.json, the report)
 * @param from           epoch ms: start of the time window the evidence covers
 * @param to             epoch ms: its end
 * @param recommendation what to do about it
 * @param weight         how much of the run it affected (0..1, e.g. the share of samples); orders findings
 *                       of the same severity
 */
public record Finding(String rule, Severity severity, String title, String evidence, Map<String, Double> figures,
                      long from, long to, String recommendation, double weight) {
  public Finding {
    figures = Map.copyOf(figures);
  }
}
