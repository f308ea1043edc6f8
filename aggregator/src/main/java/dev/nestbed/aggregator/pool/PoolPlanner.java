package dev.nestbed.aggregator.pool;

import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.core.libvirt.NumaCell;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.core.value.TimeSpan;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans a pool from its member nodes: one cell per node, with the node's CPUs and its memory less
 * the per-node reserve (what the pool's own kernel and hypervisor need on that node), and NUMA
 * distances derived from the interconnect.
 *
 * <h2>Distances</h2>
 *
 * ACPI SLIT distances are memory latencies relative to local access, times 10. Local DRAM is taken
 * as {@value #LOCAL_MEMORY_NANOS} ns; a remote access adds the interconnect's one-way latency. So
 * {@code remote = round(10 * (100ns + latency) / 100ns)}, clamped to 11..254 (SLIT's range; 255
 * means unreachable). A 2 us interconnect gives 210; a 100 ns one gives 20, the figure a two-socket
 * server reports.
 *
 * <p>A machine adopted by URI is planned from what its libvirt reports instead: see {@link
 * #discovered}.
 */
public final class PoolPlanner {
  /** Local DRAM latency assumed by the distance formula. */
  public static final long LOCAL_MEMORY_NANOS = 100;

  public static final int LOCAL_DISTANCE = 10;

  /** What Linux assumes between two cells when the firmware gives no distance table. */
  public static final int DEFAULT_REMOTE_DISTANCE = 20;

  private PoolPlanner() {}

  public static PoolPlan plan(
      String name,
      String backend,
      List<NodeSpec> members,
      List<NodeSpec> spares,
      DataSize reservePerNode,
      TimeSpan interconnectLatency) {
    List<Cell> cells = members.stream().map(n -> cellOf(n, reservePerNode)).toList();
    List<Cell> spareCells = spares.stream().map(n -> cellOf(n, reservePerNode)).toList();
    int remote = remoteDistance(interconnectLatency);
    List<List<Integer>> distances = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      List<Integer> row = new ArrayList<>();
      for (int j = 0; j < cells.size(); j++) {
        row.add(i == j ? LOCAL_DISTANCE : remote);
      }
      distances.add(row);
    }
    return new PoolPlan(name, backend, cells, distances, spareCells, remote, reservePerNode);
  }

  /**
   * Plans a {@code host} pool from the NUMA cells a machine's libvirt reports: one cell per NUMA
   * cell, named by its libvirt id ("0", "1", ...), offering its CPUs and its memory less the
   * reserve, in whole MiB (libvirt counts KiB; partitions are sized in MiB); distances as libvirt
   * reports them, and where it reports none (a machine without a SLIT), {@value #LOCAL_DISTANCE}
   * locally and {@value #DEFAULT_REMOTE_DISTANCE} remotely, as Linux assumes.
   */
  public static PoolPlan discovered(
      String name, List<NumaCell> numaCells, DataSize reservePerCell) {
    List<Cell> cells =
        numaCells.stream()
            .map(
                c ->
                    new Cell(
                        String.valueOf(c.id()),
                        c.cpus().size(),
                        DataSize.ofMiB(less(c.memory(), reservePerCell).mib())))
            .toList();
    List<List<Integer>> distances = new ArrayList<>();
    int farthest = DEFAULT_REMOTE_DISTANCE;
    for (NumaCell from : numaCells) {
      List<Integer> row = new ArrayList<>();
      for (NumaCell to : numaCells) {
        int distance =
            from.distances()
                .getOrDefault(
                    to.id(), from.id() == to.id() ? LOCAL_DISTANCE : DEFAULT_REMOTE_DISTANCE);
        row.add(distance);
        farthest = from.id() == to.id() ? farthest : Math.max(farthest, distance);
      }
      distances.add(row);
    }
    // A real machine's interconnect need not be uniform; the farthest pair stands for it.
    return new PoolPlan(name, "host", cells, distances, List.of(), farthest, reservePerCell);
  }

  /** The SLIT distance between two cells joined by an interconnect of this latency. */
  public static int remoteDistance(TimeSpan latency) {
    double relative = (LOCAL_MEMORY_NANOS + latency.toNanos()) / (double) LOCAL_MEMORY_NANOS;
    return (int) Math.max(11, Math.min(254, Math.round(LOCAL_DISTANCE * relative)));
  }

  private static Cell cellOf(NodeSpec node, DataSize reserve) {
    return new Cell(node.name(), node.cpus(), less(node.memory(), reserve));
  }

  private static DataSize less(DataSize memory, DataSize reserve) {
    return memory.compareTo(reserve) > 0 ? memory.minus(reserve) : DataSize.ZERO;
  }
}
