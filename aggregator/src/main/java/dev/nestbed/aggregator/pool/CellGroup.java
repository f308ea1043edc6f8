package dev.nestbed.aggregator.pool;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Some cells of a pool taken together, in the pool's own numbering: the CPUs a partition on them
 * may run on and the NUMA nodes its memory may live on.
 */
public record CellGroup(Set<Integer> cpus, Set<Integer> nodes) {
  public CellGroup {
    cpus = Collections.unmodifiableSet(new TreeSet<>(cpus));
    nodes = Collections.unmodifiableSet(new TreeSet<>(nodes));
  }
}
