package dev.nestbed.scenario.record;

/** One measured number with its unit ("ms", "MiB", "count", ...). */
public record Metric(double value, String unit) {
  public static Metric millis(long ms) {
    return new Metric(ms, "ms");
  }
}
