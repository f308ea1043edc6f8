package dev.nestbed.migration;

import dev.nestbed.aggregator.pool.ProcessPlacement;
import dev.nestbed.core.value.DataSize;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What a {@link CellMove} did and what it cost, read inside the pool and from the guest.
 *
 * @param cpus the pool CPUs the partition's vCPUs and QEMU threads are pinned to now
 * @param nodes the pool NUMA nodes its memory is restricted to now
 * @param took from the first re-pin to the memory restriction returning (the kernel has migrated
 *     the pages by then)
 * @param before where its QEMU's memory and vCPUs were just before
 * @param after where they are just after
 * @param guest the heartbeats around the move: the longest arrival gap and lost beats
 */
public record MoveResult(List<String> toCells, Set<Integer> cpus, Set<Integer> nodes, Duration took,
    ProcessPlacement before, ProcessPlacement after, GuestDowntime guest) {

  /** Memory that arrived on the new nodes. */
  public DataSize memoryMoved() {
    long moved = after.memoryOn(nodes).bytes() - before.memoryOn(nodes).bytes();
    return DataSize.ofBytes(Math.max(0, moved));
  }

  /** The share of the QEMU's memory on the new nodes afterwards, 0 to 1. */
  public double shareOnNewCells() {
    long all = after.memory().bytes();
    return all == 0 ? 0 : (double) after.memoryOn(nodes).bytes() / all;
  }

  /** Whether every vCPU thread may run only on the new cells' CPUs afterwards. */
  public boolean vcpusOnNewCells() {
    return after.vcpusConfinedTo(cpus);
  }
}
