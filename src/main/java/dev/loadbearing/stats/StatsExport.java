package dev.loadbearing.stats;

/**
 * Writes {@code stats.json} into a run's Gatling results folder once Gatling has finished with it.
 * (Placeholder: the stats work fills this in.)
 */
public final class StatsExport {
  private StatsExport() {
  }

  /**
   * Called by a simulation while it is being built: when the Gatling JVM exits (after Gatling has
   * written simulation.log and its HTML report), finds this run's folder under {@code target/gatling} and
   * writes {@code stats.json} there, merging the run manifest written by the simulation.
   *
   * @param simulationClass the simulation's fully qualified class name
   * @param startedAt       epoch milliseconds taken when the simulation was built
   */
  public static void atExit(String simulationClass, long startedAt) {
    // implemented by the stats work
  }
}
