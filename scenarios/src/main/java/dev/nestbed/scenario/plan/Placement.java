package dev.nestbed.scenario.plan;

import dev.nestbed.core.value.DataSize;
import dev.nestbed.partitioner.placement.CellShares;
import java.util.List;

/**
 * Where a partition runs: its pool and the cells (member nodes) it is bound to. {@code cells} is
 * empty until run time for a pool whose cells are discovered then (a host pool adopted by uri).
 */
public record Placement(String partition, String pool, List<String> cells) {
  public Placement {
    cells = List.copyOf(cells);
  }

  /**
   * The vCPUs of a partition of {@code vcpus} that go to its {@code index}-th of {@code cellCount}
   * cells: an even split, the remainder on the first cells.
   */
  public static int cpuShare(int vcpus, int cellCount, int index) {
    return CellShares.cpuShare(vcpus, cellCount, index);
  }

  /** The memory of a partition each of its {@code cellCount} cells holds: an even split. */
  public static DataSize memoryShare(DataSize memory, int cellCount) {
    return CellShares.memoryShare(memory, cellCount);
  }

  /** Whether the cells are still to be chosen, once the pool's cells are discovered at run time. */
  public boolean awaitsDiscovery() {
    return cells.isEmpty();
  }
}
