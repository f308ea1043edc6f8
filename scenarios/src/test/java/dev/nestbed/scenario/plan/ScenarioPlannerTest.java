package dev.nestbed.scenario.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.aggregator.pool.Cell;
import dev.nestbed.aggregator.pool.PoolPlan;
import dev.nestbed.core.NestbedException;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.scenario.parse.ScenarioInvalidException;
import dev.nestbed.scenario.parse.ScenarioLoader;
import dev.nestbed.scenario.spec.ScenarioSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioPlannerTest {
  private static final String TOPOLOGY =
      """
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
    return ScenarioPlanner.plan(
        ScenarioLoader.load("t.yaml", TOPOLOGY + "partitions:\n" + partitions));
  }

  @Test
  void packFillsTheFirstCellBeforeTheNext() {
    ScenarioPlan plan =
        plan(
            """
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
    ScenarioPlan plan =
        plan(
            """
          - {name: a, pool: big, vcpus: 1, memory: 256MiB, policy: spread}
          - {name: b, pool: big, vcpus: 1, memory: 256MiB, policy: spread}
        """);
    assertEquals(List.of("n1"), plan.placement("a").cells());
    assertEquals(List.of("n2"), plan.placement("b").cells());
  }

  @Test
  void explicitCellsAreHonouredAndMaySpanCells() {
    ScenarioPlan plan =
        plan(
            """
          - {name: a, pool: big, vcpus: 2, memory: 1GiB, cells: [n1, n2]}
        """);
    assertEquals(List.of("n1", "n2"), plan.placement("a").cells());
    assertEquals(2, plan.pool("big").orElseThrow().cells().size());
    assertEquals(
        List.of(List.of(10, 210), List.of(210, 10)), plan.pool("big").orElseThrow().distances());
  }

  @Test
  void aPartitionThatFitsThePoolButNoCellIsRefusedWithTheNumbersPerCell() {
    ScenarioInvalidException e =
        assertThrows(
            ScenarioInvalidException.class,
            () ->
                plan(
                    """
          - {name: a, pool: big, vcpus: 1, memory: 512MiB, cells: [n1]}
          - {name: b, pool: big, vcpus: 1, memory: 512MiB, cells: [n1]}
        """));
    assertEquals(1, e.problems().size());
    assertEquals(
        "partition b does not fit pool big: needs 1 vCPU and 512MiB on cells n1: cell n1 has 1 CPU and"
            + " 256MiB free (short 256MiB)",
        e.problems().get(0).message());
    assertEquals(11, e.problems().get(0).location().line());
  }

  private static final String ADOPTED =
      """
      name: t
      pools:
        - {name: big, backend: host, uri: "qemu+unix:///system?socket=/run/x/libvirt-sock"}
      partitions:
      """;

  /** What HostPool.adopt would plan for a machine with two cells of 2 CPUs and 1GiB each. */
  private static PoolPlan twoCells() {
    return new PoolPlan(
        "big",
        "host",
        List.of(new Cell("0", 2, DataSize.ofGiB(1)), new Cell("1", 2, DataSize.ofGiB(1))),
        List.of(List.of(10, 21), List.of(21, 10)),
        List.of(),
        21,
        DataSize.ofMiB(256));
  }

  @Test
  void aPoolAdoptedByUriIsPlannedWithoutCellsAndItsPartitionsWaitForTheRun() {
    ScenarioSpec spec =
        ScenarioLoader.load(
            "t.yaml",
            ADOPTED
                + """
          - {name: a, pool: big, vcpus: 1, memory: 256MiB}
        """);
    ScenarioPlan plan = ScenarioPlanner.plan(spec);
    assertEquals(List.of(), plan.pool("big").orElseThrow().cells());
    assertTrue(plan.placement("a").awaitsDiscovery());
    assertEquals(List.of(), plan.nodes());
  }

  @Test
  void atRunTimeThePartitionsArePlacedOnTheDiscoveredCellsByTheirPolicy() {
    ScenarioSpec spec =
        ScenarioLoader.load(
            "t.yaml",
            ADOPTED
                + """
          - {name: a, pool: big, vcpus: 2, memory: 512MiB}
          - {name: b, pool: big, vcpus: 1, memory: 512MiB}
          - {name: c, pool: big, vcpus: 1, memory: 256MiB, cells: [1]}
        """);
    ScenarioPlan plan =
        ScenarioPlanner.withDiscoveredPool(ScenarioPlanner.plan(spec), spec, twoCells(), "uri");
    assertEquals(List.of("0"), plan.placement("a").cells());
    assertEquals(List.of("1"), plan.placement("b").cells(), "cell 0 has no CPU left for b");
    assertEquals(List.of("1"), plan.placement("c").cells());
    assertEquals(twoCells(), plan.pool("big").orElseThrow());
  }

  @Test
  void partitionsThatDoNotFitTheDiscoveredCellsAreRefusedWithEachCellsShortfall() {
    ScenarioSpec spec =
        ScenarioLoader.load(
            "t.yaml",
            ADOPTED
                + """
          - {name: a, pool: big, vcpus: 2, memory: 1GiB}
          - {name: b, pool: big, vcpus: 3, memory: 512MiB}
          - {name: c, pool: big, vcpus: 2, memory: 2GiB, cells: [0, 1]}
        """);
    NestbedException e =
        assertThrows(
            NestbedException.class,
            () ->
                ScenarioPlanner.withDiscoveredPool(
                    ScenarioPlanner.plan(spec), spec, twoCells(), "qemu:///x"));
    assertEquals(
        "pool big at qemu:///x cannot hold its partitions: "
            + "partition b needs 3 vCPU and 512MiB on one cell: cell 0 has 0 CPU and 0B free (short 3 vCPU and 512MiB), "
            + "cell 1 has 2 CPU and 1GiB free (short 1 vCPU); "
            + "partition c needs 2 vCPU and 2GiB on cells 0+1: cell 0 has 0 CPU and 0B free (short 1 vCPU and 1GiB), "
            + "cell 1 has 2 CPU and 1GiB free",
        e.getMessage());
    assertTrue(e.hint().orElseThrow().contains("256MiB reserve-per-node"), e.hint().orElseThrow());
  }

  @Test
  void aCellTheMachineDoesNotHaveIsNamedWithTheCellsItHas() {
    ScenarioSpec spec =
        ScenarioLoader.load(
            "t.yaml",
            ADOPTED
                + """
          - {name: a, pool: big, vcpus: 1, memory: 256MiB, cells: [1, 7]}
        """);
    NestbedException e =
        assertThrows(
            NestbedException.class,
            () ->
                ScenarioPlanner.withDiscoveredPool(
                    ScenarioPlanner.plan(spec), spec, twoCells(), "qemu:///x"));
    assertEquals(
        "pool big at qemu:///x cannot hold its partitions: partition a names cell 7, but its libvirt "
            + "reports cells 0, 1",
        e.getMessage());
  }
}
