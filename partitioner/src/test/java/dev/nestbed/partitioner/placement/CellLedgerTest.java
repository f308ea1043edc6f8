package dev.nestbed.partitioner.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.value.DataSize;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CellLedgerTest {
  private static CellLedger twoCells() {
    return new CellLedger(
        List.of(
            CellRoom.empty("n1", 2, DataSize.ofGiB(1)),
            CellRoom.empty("n2", 1, DataSize.ofGiB(1))));
  }

  @Test
  void aSplitThatDoesNotFitTakesNothingAndNamesTheCell() {
    CellLedger ledger = twoCells();
    // 3 vCPUs over n1+n2: 2 on n1, 1 on n2; 1.5GiB: 768MiB on each
    assertEquals(Optional.empty(), ledger.take(List.of("n1", "n2"), 3, DataSize.ofMiB(1536)));
    assertEquals(
        Optional.of("cell n1 needs 1 vCPU and 256MiB, has 0 CPU and 256MiB free"),
        ledger.take(List.of("n1"), 1, DataSize.ofMiB(256)));
    assertEquals(DataSize.ofMiB(256).bytes(), ledger.room("n2").memoryFreeBytes());
  }

  @Test
  void whatIsGivenBackIsSplitAsItWasTaken() {
    CellLedger ledger = twoCells();
    ledger.take(List.of("n1", "n2"), 3, DataSize.ofMiB(1536));
    ledger.give(List.of("n1", "n2"), 3, DataSize.ofMiB(1536));
    ledger.give(List.of("gone"), 1, DataSize.ofMiB(1)); // a cell that left: nothing to credit
    assertEquals(2, ledger.room("n1").cpusFree());
    assertEquals(1, ledger.room("n2").cpusFree());
    assertEquals(DataSize.ofGiB(1).bytes(), ledger.room("n2").memoryFreeBytes());
  }

  @Test
  void anOvercommittedCellGoesNegativeAndSaysSo() {
    CellLedger ledger = new CellLedger(List.of(CellRoom.ofMiB("n1", 1, 0, 512, -64)));
    assertFalse(ledger.fits("n1", 0, DataSize.ofMiB(1)));
    assertEquals("n1 0 CPU and -64 MiB", ledger.describe(Set.of()));
    assertEquals(
        "cell n1 has 0 CPU and -64MiB free (short 128MiB)",
        ledger.shortfalls(List.of("n1"), 0, DataSize.ofMiB(64)));
    assertEquals(1.125, ledger.room("n1").memoryLoad());
  }

  @Test
  void knowsOnlyItsOwnCells() {
    assertTrue(twoCells().knows(List.of("n2", "n1")));
    assertFalse(twoCells().knows(List.of("n1", "n3")));
    assertFalse(twoCells().knows(List.of()));
  }
}
