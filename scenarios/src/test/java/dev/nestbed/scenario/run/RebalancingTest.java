package dev.nestbed.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nestbed.scenario.run.Rebalancing.Move;
import dev.nestbed.scenario.run.Rebalancing.Resident;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RebalancingTest {
  @Test
  void twoPartitionsOnOneCellSpreadOntoTheIdleOne() {
    // n1: 2 CPUs, both taken by p1 and p2; n2: 1 CPU, idle
    CellRooms rooms = new CellRooms().add("n1", 2, 0, 768, 384).add("n2", 1, 1, 768, 768);
    List<Move> moves = Rebalancing.plan(rooms, Map.of("p1", new Resident("n1", 1, 192), "p2", new Resident("n1", 1, 192)));
    assertEquals(List.of(new Move("p1", "n1", "n2")), moves);
  }

  @Test
  void oneBusyCellPerPartitionIsAlreadyEven() {
    // what moving p1 to the new n3 would do: shift the load, not even it out
    CellRooms rooms = new CellRooms().add("n1", 1, 0, 768, 576).add("n2", 1, 0, 768, 576).add("n3", 1, 1, 768, 768);
    assertEquals(List.of(), Rebalancing.plan(rooms,
        Map.of("p1", new Resident("n1", 1, 192), "p2", new Resident("n2", 1, 192))));
  }

  @Test
  void fourPartitionsOnOneCellEndTwoAndTwo() {
    CellRooms rooms = new CellRooms().add("n1", 4, 0, 2048, 1024).add("n2", 4, 4, 2048, 2048);
    Map<String, Resident> residents = Map.of("a", new Resident("n1", 1, 256), "b", new Resident("n1", 1, 256),
        "c", new Resident("n1", 1, 256), "d", new Resident("n1", 1, 256));
    List<Move> moves = Rebalancing.plan(rooms, residents);
    assertEquals(2, moves.size(), moves.toString());
    assertEquals(0.5, rooms.cpuLoad("n1"));
    assertEquals(0.5, rooms.cpuLoad("n2"));
  }

  @Test
  void aCellWithoutRoomReceivesNothing() {
    // n2 has a CPU free but not the memory p2 needs
    CellRooms rooms = new CellRooms().add("n1", 2, 0, 768, 384).add("n2", 1, 1, 768, 100);
    assertEquals(List.of(), Rebalancing.plan(rooms,
        Map.of("p1", new Resident("n1", 1, 192), "p2", new Resident("n1", 1, 192))));
  }
}
