package dev.nestbed.partitioner.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nestbed.core.value.DataSize;
import dev.nestbed.partitioner.placement.Rebalancing.Move;
import java.util.List;
import org.junit.jupiter.api.Test;

class RebalancingTest {
  private static Resident on(String partition, String cell, int vcpus, long mib) {
    return new Resident(partition, vcpus, DataSize.ofMiB(mib), List.of(cell));
  }

  private static Rebalancing.Plan plan(List<CellRoom> cells, Resident... residents) {
    return Rebalancing.plan(CellSnapshot.inWholeMiB("big", cells, List.of(residents)));
  }

  @Test
  void twoPartitionsOnOneCellSpreadOntoTheIdleOne() {
    // n1: 2 CPUs, both taken by p1 and p2; n2: 1 CPU, idle. Spread 100% - 0% = 1.0; after p1
    // moves, n1 is at 50% and n2 at 100%: 0.5
    Rebalancing.Plan plan =
        plan(
            List.of(CellRoom.ofMiB("n1", 2, 0, 768, 384), CellRoom.ofMiB("n2", 1, 1, 768, 768)),
            on("p1", "n1", 1, 192),
            on("p2", "n1", 1, 192));
    assertEquals(List.of(new Move("p1", "n1", "n2")), plan.moves());
    assertEquals(1.0, plan.before().cpu());
    assertEquals(0.5, plan.after().cpu());
  }

  @Test
  void oneBusyCellPerPartitionIsAlreadyEven() {
    // what moving p1 to the new n3 would do: shift the load, not even it out
    Rebalancing.Plan plan =
        plan(
            List.of(
                CellRoom.ofMiB("n1", 1, 0, 768, 576),
                CellRoom.ofMiB("n2", 1, 0, 768, 576),
                CellRoom.ofMiB("n3", 1, 1, 768, 768)),
            on("p1", "n1", 1, 192),
            on("p2", "n2", 1, 192));
    assertEquals(List.of(), plan.moves());
    assertEquals(plan.before(), plan.after());
  }

  @Test
  void fourPartitionsOnOneCellEndTwoAndTwo() {
    Rebalancing.Plan plan =
        plan(
            List.of(CellRoom.ofMiB("n1", 4, 0, 2048, 1024), CellRoom.ofMiB("n2", 4, 4, 2048, 2048)),
            on("a", "n1", 1, 256),
            on("b", "n1", 1, 256),
            on("c", "n1", 1, 256),
            on("d", "n1", 1, 256));
    // the first in name order moves first
    assertEquals(List.of(new Move("a", "n1", "n2"), new Move("b", "n1", "n2")), plan.moves());
    assertEquals(0.0, plan.after().cpu());
  }

  @Test
  void aCellWithoutRoomReceivesNothing() {
    // n2 has a CPU free but not the memory p2 needs
    Rebalancing.Plan plan =
        plan(
            List.of(CellRoom.ofMiB("n1", 2, 0, 768, 384), CellRoom.ofMiB("n2", 1, 1, 768, 100)),
            on("p1", "n1", 1, 192),
            on("p2", "n1", 1, 192));
    assertEquals(List.of(), plan.moves());
  }

  @Test
  void memoryBreaksATieInCpuLoad() {
    // n1 (4 CPUs, 1024 MiB) holds a (128 MiB) and b (512 MiB); n2 (4 CPUs, 2048 MiB) is idle.
    // Moving either evens the CPUs (25% each); memory then: a moved leaves 512/1024 against
    // 128/2048 (spread 0.4375), b moved leaves 128/1024 against 512/2048 (0.125): b goes.
    Rebalancing.Plan plan =
        plan(
            List.of(CellRoom.ofMiB("n1", 4, 2, 1024, 384), CellRoom.ofMiB("n2", 4, 4, 2048, 2048)),
            on("a", "n1", 1, 128),
            on("b", "n1", 1, 512));
    assertEquals(List.of(new Move("b", "n1", "n2")), plan.moves());
    assertEquals(0.125, plan.after().memory());
  }

  @Test
  void aPartitionOverSeveralCellsStays() {
    Rebalancing.Plan plan =
        plan(
            List.of(CellRoom.ofMiB("n1", 2, 0, 1024, 512), CellRoom.ofMiB("n2", 2, 1, 1024, 768)),
            new Resident("x", 2, DataSize.ofMiB(512), List.of("n1", "n2")),
            on("y", "n1", 1, 256));
    assertEquals(List.of(), plan.moves());
    assertEquals(List.of("x"), plan.spanning());
  }
}
