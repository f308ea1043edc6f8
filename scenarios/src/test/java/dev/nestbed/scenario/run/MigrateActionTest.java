package dev.nestbed.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.model.PrecopyModel;
import dev.nestbed.core.value.DataRate;
import dev.nestbed.core.value.TimeSpan;
import dev.nestbed.migration.GuestDowntime;
import dev.nestbed.migration.MigrationMode;
import dev.nestbed.migration.MigrationOptions;
import dev.nestbed.migration.MigrationResult;
import dev.nestbed.scenario.kind.Measure;
import dev.nestbed.scenario.kind.StepKinds;
import dev.nestbed.scenario.record.Metric;
import dev.nestbed.scenario.spec.Location;
import dev.nestbed.scenario.spec.MigrateStep;
import dev.nestbed.testing.MigrationResults;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The step's arguments become the migration's options; its result becomes the step's metrics. */
class MigrateActionTest {
  private static final Location AT = new Location("t.yaml", 1, 1);

  @Test
  void everyKnobOfTheStepReachesTheMigration() {
    MigrateStep step =
        new MigrateStep(
            "p1",
            "right",
            "postcopy",
            TimeSpan.parse("200ms"),
            DataRate.parse("64MiB/s"),
            2,
            3,
            null,
            Optional.of(TimeSpan.parse("1m")),
            AT);
    MigrationOptions options = new MigrateAction(step, Duration.ofSeconds(45)).options();
    assertEquals(MigrationMode.POSTCOPY, options.mode());
    assertEquals(Optional.of(Duration.ofMillis(200)), options.maxDowntime());
    assertEquals(Optional.of(DataRate.parse("64MiB/s")), options.bandwidth());
    assertEquals(2, options.connections());
    assertEquals(3, options.postcopyAfterIterations().getAsInt());
    assertEquals(Duration.ofSeconds(45), options.timeout());
  }

  @Test
  void anUnsetStepIsPlainPrecopyOverOneConnection() {
    MigrateStep step =
        new MigrateStep("p1", "right", null, null, null, null, null, null, Optional.empty(), AT);
    MigrationOptions options = new MigrateAction(step, Duration.ofMinutes(5)).options();
    assertEquals(MigrationMode.PRECOPY, options.mode());
    assertTrue(options.maxDowntime().isEmpty());
    assertTrue(options.bandwidth().isEmpty());
    assertEquals(1, options.connections());
  }

  @Test
  void anUnknownModeIsRefusedBeforeAnythingMoves() {
    MigrateStep step =
        new MigrateStep(
            "p1", "right", "teleport", null, null, null, null, null, Optional.empty(), AT);
    assertThrows(
        IllegalArgumentException.class,
        () -> new MigrateAction(step, Duration.ofMinutes(1)).options());
  }

  @Test
  void theMeasuredFiguresAndThePredictionAreRecordedSideBySide() {
    Map<String, Metric> m =
        MigrateAction.metrics(result(Optional.of(Duration.ofMillis(619)), OptionalLong.of(3)));
    assertEquals(new Metric(4755, "ms"), m.get("total-time"));
    assertEquals(new Metric(619, "ms"), m.get("downtime"));
    assertEquals(new Metric(659, "ms"), m.get("guest-downtime"));
    assertEquals(new Metric(3, "count"), m.get("iterations"));
    assertEquals(new Metric(1, "bool"), m.get("memory-intact"));
    assertEquals(new Metric(2, "count"), m.get("model.rounds"));
    assertEquals(new Metric(1000, "ms"), m.get("model.total-time"));
    assertFalse(m.containsKey("model.converges"));
  }

  @Test
  void whatLibvirtDidNotReportIsLeftOutNotRecordedAsZero() {
    Map<String, Metric> m = MigrateAction.metrics(result(Optional.empty(), OptionalLong.empty()));
    assertFalse(m.containsKey("downtime"));
    assertFalse(m.containsKey("iterations"));
    assertEquals(new Metric(659, "ms"), m.get("guest-downtime"));
  }

  @Test
  void everyFigureItRecordsIsOneTheMigrateKindDeclares() {
    Set<String> declared =
        StepKinds.MIGRATE.measures().stream().map(Measure::key).collect(Collectors.toSet());
    Map<String, Metric> m =
        MigrateAction.metrics(result(Optional.of(Duration.ofMillis(619)), OptionalLong.of(3)));
    assertTrue(declared.containsAll(m.keySet()), m.keySet() + " within " + declared);
    m.forEach(
        (name, metric) ->
            assertEquals(
                StepKinds.MIGRATE.measures().stream()
                    .filter(d -> d.key().equals(name))
                    .findFirst()
                    .orElseThrow()
                    .unit(),
                metric.unit(),
                name));
  }

  private static MigrationResult result(
      Optional<Duration> libvirtDowntime, OptionalLong iterations) {
    return MigrationResults.precopy()
        .total(Duration.ofMillis(4755), Duration.ofMillis(4700))
        .libvirtDowntime(libvirtDowntime)
        .guestDowntime(new GuestDowntime(Duration.ofMillis(659), 412, 0, 0, 480))
        .sent(118_400_000L, 268_435_456L)
        .iterations(iterations)
        .rates(4 * 1048576.0, 50 * 1048576.0)
        .model(
            100L << 20,
            PrecopyModel.predict(100L << 20, 32L << 20, 0, 100L << 20, Duration.ofMillis(300)))
        .build();
  }
}
