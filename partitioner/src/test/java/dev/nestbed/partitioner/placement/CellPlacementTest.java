package dev.nestbed.partitioner.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nestbed.core.value.DataSize;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CellPlacementTest {
  private static CellLedger twoCells() {
    return new CellLedger(
        List.of(
            CellRoom.empty("n1", 2, DataSize.ofGiB(1)),
            CellRoom.empty("n2", 2, DataSize.ofGiB(1))));
  }

  private static PlacementRequest oneCell(String name, PlacementPolicy policy) {
    return new PlacementRequest(name, 1, DataSize.ofMiB(512), List.of(), policy);
  }

  @Test
  void packFillsTheFirstCellBeforeTheNext() {
    CellLedger ledger = twoCells();
    assertEquals(
        Optional.of(List.of("n1")),
        CellPlacement.place(ledger, oneCell("a", PlacementPolicy.PACK)));
    assertEquals(
        Optional.of(List.of("n1")),
        CellPlacement.place(ledger, oneCell("b", PlacementPolicy.PACK)));
    assertEquals(
        Optional.of(List.of("n2")),
        CellPlacement.place(ledger, oneCell("c", PlacementPolicy.PACK)));
    assertEquals(0, ledger.room("n1").cpusFree());
    assertEquals(0, ledger.room("n1").memoryFreeBytes());
  }

  @Test
  void spreadTakesTheCellWithTheMostFreeMemoryTheFirstOnATie() {
    CellLedger ledger = twoCells();
    assertEquals(
        Optional.of(List.of("n1")),
        CellPlacement.place(ledger, oneCell("a", PlacementPolicy.SPREAD)));
    // n1 has 512MiB left, n2 1GiB
    assertEquals(
        Optional.of(List.of("n2")),
        CellPlacement.place(ledger, oneCell("b", PlacementPolicy.SPREAD)));
    // 512MiB each: the tie goes to n1
    assertEquals(
        Optional.of(List.of("n1")),
        CellPlacement.place(ledger, oneCell("c", PlacementPolicy.SPREAD)));
  }

  @Test
  void namedCellsShareVcpusRemainderFirstAndMemoryEvenly() {
    CellLedger ledger = twoCells();
    PlacementRequest wide =
        new PlacementRequest(
            "w", 3, DataSize.ofMiB(768), List.of("n1", "n2"), PlacementPolicy.PACK);
    assertEquals(Optional.of(List.of("n1", "n2")), CellPlacement.place(ledger, wide));
    // n1: 2 of 3 vCPUs, n2: 1; 384MiB on each
    assertEquals(0, ledger.room("n1").cpusFree());
    assertEquals(1, ledger.room("n2").cpusFree());
    assertEquals(DataSize.ofMiB(640).bytes(), ledger.room("n1").memoryFreeBytes());
    assertEquals(DataSize.ofMiB(640).bytes(), ledger.room("n2").memoryFreeBytes());
  }

  @Test
  void aRefusedPartitionTakesNothingAndSaysWhatEachCellLacks() {
    CellLedger ledger =
        new CellLedger(
            List.of(
                CellRoom.empty("n1", 1, DataSize.ofMiB(256)),
                CellRoom.empty("n2", 1, DataSize.ofMiB(1024))));
    PlacementRequest big =
        new PlacementRequest(
            "p", 2, DataSize.ofMiB(1024), List.of("n1", "n2"), PlacementPolicy.PACK);
    assertEquals(Optional.empty(), CellPlacement.place(ledger, big));
    assertEquals(DataSize.ofMiB(1024).bytes(), ledger.room("n2").memoryFreeBytes());
    assertEquals(
        "needs 2 vCPU and 1GiB on cells n1+n2: cell n1 has 1 CPU and 256MiB free (short 256MiB),"
            + " cell n2 has 1 CPU and 1GiB free",
        CellPlacement.shortfall(ledger, big));
  }

  @Test
  void aPartitionForOneCellIsMeasuredAgainstEveryCell() {
    CellLedger ledger =
        new CellLedger(
            List.of(
                CellRoom.empty("n1", 1, DataSize.ofMiB(256)),
                CellRoom.empty("n2", 0, DataSize.ofGiB(1))));
    PlacementRequest p = oneCell("p", PlacementPolicy.SPREAD);
    assertEquals(Optional.empty(), CellPlacement.place(ledger, p));
    assertEquals(
        "needs 1 vCPU and 512MiB on one cell: cell n1 has 1 CPU and 256MiB free (short 256MiB),"
            + " cell n2 has 0 CPU and 1GiB free (short 1 vCPU)",
        CellPlacement.shortfall(ledger, p));
  }

  @Test
  void aScenarioNamesItsPolicyOrGetsPack() {
    assertEquals(PlacementPolicy.SPREAD, PlacementPolicy.of("spread"));
    assertEquals(PlacementPolicy.PACK, PlacementPolicy.of("pack"));
    assertEquals(PlacementPolicy.PACK, PlacementPolicy.of(null));
  }
}
