package dev.nestbed.partitioner.placement;

import dev.nestbed.core.value.DataSize;
import java.util.List;

/**
 * What a partition asks of its pool at admission: its boot size, and either the cells it names
 * ({@code cells}, split over them) or a policy to pick one cell.
 */
public record PlacementRequest(
    String partition, int vcpus, DataSize memory, List<String> cells, PlacementPolicy policy) {
  public PlacementRequest {
    cells = List.copyOf(cells);
  }

  /** Whether the partition names its cells rather than leaving them to the policy. */
  public boolean namesCells() {
    return !cells.isEmpty();
  }
}
