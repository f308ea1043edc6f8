package dev.nestbed.scenario.plan;

import dev.nestbed.aggregator.pool.Cell;
import dev.nestbed.core.value.DataSize;
import java.util.ArrayList;
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
   * How each of {@code cells} stands against a partition's share of it (split as {@link #take}
   * splits), e.g. {@code cell 0 has 1 CPU and 1GiB free (short 1 vCPU and 512MiB)}; cells
   * where the share fits say only what they have free.
   */
  String shortfalls(List<String> cells, int vcpus, DataSize memory) {
    DataSize memoryShare = Placement.memoryShare(memory, cells.size());
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      int cpuShare = Placement.cpuShare(vcpus, cells.size(), i);
      Free f = free.get(cells.get(i));
      List<String> missing = new ArrayList<>();
      if (cpuShare > f.cpus()) {
        missing.add((cpuShare - f.cpus()) + " vCPU");
      }
      if (memoryShare.isGreaterThan(f.memory())) {
        missing.add(memoryShare.minus(f.memory()).toString());
      }
      out.append(out.length() == 0 ? "" : ", ").append("cell ").append(cells.get(i)).append(" has ")
          .append(f.cpus()).append(" CPU and ").append(f.memory()).append(" free")
          .append(missing.isEmpty() ? "" : " (short " + String.join(" and ", missing) + ")");
    }
    return out.toString();
  }

  /** Gives a partition's share back to the given cells (it stopped, moved away or shrank). */
  void give(List<String> cells, int vcpus, DataSize memory) {
    DataSize memoryShare = Placement.memoryShare(memory, cells.size());
    for (int i = 0; i < cells.size(); i++) {
      Free f = free.get(cells.get(i));
      if (f != null) {
        free.put(cells.get(i), new Free(f.cpus() + Placement.cpuShare(vcpus, cells.size(), i),
            f.memory().plus(memoryShare)));
      }
    }
  }

  /** Whether every one of {@code cells} is a cell of this pool from the start. */
  boolean knows(List<String> cells) {
    return !cells.isEmpty() && free.keySet().containsAll(cells);
  }

  /**
   * Takes a partition's share from the given cells, split evenly (vCPUs rounded up on the first
   * cells, memory split in whole MiB). Returns the reason when it does not fit.
   */
  Optional<String> take(List<String> cells, int vcpus, DataSize memory) {
    DataSize memoryShare = Placement.memoryShare(memory, cells.size());
    for (int i = 0; i < cells.size(); i++) {
      int cpuShare = Placement.cpuShare(vcpus, cells.size(), i);
      Free f = free.get(cells.get(i));
      if (!f.fits(cpuShare, memoryShare)) {
        return Optional.of(String.format("cell %s needs %d vCPU and %s, has %d CPU and %s free",
            cells.get(i), cpuShare, memoryShare, f.cpus(), f.memory()));
      }
    }
    for (int i = 0; i < cells.size(); i++) {
      int cpuShare = Placement.cpuShare(vcpus, cells.size(), i);
      Free f = free.get(cells.get(i));
      free.put(cells.get(i), new Free(f.cpus() - cpuShare, f.memory().minus(memoryShare)));
    }
    return Optional.empty();
  }
}
