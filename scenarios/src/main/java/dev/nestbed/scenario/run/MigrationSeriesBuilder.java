package dev.nestbed.scenario.run;

import dev.nestbed.core.libvirt.MigrationJobStats;
import dev.nestbed.core.model.MigrationPrediction;
import dev.nestbed.migration.GuestDowntime;
import dev.nestbed.migration.MigrationResult;
import dev.nestbed.migration.MigrationSample;
import dev.nestbed.scenario.record.MigrationSeries;
import dev.nestbed.scenario.record.TimeSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Turns one migration into the series of {@link MigrationSeries}, on the run's clock: what each job
 * sample reported (a figure it left out stays out, as a null point, never a zero), the model's
 * passes, and where the guest was paused.
 */
final class MigrationSeriesBuilder {
  private static final double MIB = 1024.0 * 1024;

  private MigrationSeriesBuilder() {}

  /** The sampled series: remaining memory, throughput and pass, one point per sample. */
  static List<TimeSeries> sampled(String partition, List<MigrationSample> samples, RunClock clock) {
    return List.of(
        sampled(
            MigrationSeries.REMAINING,
            partition,
            "MiB",
            samples,
            clock,
            MigrationJobStats::memoryRemaining,
            MIB),
        sampled(
            MigrationSeries.THROUGHPUT,
            partition,
            "MiB/s",
            samples,
            clock,
            MigrationJobStats::bandwidthBytesPerSecond,
            MIB),
        sampled(
            MigrationSeries.PASS,
            partition,
            "count",
            samples,
            clock,
            MigrationJobStats::iteration,
            1));
  }

  /** The sampled series, then the model's curve and the downtime windows that were measured. */
  static List<TimeSeries> of(String partition, MigrationResult result, RunClock clock) {
    List<TimeSeries> all = new ArrayList<>(sampled(partition, result.samples(), clock));
    all.add(model(partition, result, clock));
    GuestDowntime gap = result.guestDowntime();
    if (gap.gapEndsAtNanos() != 0 && !gap.largestGap().isZero()) {
      long endMs = clock.toMs(gap.gapEndsAtNanos());
      all.add(
          window(MigrationSeries.DOWNTIME_GUEST, partition, endMs, gap.largestGap().toMillis()));
    }
    result
        .libvirtDowntime()
        .ifPresent(
            d -> {
              long jobEndNanos =
                  result.startedNanos()
                      + Math.min(result.libvirtTotal().toNanos(), result.total().toNanos());
              all.add(
                  window(
                      MigrationSeries.DOWNTIME_LIBVIRT,
                      partition,
                      clock.toMs(jobEndNanos),
                      d.toMillis()));
            });
    return all;
  }

  /** V(i) where the model's pass i begins, then 0 where it ends (when it does). */
  private static TimeSeries model(String partition, MigrationResult result, RunClock clock) {
    long startMs = clock.toMs(result.startedNanos());
    MigrationPrediction prediction = result.prediction();
    List<TimeSeries.Point> points = new ArrayList<>();
    for (MigrationPrediction.Pass pass : prediction.passes()) {
      points.add(new TimeSeries.Point(startMs + pass.start().toMillis(), mib(pass.bytes(), MIB)));
    }
    if (prediction.converges()) {
      points.add(new TimeSeries.Point(startMs + prediction.total().toMillis(), 0.0));
    }
    return new TimeSeries(MigrationSeries.MODEL_REMAINING, partition, "MiB", points);
  }

  private static TimeSeries window(String name, String partition, long endMs, long lengthMs) {
    return new TimeSeries(
        name, partition, "ms", List.of(new TimeSeries.Point(endMs - lengthMs, (double) lengthMs)));
  }

  private static TimeSeries sampled(
      String name,
      String partition,
      String unit,
      List<MigrationSample> samples,
      RunClock clock,
      Function<MigrationJobStats, OptionalLong> field,
      double per) {
    List<TimeSeries.Point> points = new ArrayList<>(samples.size());
    for (MigrationSample s : samples) {
      OptionalLong value = field.apply(s.stats());
      long atMs = clock.toMs(s.hostNanos());
      points.add(
          value.isPresent()
              ? new TimeSeries.Point(atMs, mib(value.getAsLong(), per))
              : TimeSeries.Point.missing(atMs));
    }
    return new TimeSeries(name, partition, unit, points);
  }

  /** {@code value / per}, to a tenth. */
  private static double mib(long value, double per) {
    return Math.round(value / per * 10) / 10.0;
  }
}
