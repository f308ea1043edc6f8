package dev.nestbed.scenario.record;

import java.util.List;

/**
 * A measured quantity over time, for plots.
 *
 * @param name what is measured, e.g. "heartbeat-gap" or "migration-remaining"
 * @param subject whose it is, e.g. "p1"
 * @param unit the unit of {@link Point#value()}, e.g. "ms" or "MiB"
 * @param points in time order; {@link Point#atMs()} is milliseconds since the run started
 */
public record TimeSeries(String name, String subject, String unit, List<Point> points) {
  /** One sample. */
  public record Point(long atMs, double value) {}
}
