package dev.nestbed.partitioner.placement;

import dev.nestbed.core.value.DataSize;

/**
 * How a partition placed on several cells is split over them: vCPUs evenly, the remainder on the
 * first cells; memory evenly. Admission, the cell account and every policy split the same way.
 */
public final class CellShares {
  private CellShares() {}

  /**
   * The vCPUs of a partition of {@code vcpus} on its {@code index}-th of {@code cellCount} cells.
   */
  public static int cpuShare(int vcpus, int cellCount, int index) {
    return vcpus / cellCount + (index < vcpus % cellCount ? 1 : 0);
  }

  /**
   * The memory of a partition each of its {@code cellCount} cells holds (rounded down to a byte).
   */
  public static DataSize memoryShare(DataSize memory, int cellCount) {
    return DataSize.ofBytes(memory.bytes() / cellCount);
  }
}
