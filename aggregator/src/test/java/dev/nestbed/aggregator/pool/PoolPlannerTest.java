package dev.nestbed.aggregator.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.core.libvirt.NumaCell;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.core.value.TimeSpan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolPlannerTest {
  private static final NodeSpec N1 = new NodeSpec("n1", 2, DataSize.ofGiB(3));
  private static final NodeSpec N2 = new NodeSpec("n2", 4, DataSize.ofGiB(2));
  private static final NodeSpec N3 = new NodeSpec("n3", 2, DataSize.ofGiB(3));

  @Test
  void eachMemberNodeBecomesACellLessTheReserve() {
    PoolPlan plan =
        PoolPlanner.plan(
            "big",
            "nested",
            List.of(N1, N2),
            List.of(N3),
            DataSize.ofMiB(256),
            TimeSpan.parse("2us"));
    assertEquals(
        List.of(
            new Cell("n1", 2, DataSize.parse("2816MiB")),
            new Cell("n2", 4, DataSize.parse("1792MiB"))),
        plan.cells());
    assertEquals(6, plan.totalCpus());
    assertEquals(DataSize.parse("4608MiB"), plan.totalMemory());
    assertEquals(List.of(new Cell("n3", 2, DataSize.parse("2816MiB"))), plan.spares());
  }

  @Test
  void distancesAreTenLocallyAndFollowTheInterconnectLatencyRemotely() {
    PoolPlan plan =
        PoolPlanner.plan(
            "big", "nested", List.of(N1, N2, N3), List.of(), DataSize.ZERO, TimeSpan.parse("2us"));
    assertEquals(
        List.of(List.of(10, 210, 210), List.of(210, 10, 210), List.of(210, 210, 10)),
        plan.distances());
  }

  @Test
  void theDistanceFormulaMatchesKnownMachinesAndStaysInSlitRange() {
    assertEquals(20, PoolPlanner.remoteDistance(TimeSpan.parse("100ns")));
    assertEquals(11, PoolPlanner.remoteDistance(TimeSpan.parse("1ns")));
    assertEquals(254, PoolPlanner.remoteDistance(TimeSpan.parse("1ms")));
  }

  @Test
  void aReserveLargerThanTheNodeLeavesAnEmptyCell() {
    PoolPlan plan =
        PoolPlanner.plan(
            "p", "host", List.of(N2), List.of(), DataSize.ofGiB(4), TimeSpan.parse("2us"));
    assertEquals(DataSize.ZERO, plan.cells().get(0).memory());
  }

  @Test
  void aDiscoveredMachineHasOneCellPerNumaCellWithItsReportedDistances() {
    List<NumaCell> numa =
        List.of(
            new NumaCell(0, DataSize.ofGiB(4), List.of(0, 1, 2, 3), Map.of(0, 10, 1, 21)),
            new NumaCell(1, DataSize.ofGiB(2), List.of(4, 5), Map.of(0, 21, 1, 10)));
    PoolPlan plan = PoolPlanner.discovered("big", numa, DataSize.ofMiB(512));
    assertEquals(
        List.of(
            new Cell("0", 4, DataSize.parse("3584MiB")),
            new Cell("1", 2, DataSize.parse("1536MiB"))),
        plan.cells());
    assertEquals(List.of(List.of(10, 21), List.of(21, 10)), plan.distances());
    assertEquals(21, plan.remoteDistance());
    assertEquals("host", plan.backend());
    assertEquals(List.of(), plan.spares());
  }

  @Test
  void aDiscoveredMachineWithoutDistancesGetsWhatLinuxAssumes() {
    List<NumaCell> numa =
        List.of(
            new NumaCell(0, DataSize.ofKiB(1024 * 1024 + 1023), List.of(0), Map.of()),
            new NumaCell(2, DataSize.ofGiB(1), List.of(1), Map.of()));
    PoolPlan plan = PoolPlanner.discovered("big", numa, DataSize.ZERO);
    assertEquals(List.of("0", "2"), plan.cells().stream().map(Cell::node).toList());
    assertEquals(DataSize.ofGiB(1), plan.cells().get(0).memory(), "whole MiB");
    assertEquals(List.of(List.of(10, 20), List.of(20, 10)), plan.distances());
  }
}
