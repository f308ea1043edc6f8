package dev.nestbed.scenario.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.model.OperationCalibration;
import dev.nestbed.core.model.Provenance;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.scenario.record.Metric;
import dev.nestbed.scenario.record.Outcome;
import dev.nestbed.scenario.record.RunRecord;
import dev.nestbed.scenario.record.StepRecord;
import dev.nestbed.scenario.record.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CalibratingTest {
  private static final Provenance HERE = new Provenance("test host", "today", "by hand", "none");
  private static final double MIB = 1 << 20;

  @Test
  void eachConstantIsTheMedianOfItsStepMetricOverTheRuns() {
    List<RunRecord> host =
        List.of(
            hostRun(500, 2500, 400, 550, 900, 200),
            hostRun(700, 3500, 600, 450, 1100, 100),
            hostRun(600, 3000, 500, 500, 1000, 150));

    OperationCalibration c =
        Calibrating.from(host, List.of(), OperationCalibration.MEASURED_HERE, HERE);

    assertEquals(Duration.ofMillis(600), c.start());
    assertEquals(Duration.ofSeconds(3), c.firstHeartbeat());
    assertEquals(Duration.ofMillis(500), c.vcpuHotplug());
    assertEquals(512 * MIB / 0.5, c.memoryPlugBytesPerSecond(), 1e-6);
    assertEquals(512 * MIB / 1.0, c.memoryUnplugBytesPerSecond(), 1e-6);
    assertEquals(Duration.ofMillis(150), c.balloon());
    // the idle migration: 1000 ms, 80 ms down, 82 MiB at 205 MiB/s (400 ms of copying)
    assertEquals(Duration.ofMillis(80), c.migration().switchover());
    assertEquals(Duration.ofMillis(520), c.migration().setup());
    assertEquals(DataSize.ofMiB(66), c.guestFootprint());
    // nothing nested was run: the default's figures, as the provenance of the file says
    assertEquals(OperationCalibration.MEASURED_HERE.nodeJoin(), c.nodeJoin());
    assertEquals(HERE, c.provenance());
  }

  @Test
  void nestedRunsGiveMembershipAndMovesAndAStepThatFailedGivesNothing() {
    RunRecord failed = nestedRun(5000, 5000, 9000, 9000, 9000, 9000);
    List<StepRecord> steps = new ArrayList<>(failed.steps());
    StepRecord join = steps.get(2);
    steps.set(2, withOutcome(join, Outcome.FAILED));
    RunRecord partlyFailed = withSteps(failed, steps);

    OperationCalibration c =
        Calibrating.from(
            List.of(hostRun(600, 3000, 500, 500, 1000, 150)),
            List.of(nestedRun(700, 900, 2000, 3000, 400, 500), partlyFailed),
            OperationCalibration.MEASURED_HERE,
            HERE);

    assertEquals(Duration.ofMillis(700), c.nodeJoin());
    assertEquals(Duration.ofMillis((900 + 5000) / 2), c.nodeLeave());
    // moves of 192 MiB: median of 2000, 3000, 9000, 9000 ms
    assertEquals(192 * MIB / 6.0, c.movePageBytesPerSecond(), 1e-6);
    assertEquals(Duration.ofMillis((500 + 9000) / 2), c.moveGuestDowntime());
  }

  @Test
  void aFigureNoRunGaveIsRefusedNotGuessed() {
    RunRecord run = hostRun(600, 3000, 500, 500, 1000, 150);
    List<StepRecord> steps = new ArrayList<>(run.steps());
    steps.set(7, withOutcome(steps.get(7), Outcome.FAILED));

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Calibrating.from(
                    List.of(withSteps(run, steps)),
                    List.of(),
                    OperationCalibration.MEASURED_HERE,
                    HERE));
    assertTrue(e.getMessage().contains("no run of calibrate-host passed step 8"), e.getMessage());
  }

  private static RunRecord hostRun(
      long start, long beat, long vcpus, long plug, long unplug, long balloon) {
    return run(
        "calibrate-host",
        step(0, "p1.start", start),
        step(1, "p1.first-heartbeat", beat),
        step(2, "seen-after.vcpus", vcpus),
        step(3, "seen-after.memory", plug),
        step(4, "seen-after.memory", unplug),
        step(5, "seen-after.memory", balloon),
        step(6, "seen-after.memory", balloon),
        step(7, "total-time", 1000, "downtime", 80, "bytes-sent", 82, "bandwidth", 205));
  }

  private static RunRecord nestedRun(
      long join, long leave, long move, long evacuation, long moveGap, long evacuationGap) {
    return run(
        "calibrate-nested",
        step(0, "p1.start", 4000),
        step(1, "p1.first-heartbeat", 90000),
        step(2, "seen-after.node", join),
        step(3, "total-time", move, "guest-downtime", moveGap),
        step(
            4,
            "seen-after.node",
            leave,
            "p1.total-time",
            evacuation,
            "p1.guest-downtime",
            evacuationGap));
  }

  private static StepRecord step(int index, Object... keysAndValues) {
    Map<String, Metric> metrics = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      metrics.put(
          (String) keysAndValues[i],
          new Metric(((Number) keysAndValues[i + 1]).doubleValue(), "ms"));
    }
    return new StepRecord(
        String.valueOf(index),
        "step",
        List.of(),
        "step " + index,
        0,
        0,
        Outcome.PASSED,
        "",
        metrics,
        List.of());
  }

  private static StepRecord withOutcome(StepRecord s, Outcome outcome) {
    return new StepRecord(
        s.path(),
        s.kind(),
        s.subjects(),
        s.summary(),
        s.startMs(),
        s.endMs(),
        outcome,
        "failed",
        s.metrics(),
        s.children());
  }

  private static RunRecord run(String scenario, StepRecord... steps) {
    return new RunRecord(
        scenario,
        scenario + ".yaml",
        "r",
        "",
        "",
        0,
        Outcome.PASSED,
        "",
        Map.of(),
        new Topology(List.of(), List.of(), List.of()),
        List.of(steps),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        null);
  }

  private static RunRecord withSteps(RunRecord r, List<StepRecord> steps) {
    return new RunRecord(
        r.scenario(),
        r.scenarioFile(),
        r.runId(),
        r.startedAt(),
        r.accelerator(),
        r.wallMs(),
        r.outcome(),
        r.message(),
        r.phases(),
        r.topology(),
        steps,
        r.expectations(),
        r.series(),
        r.cellsFree(),
        r.logs(),
        r.provenance());
  }
}
