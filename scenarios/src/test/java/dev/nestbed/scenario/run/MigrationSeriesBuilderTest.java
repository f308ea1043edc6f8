package dev.nestbed.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nestbed.core.libvirt.MigrationJobStats;
import dev.nestbed.core.model.MigrationPrediction;
import dev.nestbed.core.model.PrecopyModel;
import dev.nestbed.migration.GuestDowntime;
import dev.nestbed.migration.MigrationResult;
import dev.nestbed.migration.MigrationSample;
import dev.nestbed.scenario.record.TimeSeries;
import dev.nestbed.testing.MigrationResults;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What a migration leaves for its plot: every sample, a figure libvirt left out as a gap, the
 * model, the pause.
 */
class MigrationSeriesBuilderTest {
  private static final long MIB = 1L << 20;
  private static final long MS = 1_000_000;

  private final RunClock clock = new RunClock();
  private final long base = System.nanoTime();

  @Test
  void aFigureASampleLeftOutIsANullPointNotAZero() {
    Map<String, TimeSeries> s = byName(MigrationSeriesBuilder.sampled("p1", samples(), clock));

    assertEquals(Arrays.asList(100.0, null, 40.0), values(s.get("migration-remaining")));
    assertEquals(Arrays.asList(50.0, 55.5, null), values(s.get("migration-throughput")));
    assertEquals(List.of(1.0, 1.0, 2.0), values(s.get("migration-pass")));
    assertEquals(clock.toMs(base + 400 * MS), s.get("migration-remaining").points().get(1).atMs());
    assertEquals("MiB/s", s.get("migration-throughput").unit());
  }

  @Test
  void theModelsPassesAndBothDowntimesArePlacedOnTheRunsClock() {
    MigrationPrediction prediction =
        PrecopyModel.predict(256 * MIB, 256 * MIB, 16 * MIB, 64 * MIB, Duration.ofMillis(300));
    MigrationResult result =
        MigrationResults.precopy()
            .total(Duration.ofMillis(5_600), Duration.ofMillis(5_500))
            .libvirtDowntime(Optional.of(Duration.ofMillis(50)))
            .guestDowntime(new GuestDowntime(Duration.ofMillis(200), 40, base + 5_400 * MS, 0, 400))
            .sent(300 * MIB, 256 * MIB)
            .iterations(OptionalLong.of(3))
            .rates(16.0 * MIB, 64.0 * MIB)
            .model(256 * MIB, prediction)
            .samples(samples(), base)
            .build();

    Map<String, TimeSeries> s = byName(MigrationSeriesBuilder.of("p1", result, clock));

    long start = clock.toMs(base);
    assertEquals(
        List.of(
            new TimeSeries.Point(start, 256.0),
            new TimeSeries.Point(start + 4_000, 64.0),
            new TimeSeries.Point(start + 5_000, 16.0),
            new TimeSeries.Point(start + 5_250, 0.0)),
        s.get("migration-model-remaining").points());
    assertEquals(
        List.of(new TimeSeries.Point(clock.toMs(base + 5_400 * MS) - 200, 200.0)),
        s.get("migration-downtime-guest").points());
    assertEquals(
        List.of(new TimeSeries.Point(clock.toMs(base + 5_500 * MS) - 50, 50.0)),
        s.get("migration-downtime-libvirt").points());
  }

  private List<MigrationSample> samples() {
    return List.of(
        sample(200, OptionalLong.of(100 * MIB), OptionalLong.of(50 * MIB), 1),
        sample(400, OptionalLong.empty(), OptionalLong.of(55 * MIB + MIB / 2), 1),
        sample(600, OptionalLong.of(40 * MIB), OptionalLong.empty(), 2));
  }

  private MigrationSample sample(long atMs, OptionalLong remaining, OptionalLong bps, long pass) {
    OptionalLong none = OptionalLong.empty();
    return new MigrationSample(
        base + atMs * MS,
        new MigrationJobStats(
            MigrationJobStats.Phase.RUNNING,
            none,
            none,
            none,
            remaining,
            none,
            none,
            none,
            OptionalLong.of(pass),
            bps,
            none,
            none,
            none,
            none));
  }

  private static Map<String, TimeSeries> byName(List<TimeSeries> series) {
    return series.stream().collect(Collectors.toMap(TimeSeries::name, Function.identity()));
  }

  private static List<Double> values(TimeSeries s) {
    return s.points().stream().map(TimeSeries.Point::value).collect(Collectors.toList());
  }
}
