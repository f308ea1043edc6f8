package dev.nestbed.partitioner.placement;

import dev.nestbed.core.value.DataSize;
import java.util.Optional;

/**
 * The cell of its destination pool a migrating partition lands on: the one with the most free
 * memory that has room for all of it.
 */
public final class DestinationCell {
  private DestinationCell() {}

  /** Empty when no cell of {@code destination} has room for {@code vcpus} and {@code memory}. */
  public static Optional<String> choose(CellSnapshot destination, int vcpus, DataSize memory) {
    return destination
        .ledger()
        .mostFreeMemoryFitting(c -> true, vcpus, destination.counted(memory));
  }
}
