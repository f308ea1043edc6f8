package dev.nestbed.partitioner.placement;

import dev.nestbed.core.value.DataSize;
import java.util.List;

/**
 * A partition placed on cells of a pool, at its size now, split over its cells as {@link
 * CellShares} splits it.
 */
public record Resident(String partition, int vcpus, DataSize memory, List<String> cells) {
  public Resident {
    cells = List.copyOf(cells);
  }

  /** The vCPUs it holds on {@code cell}, one of its cells. */
  public int cpusOn(String cell) {
    return CellShares.cpuShare(vcpus, cells.size(), index(cell));
  }

  /** The memory it holds on each of its cells. */
  public DataSize memoryShare() {
    return CellShares.memoryShare(memory, cells.size());
  }

  private int index(String cell) {
    int i = cells.indexOf(cell);
    if (i < 0) {
      throw new IllegalArgumentException(
          "partition " + partition + " is not on cell " + cell + " but on " + cells);
    }
    return i;
  }
}
