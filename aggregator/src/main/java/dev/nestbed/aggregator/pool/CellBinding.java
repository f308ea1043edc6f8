package dev.nestbed.aggregator.pool;

import java.util.List;

/**
 * How a partition is bound to one cell of its pool, in the pool's own numbering: the NUMA node id
 * its memory is restricted to and the CPU ids its vCPUs are pinned to.
 */
public record CellBinding(String cell, int numaNode, List<Integer> cpus) {
  public CellBinding {
    cpus = List.copyOf(cpus);
  }
}
