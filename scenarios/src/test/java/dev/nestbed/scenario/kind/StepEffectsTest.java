package dev.nestbed.scenario.kind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.nestbed.core.value.DataSize;
import dev.nestbed.scenario.kind.Effect.Membership;
import dev.nestbed.scenario.kind.Effect.Relocation;
import dev.nestbed.scenario.spec.AddNodeStep;
import dev.nestbed.scenario.spec.Location;
import dev.nestbed.scenario.spec.MigrateStep;
import dev.nestbed.scenario.spec.MoveStep;
import dev.nestbed.scenario.spec.ParallelStep;
import dev.nestbed.scenario.spec.RemoveNodeStep;
import dev.nestbed.scenario.spec.ResizeStep;
import dev.nestbed.scenario.spec.StartStep;
import dev.nestbed.scenario.spec.StepSpec;
import dev.nestbed.scenario.spec.StopStep;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What each kind says a step does to the run, as the validator's walk reads it. */
class StepEffectsTest {
  private static final Location AT = new Location("t.yaml", 3, 5);

  @Test
  void aStartStartsItsPartitionsAndAStopNeedsThemRunningAndStopsThem() {
    Effect start = effect(new StartStep(List.of("p1", "p2"), Optional.empty(), AT));
    assertEquals(List.of("p1", "p2"), start.starts().names());
    assertEquals("partitions", start.starts().key().name());
    Effect stop = effect(new StopStep(List.of("p1"), Optional.empty(), AT));
    assertEquals(List.of("p1"), stop.mustRun().names());
    assertEquals(List.of("p1"), stop.stops());
  }

  @Test
  void aMigrationNeedsItsPartitionRunningAndLeavesItInTheOtherPool() {
    Effect migrate =
        effect(
            new MigrateStep(
                "p1", "other", null, null, null, null, null, null, Optional.empty(), AT));
    assertEquals(List.of("p1"), migrate.mustRun().names());
    assertEquals(new Relocation("p1", "other"), migrate.relocation());
  }

  @Test
  void nodesJoinAndLeaveTheirPoolAndNeedItsMembership() {
    AddNodeStep add = new AddNodeStep("big", "n3", Optional.empty(), AT);
    assertEquals(new Membership("big", "n3", true), effect(add).membership());
    RemoveNodeStep remove = new RemoveNodeStep("big", "n1", true, Optional.empty(), AT);
    assertEquals(new Membership("big", "n1", false), effect(remove).membership());
    Need need = StepKinds.of(add).needsOf(add).get(0);
    assertEquals(Capability.NODE_MEMBERSHIP, need.capability());
    assertEquals("pool", need.key().name());
    assertEquals("big", need.name());
  }

  @Test
  void aMoveNeedsItsPartitionsPoolToMoveBetweenCells() {
    MoveStep move = new MoveStep("p1", List.of("n2"), Optional.empty(), AT);
    Need need = StepKinds.of(move).needsOf(move).get(0);
    assertEquals(
        Need.poolOf(
            Capability.MOVES_BETWEEN_CELLS,
            MoveKind.PARTITION,
            "p1",
            "moves a partition between the cells of a nested pool"),
        need);
    assertEquals(false, Capability.MOVES_BETWEEN_CELLS.offeredBy("host"));
  }

  @Test
  void aResizeWithoutItsPartitionStillHasAnEffectToWalk() {
    Effect resize = effect(new ResizeStep(null, 2, null, Optional.empty(), AT));
    assertEquals(List.of(), resize.mustRun().names());
    assertNull(resize.relocation());
  }

  @Test
  void aGroupIsItsStepsAndSummarizesThemInOneLine() {
    ParallelStep group =
        new ParallelStep(
            List.of(
                new ResizeStep("p1", 2, DataSize.parse("192MiB"), Optional.empty(), AT),
                new MoveStep("p2", List.of("n1", "n2"), Optional.empty(), AT)),
            Optional.empty(),
            AT);
    assertEquals(group.steps(), effect(group).group());
    assertEquals(
        "parallel: resize p1 to 2 vCPUs, 192MiB | move p2 to cells n1, n2",
        StepKinds.of(group).summarize(group));
  }

  @Test
  void eachKindNamesWhatMustBeDeclaredUnderItsKey() {
    MigrateStep migrate =
        new MigrateStep("p1", "other", null, null, null, null, null, null, Optional.empty(), AT);
    assertEquals(
        List.of(
            new Effect.Names(MigrateKind.TO_POOL, List.of("other")),
            new Effect.Names(MigrateKind.PARTITION, List.of("p1"))),
        StepKinds.of(migrate).referencesOf(migrate));
    ResizeStep unnamed = new ResizeStep(null, 2, null, Optional.empty(), AT);
    assertEquals(List.of(), StepKinds.of(unnamed).referencesOf(unnamed).get(0).names());
  }

  private static Effect effect(StepSpec step) {
    return StepKinds.of(step).effectOf(step);
  }
}
