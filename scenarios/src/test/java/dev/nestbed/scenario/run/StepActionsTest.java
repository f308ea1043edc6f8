package dev.nestbed.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.nestbed.scenario.kind.StepKind;
import dev.nestbed.scenario.kind.StepKinds;
import dev.nestbed.scenario.parse.ScenarioLoader;
import dev.nestbed.scenario.spec.ScenarioSpec;
import java.time.Duration;
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

  @Test
  void aWaitOnHeartbeatsAloneHasAnAction() {
    ScenarioSpec spec =
        ScenarioLoader.load(
            "w.yaml",
            """
            name: w
            nodes:
              hosts: [{name: n1, cpus: 2, memory: 2GiB}]
            pools: [{name: p, backend: host, nodes: [n1]}]
            partitions: [{name: p1, pool: p, vcpus: 1, memory: 256MiB}]
            steps:
              - start: [p1]
              - wait: {heartbeat: [p1]}
            """);

    assertNotNull(StepActions.of(spec.steps().get(1), Duration.ofMinutes(1)));
  }
}
