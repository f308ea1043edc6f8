package dev.nestbed.aggregator.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.core.value.TimeSpan;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolPlannerTest {
  private static final NodeSpec N1 = new NodeSpec("n1", 2, DataSize.ofGiB(3));
  private static final NodeSpec N2 = new NodeSpec("n2", 4, DataSize.ofGiB(2));
  private static final NodeSpec N3 = new NodeSpec("n3", 2, DataSize.ofGiB(3));

  @Test
  void eachMemberNodeBecomesACellLessTheReserve() {
    PoolPlan plan = PoolPlanner.plan("big", "nested", List.of(N1, N2), List.of(N3), DataSize.ofMiB(256),
        TimeSpan.parse("2us"));
    assertEquals(List.of(new Cell("n1", 2, DataSize.parse("2816MiB")), new Cell("n2", 4, DataSize.parse("1792MiB"))),
        plan.cells());
    assertEquals(6, plan.totalCpus());
    assertEquals(DataSize.parse("4608MiB"), plan.totalMemory());
    assertEquals(List.of(new Cell("n3", 2, DataSize.parse("2816MiB"))), plan.spares());
  }

  @Test
  void distancesAreTenLocallyAndFollowTheInterconnectLatencyRemotely() {
    PoolPlan plan = PoolPlanner.plan("big", "nested", List.of(N1, N2, N3), List.of(), DataSize.ZERO,
        TimeSpan.parse("2us"));
    assertEquals(List.of(List.of(10, 210, 210), List.of(210, 10, 210), List.of(210, 210, 10)), plan.distances());
  }

  @Test
  void theDistanceFormulaMatchesKnownMachinesAndStaysInSlitRange() {
    assertEquals(20, PoolPlanner.remoteDistance(TimeSpan.parse("100ns")));
    assertEquals(11, PoolPlanner.remoteDistance(TimeSpan.parse("1ns")));
    assertEquals(254, PoolPlanner.remoteDistance(TimeSpan.parse("1ms")));
  }

  @Test
  void aReserveLargerThanTheNodeLeavesAnEmptyCell() {
    PoolPlan plan = PoolPlanner.plan("p", "host", List.of(N2), List.of(), DataSize.ofGiB(4), TimeSpan.parse("2us"));
    assertEquals(DataSize.ZERO, plan.cells().get(0).memory());
  }
}
