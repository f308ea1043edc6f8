package dev.nestbed.aggregator.pool;

import dev.nestbed.core.model.RemoteCellAccess;
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

  /**
   * The NUMA distance between the cells of nodes {@code a} and {@code b}: 10 for one cell, the
   * planned distance between member cells, the interconnect's remote distance where a spare is one
   * of them.
   */
  public int distance(String a, String b) {
    if (a.equals(b)) {
      return 10;
    }
    int i = indexOf(a);
    int j = indexOf(b);
    return i >= 0 && j >= 0 ? distances.get(i).get(j) : remoteDistance;
  }

  /**
   * The model's mean memory latency of a partition spread evenly over {@code nodes}' cells, in
   * percent of a local access ({@link RemoteCellAccess}).
   */
  public double memoryLatencyPercent(List<String> nodes) {
    return 100 * RemoteCellAccess.relativeLatency(distances(nodes));
  }

  /** The SLIT distances among {@code nodes}' cells, in their order. */
  public int[][] distances(List<String> nodes) {
    int[][] d = new int[nodes.size()][nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
      for (int j = 0; j < nodes.size(); j++) {
        d[i][j] = distance(nodes.get(i), nodes.get(j));
      }
    }
    return d;
  }

  private int indexOf(String node) {
    for (int i = 0; i < cells.size(); i++) {
      if (cells.get(i).node().equals(node)) {
        return i;
      }
    }
    return -1;
  }

  public java.util.Optional<Cell> cell(String node) {
    return cells.stream().filter(c -> c.node().equals(node)).findFirst();
  }
}
