package dev.nestbed.scenario.record;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A measured quantity over time, for plots.
 *
 * @param name what is measured, e.g. "heartbeat-gap" or "migration-remaining" (the migration's
 *     series are named in {@link MigrationSeries})
 * @param subject whose it is, e.g. "p1"
 * @param unit the unit of {@link Point#value()}, e.g. "ms" or "MiB"
 * @param points in time order; {@link Point#atMs()} is milliseconds since the run started
 */
public record TimeSeries(String name, String subject, String unit, List<Point> points) {
  /**
   * One sample.
   *
   * @param value the figure; null (JSON null) when the sample was taken but did not report it,
   *     which a plot shows as a gap, never as zero
   */
  public record Point(long atMs, @Nullable Double value) {
    /** A sample that did not report the figure. */
    public static Point missing(long atMs) {
      return new Point(atMs, null);
    }

    /** The value, or NaN when it was not reported. */
    public double valueOrNaN() {
      return value == null ? Double.NaN : value;
    }
  }
}
