package dev.nestbed.scenario.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nestbed.scenario.parse.ScenarioInvalidException;
import dev.nestbed.scenario.parse.ScenarioLoader;
import org.junit.jupiter.api.Test;

class GrowthAdmissionTest {
  private static final String SCENARIO =
      """
      name: t
      nodes:
        provider: local
        hosts:
          - {name: n1, cpus: 2, memory: 1GiB}
          - {name: n2, cpus: 2, memory: 1GiB}
      pools:
        - {name: big, backend: nested, nodes: [n1, n2], reserve-per-node: {memory: 256MiB}}
      partitions:
        - {name: a, pool: big, vcpus: 1, memory: 256MiB, max-memory: 768MiB, cells: [n1]}
        - {name: b, pool: big, vcpus: 1, memory: 256MiB, max-memory: 512MiB, cells: [n1]}
      steps:
        - start: [a, b]
      """;

  private static void plan(String steps) {
    ScenarioPlanner.plan(ScenarioLoader.load("t.yaml", SCENARIO + steps));
  }

  @Test
  void aGrowthTheCellCanGiveIsAdmitted() {
    plan("  - resize: {partition: a, memory: 512MiB}\n");
  }

  @Test
  void aGrowthTheCellCannotGiveIsRefusedWithTheNumbers() {
    ScenarioInvalidException e =
        assertThrows(
            ScenarioInvalidException.class,
            () -> plan("  - resize: {partition: a, memory: 768MiB}\n"));
    assertEquals(
        "t.yaml:14:5: resize step: a from 256MiB to 768MiB needs 512MiB more on cell n1: cell n1 has 0 CPU"
            + " and 256MiB free (short 256MiB)\n  hint: grow it less, stop or move other partitions off n1 first,"
            + " or place a on a cell with room",
        e.problems().get(0).format());
  }

  @Test
  void memoryGivenBackByAShrinkAStopOrAMoveCanBeTakenAgain() {
    plan(
        """
          - resize: {partition: b, memory: 128MiB}
          - resize: {partition: a, memory: 384MiB}
        """);
    plan(
        """
          - stop: [b]
          - resize: {partition: a, memory: 768MiB}
        """);
    plan(
        """
          - move: {partition: b, to-cells: [n2]}
          - resize: {partition: a, memory: 768MiB}
        """);
  }

  @Test
  void growthsInOneParallelGroupAddUp() {
    assertThrows(
        ScenarioInvalidException.class,
        () ->
            plan(
                """
          - parallel:
              - resize: {partition: a, memory: 384MiB}
              - resize: {partition: b, memory: 512MiB}
        """));
  }

  @Test
  void aPartitionThatMigratedIsLeftToTheRun() {
    ScenarioPlanner.plan(
        ScenarioLoader.load(
            "t.yaml",
            SCENARIO
                    .replace(
                        "- {name: n2, cpus: 2, memory: 1GiB}",
                        "- {name: n2, cpus: 2, memory: 1GiB}\n    - {name: h2, cpus: 2, memory: 2GiB}")
                    .replace(
                        "reserve-per-node: {memory: 256MiB}}",
                        "reserve-per-node: {memory: 256MiB}}\n  - {name: other, backend: nested,"
                            + " nodes: [h2], reserve-per-node: {memory: 256MiB}}")
                + """
          - migrate: {partition: a, to-pool: other}
          - resize: {partition: a, memory: 768MiB}
        """));
  }
}
