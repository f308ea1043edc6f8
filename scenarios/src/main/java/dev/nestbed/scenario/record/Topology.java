package dev.nestbed.scenario.record;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What was built: nodes, pools with their cells, and where each partition was placed. */
public record Topology(List<NodeInfo> nodes, List<PoolInfo> pools, List<PlacementInfo> placements) {
  /**
   * A node: name, provider, the CPUs and memory it brings (memory in MiB), its address, and what
   * the provider learned of it (for an existing host: its URI, libvirt and QEMU versions, size and
   * accelerator; empty for nodes nestbed made here).
   */
  public record NodeInfo(
      String name, String provider, int cpus, long memoryMib, String address, String about) {
    /** A node nestbed made here, which needs no description beyond the run's own. */
    public NodeInfo(String name, String provider, int cpus, long memoryMib, String address) {
      this(name, provider, cpus, memoryMib, address, "");
    }
  }

  /**
   * A pool: its backend, one cell per member node, NUMA distances between cells (row i, column j),
   * its spare nodes, and the NUMA cells its own libvirt reported once it ran (empty if it never
   * ran): the plan next to what the pool's kernel really sees; and the faults of the platform met
   * while it was built and got over (an L1 that stopped on its own while booting and was booted
   * again), empty when there were none.
   */
  public record PoolInfo(
      String name,
      String backend,
      List<CellInfo> cells,
      List<List<Integer>> distances,
      List<String> spares,
      List<ObservedCell> observed,
      List<String> bootFaults) {}

  /**
   * A NUMA cell as the pool's libvirt reports it: id, CPUs, memory (MiB) and distances by cell id.
   */
  public record ObservedCell(int id, int cpus, long memoryMib, List<Integer> distances) {}

  /**
   * A cell of a pool: the node it stands for and the CPUs and memory (MiB) it offers partitions.
   */
  public record CellInfo(String node, int cpus, long memoryMib) {}

  /**
   * Where a partition runs: its pool, the cells (or node) it is placed on, and its size; and, when
   * a move, rebalance, evacuation or migration took it elsewhere, where it was at the end ({@code
   * endPool} and {@code endCells} are null when it stayed where it was placed).
   */
  public record PlacementInfo(
      String partition,
      String pool,
      List<String> cells,
      int vcpus,
      int maxVcpus,
      long memoryMib,
      @Nullable String endPool,
      @Nullable List<String> endCells) {
    /**
     * Where the partition was at the end of the run: where it was placed, unless it went elsewhere.
     */
    public String poolAtEnd() {
      return endPool == null ? pool : endPool;
    }

    public List<String> cellsAtEnd() {
      return endCells == null ? cells : endCells;
    }

    /** Whether it ended somewhere else than it was placed. */
    public boolean wentElsewhere() {
      return endPool != null
          && (!endPool.equals(pool) || !java.util.Objects.equals(endCells, cells));
    }
  }
}
