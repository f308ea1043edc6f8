package dev.nestbed.scenario.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nestbed.scenario.kind.StepKind;
import dev.nestbed.scenario.kind.StepKinds;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimActionsTest {
  @Test
  void everyKindButTheParallelGroupHasASimulation() {
    Set<StepKind<?>> expected = new HashSet<>(StepKinds.ALL);
    expected.remove(StepKinds.PARALLEL);
    assertEquals(expected, SimActions.kinds());
  }
}
