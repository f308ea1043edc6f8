package dev.nestbed.scenario.record;

import dev.nestbed.core.value.DataSize;

/** One measured number with its unit ("ms", "MiB", "count", ...). */
public record Metric(double value, String unit) {
  public static Metric millis(long ms) {
    return new Metric(ms, "ms");
  }

  /** A size in MiB, fractions kept. */
  public static Metric mib(DataSize size) {
    return new Metric(size.bytes() / (1024.0 * 1024), "MiB");
  }
}
