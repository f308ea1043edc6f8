package dev.nestbed.scenario.sim;

import static dev.nestbed.scenario.kind.ExpectKinds.ALIVE;
import static dev.nestbed.scenario.kind.ExpectKinds.HEARTBEAT_GAP;
import static dev.nestbed.scenario.kind.ExpectKinds.MEMORY_INTACT;
import static dev.nestbed.scenario.kind.ExpectKinds.ON_CELLS;
import static dev.nestbed.scenario.kind.ExpectKinds.VCPUS_ONLINE;

import dev.nestbed.core.value.TimeSpan;
import dev.nestbed.scenario.kind.ExpectKind;
import dev.nestbed.scenario.kind.ExpectKinds;
import dev.nestbed.scenario.kind.StepBounds;
import dev.nestbed.scenario.record.ExpectationRecord;
import dev.nestbed.scenario.record.Outcome;
import dev.nestbed.scenario.record.StepRecord;
import dev.nestbed.scenario.sim.SimState.Part;
import dev.nestbed.scenario.spec.ExpectSpec;
import dev.nestbed.scenario.spec.PartitionExpect;
import dev.nestbed.scenario.spec.PoolExpect;
import java.util.ArrayList;
import java.util.List;

/**
 * The expectations of a simulated run, checked on the state the models end in. What only a real
 * guest can show (its memory intact, its threads and pages on its cells) is not measured, and says
 * so: such a clause is SKIPPED, never passed.
 */
final class SimulatedExpectations {
  private static final String ONLY_REAL =
      "a simulated run cannot look inside a guest; run it for real";
  private final SimState state;
  private final StepBounds steps;

  SimulatedExpectations(SimState state, List<StepRecord> steps) {
    this.state = state;
    this.steps = new StepBounds(steps);
  }

  List<ExpectationRecord> check(List<ExpectSpec> expectations) {
    List<ExpectationRecord> records = new ArrayList<>();
    for (ExpectSpec expect : expectations) {
      ExpectKind<?> kind = ExpectKinds.of(expect);
      if (kind == ExpectKinds.STEP) {
        records.addAll(steps.check(ExpectKinds.STEP.type().cast(expect)));
      } else if (kind == ExpectKinds.POOL) {
        PoolExpect pool = ExpectKinds.POOL.type().cast(expect);
        if (pool.cells() != null) {
          int cells = state.pool(pool.validPool()).members.size();
          records.add(
              StepBounds.record(
                  pool.describe(),
                  String.valueOf(pool.cells()),
                  String.valueOf(cells),
                  cells == pool.cells(),
                  "member cells in the model"));
        }
      } else if (kind == ExpectKinds.PARTITION) {
        partition(ExpectKinds.PARTITION.type().cast(expect), records);
      } else {
        throw new IllegalStateException("no simulated check for expectations of kind " + kind);
      }
    }
    return records;
  }

  private void partition(PartitionExpect p, List<ExpectationRecord> records) {
    Part part = state.partition(p.validPartition());
    String name = p.partition() + " ";
    if (p.alive() != null) {
      records.add(
          StepBounds.record(
              name + ALIVE.name(),
              String.valueOf(p.alive()),
              String.valueOf(part.running),
              part.running == p.alive(),
              "running in the model"));
    }
    if (p.memoryIntact() != null) {
      records.add(notMeasured(name + MEMORY_INTACT.name(), String.valueOf(p.memoryIntact())));
    }
    if (p.vcpusOnline() != null) {
      int online = part.running ? part.vcpus : 0;
      records.add(
          StepBounds.record(
              name + VCPUS_ONLINE.name(),
              String.valueOf(p.vcpusOnline()),
              String.valueOf(online),
              online == p.vcpusOnline(),
              "vCPUs in the model"));
    }
    if (p.onCells() != null) {
      records.add(notMeasured(name + ON_CELLS.name(), String.valueOf(p.onCells())));
    }
    if (p.maxHeartbeatGap() != null) {
      TimeSpan gap = TimeSpan.ofMillis(part.longestGapMs);
      records.add(
          StepBounds.record(
              name + HEARTBEAT_GAP.name(),
              p.maxHeartbeatGap().toString(),
              gap.toString(),
              part.running && p.maxHeartbeatGap().contains(gap),
              part.running
                  ? "the longest gap the models gave its steps"
                  : "it is not running at the end"));
    }
  }

  private static ExpectationRecord notMeasured(String what, String expected) {
    return new ExpectationRecord(what, expected, "not measured", Outcome.SKIPPED, ONLY_REAL);
  }
}
