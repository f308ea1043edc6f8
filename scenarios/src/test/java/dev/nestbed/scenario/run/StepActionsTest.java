package dev.nestbed.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nestbed.scenario.kind.StepKind;
import dev.nestbed.scenario.kind.StepKinds;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StepActionsTest {
  @Test
  void everyKindTheExecutorDoesNotRunItselfHasAnAction() {
    Set<StepKind<?>> expected = new HashSet<>(StepKinds.ALL);
    expected.removeAll(StepActions.GROUPS);
    assertEquals(expected, StepActions.kinds());
  }
}
