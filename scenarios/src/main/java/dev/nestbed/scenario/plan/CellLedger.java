package dev.nestbed.scenario.plan;

import dev.nestbed.aggregator.pool.Cell;
import dev.nestbed.core.value.DataSize;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each cell of one pool has left as partitions are placed on it. Never goes negative: a
 * placement that does not fit is refused with the numbers.
 */
final class CellLedger {
  /** Free CPUs and memory of one cell. */
  record Free(int cpus, DataSize memory) {
    boolean fits(int vcpus, DataSize need) {
      return vcpus <= cpus && need.compareTo(memory) <= 0;
    }
  }

  private final Map<String, Free> free = new LinkedHashMap<>();

  CellLedger(List<Cell> cells) {
    cells.forEach(c -> free.put(c.node(), new Free(c.cpus(), c.memory())));
  }

  Free free(String cell) {
    return free.get(cell);
  }

  List<String> cells() {
    return List.copyOf(free.keySet());
  }

  /**
   * Takes a partition's share from the given cells, split evenly (vCPUs rounded up on the first
   * cells, memory split in whole MiB). Returns the reason when it does not fit.
   */
  Optional<String> take(List<String> cells, int vcpus, DataSize memory) {
    long memoryEach = memory.bytes() / cells.size();
    for (int i = 0; i < cells.size(); i++) {
      int cpuShare = vcpus / cells.size() + (i < vcpus % cells.size() ? 1 : 0);
      Free f = free.get(cells.get(i));
      if (!f.fits(cpuShare, DataSize.ofBytes(memoryEach))) {
        return Optional.of(String.format("cell %s needs %d vCPU and %s, has %d CPU and %s free",
            cells.get(i), cpuShare, DataSize.ofBytes(memoryEach), f.cpus(), f.memory()));
      }
    }
    for (int i = 0; i < cells.size(); i++) {
      int cpuShare = vcpus / cells.size() + (i < vcpus % cells.size() ? 1 : 0);
      Free f = free.get(cells.get(i));
      free.put(cells.get(i), new Free(f.cpus() - cpuShare, f.memory().minus(DataSize.ofBytes(memoryEach))));
    }
    return Optional.empty();
  }
}
