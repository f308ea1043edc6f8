package dev.nestbed.scenario.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nestbed.scenario.parse.ScenarioInvalidException;
import dev.nestbed.scenario.parse.ScenarioLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioPlannerTest {
  private static final String TOPOLOGY = """
      name: t
      nodes:
        provider: local
        hosts:
          - {name: n1, cpus: 2, memory: 1GiB}
          - {name: n2, cpus: 2, memory: 1GiB}
      pools:
        - {name: big, backend: nested, nodes: [n1, n2], reserve-per-node: {memory: 256MiB}}
      """;

  private static ScenarioPlan plan(String partitions) {
    return ScenarioPlanner.plan(ScenarioLoader.load("t.yaml", TOPOLOGY + "partitions:\n" + partitions));
  }

  @Test
  void packFillsTheFirstCellBeforeTheNext() {
    ScenarioPlan plan = plan("""
          - {name: a, pool: big, vcpus: 1, memory: 384MiB}
          - {name: b, pool: big, vcpus: 1, memory: 256MiB}
          - {name: c, pool: big, vcpus: 1, memory: 256MiB}
        """);
    assertEquals(List.of("n1"), plan.placement("a").cells());
    assertEquals(List.of("n1"), plan.placement("b").cells());
    assertEquals(List.of("n2"), plan.placement("c").cells(), "n1 has no CPU left for c");
  }

  @Test
  void spreadPutsEachPartitionOnTheCellWithTheMostFreeMemory() {
    ScenarioPlan plan = plan("""
          - {name: a, pool: big, vcpus: 1, memory: 256MiB, policy: spread}
          - {name: b, pool: big, vcpus: 1, memory: 256MiB, policy: spread}
        """);
    assertEquals(List.of("n1"), plan.placement("a").cells());
    assertEquals(List.of("n2"), plan.placement("b").cells());
  }

  @Test
  void explicitCellsAreHonouredAndMaySpanCells() {
    ScenarioPlan plan = plan("""
          - {name: a, pool: big, vcpus: 2, memory: 1GiB, cells: [n1, n2]}
        """);
    assertEquals(List.of("n1", "n2"), plan.placement("a").cells());
    assertEquals(2, plan.pool("big").orElseThrow().cells().size());
    assertEquals(List.of(List.of(10, 210), List.of(210, 10)), plan.pool("big").orElseThrow().distances());
  }

  @Test
  void aPartitionThatFitsThePoolButNoCellIsRefusedWithTheNumbersPerCell() {
    ScenarioInvalidException e = assertThrows(ScenarioInvalidException.class, () -> plan("""
          - {name: a, pool: big, vcpus: 1, memory: 512MiB, cells: [n1]}
          - {name: b, pool: big, vcpus: 1, memory: 512MiB, cells: [n1]}
        """));
    assertEquals(1, e.problems().size());
    assertEquals("partition b does not fit pool big: needs 1 vCPU and 512MiB on n1, free is n1: 1 CPU, 256MiB",
        e.problems().get(0).message());
    assertEquals(11, e.problems().get(0).location().line());
  }
}
