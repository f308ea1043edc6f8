package dev.nestbed.scenario.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.model.MigrationInputs;
import dev.nestbed.core.model.MigrationPrediction;
import dev.nestbed.core.model.OperationCalibration;
import dev.nestbed.core.model.PrecopyModel;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.scenario.kind.Measure;
import dev.nestbed.scenario.kind.StepKind;
import dev.nestbed.scenario.kind.StepKinds;
import dev.nestbed.scenario.parse.ScenarioLoader;
import dev.nestbed.scenario.plan.ScenarioPlanner;
import dev.nestbed.scenario.record.CellFree;
import dev.nestbed.scenario.record.ExpectationRecord;
import dev.nestbed.scenario.record.Fact;
import dev.nestbed.scenario.record.MigrationSeries;
import dev.nestbed.scenario.record.Outcome;
import dev.nestbed.scenario.record.Provenance;
import dev.nestbed.scenario.record.RunRecord;
import dev.nestbed.scenario.record.StepRecord;
import dev.nestbed.scenario.record.TimeSeries;
import dev.nestbed.scenario.run.RunOrigin;
import dev.nestbed.scenario.spec.ScenarioSpec;
import dev.nestbed.scenario.spec.WorkloadSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimulatedRunTest {
  private static final OperationCalibration HERE = OperationCalibration.MEASURED_HERE;

  private static final String TWO_POOLS =
      """
      name: two-pools
      nodes:
        provider: sim
        hosts:
          - {name: n1, cpus: 64, memory: 256GiB}
          - {name: n2, cpus: 64, memory: 256GiB}
          - {name: n3, cpus: 64, memory: 256GiB}
      interconnect: {bandwidth: 8Gbit/s}
      pools:
        - {name: a, backend: sim, nodes: [n1, n2]}
        - {name: b, backend: sim, nodes: [n3]}
      partitions:
        - name: p1
          pool: a
          vcpus: 4
          memory: 8GiB
          cells: [n1]
          workload: {working-set: 1GiB, dirty-rate: 64MiB/s}
        - {name: p2, pool: a, vcpus: 4, memory: 8GiB, cells: [n2]}
      """;

  @Test
  void everyStepOfTheExampleRecordsOnlyFiguresItsKindDeclares() throws Exception {
    RunRecord run = simulate(Files.readString(Path.of("../scenarios/examples/what-if.yaml")));

    assertEquals(Outcome.PASSED, run.outcome(), run.message());
    for (StepRecord step : flatten(run.steps())) {
      StepKind<?> kind = StepKinds.named(step.kind()).orElseThrow();
      Set<String> declared = new HashSet<>();
      for (Measure m : kind.measures()) {
        declared.add(m.name());
      }
      for (String key : step.metrics().keySet()) {
        String name = declared.contains(key) ? key : key.substring(key.indexOf('.') + 1);
        assertTrue(
            declared.contains(name),
            step.kind() + " recorded " + key + ", which it never declares");
      }
    }
  }

  @Test
  void aMigrationTakesWhatThePrecopyModelPredictsOverTheInterconnect() {
    RunRecord run =
        simulate(
            TWO_POOLS
                + """
                steps:
                  - start: [p1]
                  - migrate: {partition: p1, to-pool: b, max-downtime: 200ms}
                """);

    StepRecord migrate = run.steps().get(1);
    double link = 8e9 / 8;
    MigrationPrediction expected =
        PrecopyModel.predict(
            new MigrationInputs(
                HERE.guestFootprint().bytes() + DataSize.ofGiB(1).bytes(),
                DataSize.ofGiB(1).bytes(),
                64.0 * (1 << 20),
                link,
                Duration.ofMillis(200)),
            HERE.migration());
    assertEquals(Outcome.PASSED, migrate.outcome(), migrate.message());
    assertEquals((double) expected.total().toMillis(), migrate.metrics().get("total-time").value());
    assertEquals(
        (double) expected.downtime().toMillis(), migrate.metrics().get("downtime").value());
    assertEquals((double) expected.rounds(), migrate.metrics().get("iterations").value());
    assertEquals(link / (1 << 20), migrate.metrics().get("bandwidth").value(), 1e-9);
    assertEquals(migrate.startMs() + expected.total().toMillis(), migrate.endMs());
    TimeSeries curve =
        run.series().stream()
            .filter(t -> t.name().equals(MigrationSeries.MODEL_REMAINING))
            .findFirst()
            .orElseThrow();
    assertEquals(
        migrate.startMs() + HERE.migration().setup().toMillis(), curve.points().get(0).atMs());
    assertEquals(
        new TimeSeries.Point(migrate.endMs(), 0.0), curve.points().get(curve.points().size() - 1));
  }

  @Test
  void aPartitionsFirstHeartbeatComesAsLongAfterItsStartAsTheRealWaitTimesIt() {
    RunRecord run =
        simulate(TWO_POOLS + "steps:\n  - start: [p1]\n  - wait: {heartbeat: [p1], for: 1s}\n");

    StepRecord wait = run.steps().get(1);
    assertEquals(HERE.start().toMillis(), wait.startMs());
    assertEquals(HERE.firstHeartbeat().toMillis() + 1000, wait.endMs());
    assertEquals(
        (double) HERE.firstHeartbeat().toMillis(),
        wait.metrics().get("p1.first-heartbeat").value());
  }

  @Test
  void migrationsBetweenDisjointPairsOfPoolsEachTakeTheWholeLink() {
    RunRecord run =
        simulate(
            TWO_POOLS
                + """
                  - {name: p3, pool: b, vcpus: 4, memory: 8GiB}
                steps:
                  - start: [p1, p3]
                  - parallel:
                      - migrate: {partition: p1, to-pool: b}
                      - migrate: {partition: p3, to-pool: a}
                """);

    StepRecord group = run.steps().get(1);
    for (StepRecord migrate : group.children()) {
      assertEquals(8e9 / 8 / (1 << 20), migrate.metrics().get("bandwidth").value(), 1e-9);
    }
  }

  @Test
  void aPartitionSpreadOverTwoCellsPaysTheRemoteDistanceOnHalfItsAccesses() {
    RunRecord run =
        simulate(
            TWO_POOLS
                + """
                  - {name: p3, pool: a, vcpus: 2, memory: 8GiB, cells: [n1, n2]}
                steps:
                  - start: [p1, p3]
                """);

    int remote = run.topology().pools().get(0).distances().get(0).get(1);
    StepRecord start = run.steps().get(0);
    assertEquals(100, start.metrics().get("p1.model.memory-latency").value(), 1e-9);
    assertEquals(
        100 * (10 + remote) / 20.0, start.metrics().get("p3.model.memory-latency").value(), 1e-9);
  }

  @Test
  void migrationsOfOneParallelGroupShareTheLinkAndTheGroupEndsWithTheLast() {
    RunRecord run =
        simulate(
            TWO_POOLS
                + """
                steps:
                  - start: [p1, p2]
                  - parallel:
                      - migrate: {partition: p1, to-pool: b}
                      - migrate: {partition: p2, to-pool: b}
                """);

    StepRecord group = run.steps().get(1);
    StepRecord p1 = group.children().get(0);
    StepRecord p2 = group.children().get(1);
    assertEquals(group.startMs(), p1.startMs());
    assertEquals(group.startMs(), p2.startMs());
    assertEquals(Math.max(p1.endMs(), p2.endMs()), group.endMs());
    // both at half the link until p2 (idle, no working set to resend) ends; p1 then takes it all
    double link = 8e9 / 8 / (1 << 20);
    assertTrue(p2.endMs() < p1.endMs(), p1.endMs() + " " + p2.endMs());
    assertEquals(link / 2, p2.metrics().get("bandwidth").value(), 1e-6);
    double p1Bandwidth = p1.metrics().get("bandwidth").value();
    assertTrue(link / 2 < p1Bandwidth && p1Bandwidth < link, "p1 at " + p1Bandwidth);
  }

  @Test
  void autoConvergeAndPostcopyMigrationsOfOneGroupRunTheirPassesAtTheSharesTheyGet() {
    for (String mode : List.of("auto-converge", "postcopy")) {
      StepRecord alone =
          simulate(
                  TWO_POOLS
                      + """
                      steps:
                        - start: [p1, p2]
                        - migrate: {partition: p1, to-pool: b, mode: MODE}
                      """
                          .replace("MODE", mode))
              .steps()
              .get(1);
      RunRecord sharedRun =
          simulate(
              TWO_POOLS
                  + """
                  steps:
                    - start: [p1, p2]
                    - parallel:
                        - migrate: {partition: p1, to-pool: b, mode: MODE}
                        - migrate: {partition: p2, to-pool: b, mode: MODE}
                  """
                      .replace("MODE", mode));
      StepRecord shared = sharedRun.steps().get(1).children().get(0);
      assertEquals(Outcome.PASSED, shared.outcome(), mode + ": " + shared.message());
      // its first pass went at half the link while p2 ran: longer, so more was dirtied meanwhile
      // and the next pass is larger (PrecopyFlowTest holds each mode's passes to its model)
      assertTrue(
          metric(shared, "total-time") > metric(alone, "total-time"),
          mode + ": " + metric(shared, "total-time") + " ms shared, alone " + alone.metrics());
      assertTrue(
          metric(shared, "bytes-sent") > metric(alone, "bytes-sent"),
          mode + ": " + metric(shared, "bytes-sent") + " MiB shared, alone " + alone.metrics());
      if (mode.equals("postcopy")) {
        // By hand: p2 (idle) sends its footprint at half the link, then holds its half through
        // its switch-over; p1 sent as much meanwhile, and the rest of its first pass at the whole
        // link. A reading at one constant bandwidth puts the second pass elsewhere.
        double link = 8e9 / 8;
        double footprint = HERE.guestFootprint().bytes();
        double m1 = footprint + DataSize.ofGiB(1).bytes();
        double m2 = footprint + WorkloadSpec.DEFAULT.workingSet().bytes(); // idle, the default set
        double setup = HERE.migration().setup().toNanos() / 1e9;
        double switchover = HERE.migration().switchover().toNanos() / 1e9;
        double p2Ends = setup + m2 / (link / 2) + switchover;
        double secondPass = p2Ends + (m1 - m2 - switchover * link / 2) / link;
        TimeSeries curve =
            sharedRun.series().stream()
                .filter(t -> t.name().equals(MigrationSeries.MODEL_REMAINING))
                .filter(t -> "p1".equals(t.subject()))
                .findFirst()
                .orElseThrow();
        assertEquals(
            shared.startMs() + secondPass * 1000,
            (double) curve.points().get(1).atMs(),
            1.5, // both the step's start and the pass's are whole milliseconds, rounded down
            "p1's second pass begins where stepping puts it: " + curve.points());
      }
    }
  }

  private static double metric(StepRecord step, String name) {
    return step.metrics().get(name).value();
  }

  @Test
  void aMigrationTheModelSaysNeverConvergesFailsAndTheRestIsSkipped() {
    RunRecord run =
        simulate(
            TWO_POOLS.replace("dirty-rate: 64MiB/s", "dirty-rate: 2GiB/s")
                + """
                steps:
                  - start: [p1]
                  - migrate: {partition: p1, to-pool: b, max-downtime: 10ms}
                  - wait: {for: 1s}
                """);

    assertEquals(Outcome.FAILED, run.outcome());
    assertEquals(Outcome.FAILED, run.steps().get(1).outcome());
    assertTrue(
        run.steps().get(1).message().contains("never converges"), run.steps().get(1).message());
    assertEquals(Outcome.SKIPPED, run.steps().get(2).outcome());
  }

  @Test
  void aStepTheModelSaysOutlastsItsTimeoutTimesOut() {
    RunRecord run =
        simulate(
            TWO_POOLS
                + """
                steps:
                  - start: [p1]
                  - move: {partition: p1, to-cells: [n2], timeout: 10s}
                """);

    StepRecord move = run.steps().get(1);
    assertEquals(Outcome.TIMED_OUT, move.outcome());
    assertEquals(10_000, move.endMs() - move.startMs());
    assertTrue(move.message().startsWith("timed out after 10 s: the model needs "), move.message());
  }

  @Test
  void whatOnlyARealGuestShowsIsNotMeasuredAndDoesNotFailTheRun() {
    RunRecord run =
        simulate(
            TWO_POOLS
                + """
                steps:
                  - start: [p1]
                expect:
                  - {partition: p1, alive: true, memory-intact: true, on-cells: true}
                """);

    assertEquals(Outcome.PASSED, run.outcome(), run.message());
    assertEquals(
        List.of(Outcome.PASSED, Outcome.SKIPPED, Outcome.SKIPPED),
        run.expectations().stream().map(ExpectationRecord::outcome).toList());
    assertEquals("not measured", run.expectations().get(1).measured());
  }

  @Test
  void theRecordSaysItWasSimulatedAndOnWhichCalibration() {
    RunRecord run = simulate(TWO_POOLS + "steps:\n  - start: [p1]\n");

    assertNotNull(run.simulation());
    assertEquals(HERE.provenance().when(), run.simulation().calibrationWhen());
    assertEquals("none: simulated", run.accelerator());
    assertEquals(
        Fact.known("a model of 64 CPUs and 256GiB (nothing ran)"),
        run.provenance().nodes().get(0).about());
  }

  @Test
  void aResizeTakesItsGrowthFromTheCellsAccount() {
    RunRecord run =
        simulate(
            TWO_POOLS.replace("memory: 8GiB\n", "memory: 8GiB\n    max-memory: 16GiB\n")
                + """
                steps:
                  - start: [p1]
                  - resize: {partition: p1, memory: 12GiB}
                """);

    long before = free(run.cellsFree(), "0", "n1");
    long after = free(run.cellsFree(), "1", "n1");
    assertEquals(4096, before - after);
    StepRecord resize = run.steps().get(1);
    assertEquals(
        (double) Math.round(4096.0 / (HERE.memoryPlugBytesPerSecond() / (1 << 20)) * 1000),
        resize.metrics().get("seen-after.memory").value());
  }

  private static long free(List<CellFree> cells, String afterStep, String cell) {
    return cells.stream()
        .filter(c -> c.afterStep().equals(afterStep) && c.cell().equals(cell))
        .findFirst()
        .orElseThrow()
        .memoryFreeMib();
  }

  private static RunRecord simulate(String yaml) {
    ScenarioSpec spec = ScenarioLoader.load("sim.yaml", yaml);
    RunOrigin origin =
        new RunOrigin(
            new Provenance.Build(Fact.known("0.1.0"), Fact.unknown("not a checkout")),
            List.of("nestbed", "run", "sim.yaml"),
            new Provenance.Host(Fact.known("6.1.0"), Fact.known("none"), Fact.known("none")),
            Provenance.ScenarioSource.of("/sim.yaml", yaml));
    return new SimulatedRun(
            spec, ScenarioPlanner.plan(spec), HERE, "sim.yaml", origin, Duration.ofMinutes(5))
        .run(0);
  }

  private static List<StepRecord> flatten(List<StepRecord> steps) {
    List<StepRecord> all = new ArrayList<>();
    for (StepRecord step : steps) {
      all.add(step);
      all.addAll(flatten(step.children()));
    }
    return all;
  }
}
