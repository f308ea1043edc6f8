package dev.nestbed.aggregator.pool;

import dev.nestbed.core.value.DataSize;
import java.util.List;

/**
 * A pool as planned, before anything runs: its cells, the NUMA distance between every two cells,
 * and the spare nodes it reserves room for.
 *
 * @param distances row i, column j: the distance from cell i to cell j (10 on the diagonal)
 * @param remoteDistance the distance between any two different cells, spares included (the
 *     interconnect is uniform)
 * @param reservePerNode what the pool itself keeps of each node's memory (for a nested pool, the
 *     L1's own kernel, libvirt and QEMU); cells offer the rest to partitions
 */
public record PoolPlan(
    String name,
    String backend,
    List<Cell> cells,
    List<List<Integer>> distances,
    List<Cell> spares,
    int remoteDistance,
    DataSize reservePerNode) {

  public PoolPlan {
    cells = List.copyOf(cells);
    distances = distances.stream().map(List::copyOf).toList();
    spares = List.copyOf(spares);
  }

  public int totalCpus() {
    return cells.stream().mapToInt(Cell::cpus).sum();
  }

  public DataSize totalMemory() {
    return cells.stream().map(Cell::memory).reduce(DataSize.ZERO, DataSize::plus);
  }

  public java.util.Optional<Cell> cell(String node) {
    return cells.stream().filter(c -> c.node().equals(node)).findFirst();
  }
}
