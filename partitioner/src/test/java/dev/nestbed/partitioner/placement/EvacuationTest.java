package dev.nestbed.partitioner.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.value.DataSize;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvacuationTest {
  @Test
  void theLargestGoesFirstToTheCellWithTheMostFreeMemory() {
    // n1 leaves with p2 (256 MiB) and p1 (512 MiB) on it; n2 has 600 MiB free, n3 400 MiB
    CellSnapshot pool =
        CellSnapshot.inWholeMiB(
            "big",
            List.of(
                CellRoom.ofMiB("n1", 2, 0, 1024, 256),
                CellRoom.ofMiB("n2", 2, 2, 1024, 600),
                CellRoom.ofMiB("n3", 2, 2, 1024, 400)),
            List.of(
                new Resident("p1", 1, DataSize.ofMiB(512), List.of("n1")),
                new Resident("p2", 1, DataSize.ofMiB(256), List.of("n1"))));
    Map<String, List<String>> targets = Evacuation.plan(pool, "n1", List.of("p1", "p2"));
    // p1 fits only on n2 (600 >= 512); n2 keeps 88 MiB, so p2 goes to n3
    assertEquals(List.of("p1", "p2"), List.copyOf(targets.keySet()));
    assertEquals(List.of("n2"), targets.get("p1"));
    assertEquals(List.of("n3"), targets.get("p2"));
  }

  @Test
  void aPartitionOverSeveralCellsMovesOnlyItsShareAndNotOntoItsOwnCells() {
    // w: 3 vCPUs, 768 MiB over n1+n2; n2 leaves with its 1 vCPU and 384 MiB
    CellSnapshot pool =
        CellSnapshot.inWholeMiB(
            "big",
            List.of(
                CellRoom.ofMiB("n1", 2, 0, 1024, 640),
                CellRoom.ofMiB("n2", 2, 1, 1024, 640),
                CellRoom.ofMiB("n3", 1, 1, 384, 384)),
            List.of(new Resident("w", 3, DataSize.ofMiB(768), List.of("n1", "n2"))));
    assertEquals(Map.of("w", List.of("n1", "n3")), Evacuation.plan(pool, "n2", List.of("w")));
  }

  @Test
  void sharesAreCountedAsTheAccountCountsThem() {
    // 256 MiB over three cells is 85.33 MiB each: 85 MiB in an account of whole MiB
    List<CellRoom> cells =
        List.of(
            CellRoom.ofMiB("n1", 1, 0, 512, 427),
            CellRoom.ofMiB("n2", 1, 0, 512, 427),
            CellRoom.ofMiB("n3", 1, 0, 512, 427),
            CellRoom.ofMiB("n4", 1, 1, 512, 85));
    List<Resident> residents =
        List.of(new Resident("t", 3, DataSize.ofMiB(256), List.of("n1", "n2", "n3")));
    assertEquals(
        Map.of("t", List.of("n1", "n2", "n4")),
        Evacuation.plan(CellSnapshot.inWholeMiB("big", cells, residents), "n3", List.of("t")));
    assertThrows(
        NestbedException.class,
        () -> Evacuation.plan(CellSnapshot.of("big", cells, residents), "n3", List.of("t")));
  }

  @Test
  void whenOneDoesNotFitNothingIsPlannedAndTheErrorGivesTheNumbers() {
    CellSnapshot pool =
        CellSnapshot.inWholeMiB(
            "big",
            List.of(CellRoom.ofMiB("n1", 2, 0, 1024, 256), CellRoom.ofMiB("n2", 2, 1, 1024, 576)),
            List.of(
                new Resident("p1", 1, DataSize.ofMiB(512), List.of("n1")),
                new Resident("p2", 1, DataSize.ofMiB(256), List.of("n1"))));
    NestbedException e =
        assertThrows(
            NestbedException.class, () -> Evacuation.plan(pool, "n1", List.of("p1", "p2")));
    assertEquals(
        "cannot evacuate node n1 of pool big: partition p2 needs 1 vCPU and 256 MiB on another cell,"
            + " free: n2 0 CPU and 64 MiB",
        e.getMessage());
  }
}
