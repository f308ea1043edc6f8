package dev.nestbed.partitioner.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nestbed.core.value.DataSize;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DestinationCellTest {
  private static final List<CellRoom> CELLS =
      List.of(
          CellRoom.ofMiB("n1", 2, 1, 1024, 512),
          CellRoom.ofMiB("n2", 2, 0, 1024, 768), // the most memory, but no CPU free
          CellRoom.ofMiB("n3", 2, 2, 1024, 640));

  @Test
  void theCellWithTheMostFreeMemoryThatHasRoom() {
    assertEquals(
        Optional.of("n3"),
        DestinationCell.choose(CellSnapshot.of("big", CELLS, List.of()), 1, DataSize.ofMiB(256)));
  }

  @Test
  void onATieTheFirstCell() {
    List<CellRoom> even =
        List.of(CellRoom.ofMiB("a", 1, 1, 512, 512), CellRoom.ofMiB("b", 1, 1, 512, 512));
    assertEquals(
        Optional.of("a"),
        DestinationCell.choose(CellSnapshot.of("p", even, List.of()), 1, DataSize.ofMiB(1)));
  }

  @Test
  void noCellWithRoomIsNoDestination() {
    assertEquals(
        Optional.empty(),
        DestinationCell.choose(CellSnapshot.of("big", CELLS, List.of()), 1, DataSize.ofMiB(641)));
  }

  @Test
  void aSnapshotInWholeMibCountsThePartitionInWholeMib() {
    // 640 MiB and a half: over n3's 640 MiB to the byte, 640 MiB as the run's cell account counts
    // it
    DataSize size = DataSize.ofBytes(DataSize.ofMiB(640).bytes() + DataSize.ofKiB(512).bytes());
    assertEquals(
        Optional.empty(),
        DestinationCell.choose(CellSnapshot.of("big", CELLS, List.of()), 1, size));
    assertEquals(
        Optional.of("n3"),
        DestinationCell.choose(CellSnapshot.inWholeMiB("big", CELLS, List.of()), 1, size));
  }
}
