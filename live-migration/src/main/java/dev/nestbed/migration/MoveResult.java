package dev.nestbed.migration;

import dev.nestbed.aggregator.pool.CellGroup;
import dev.nestbed.aggregator.pool.ProcessPlacement;
import dev.nestbed.core.NestbedException;
import dev.nestbed.core.value.DataSize;
import java.time.Duration;
import java.util.List;

/**
 * What a {@link CellMove} did and what it cost, read inside the pool and from the guest.
 *
 * @param target the pool CPUs the partition's vCPUs and QEMU threads are pinned to now, and the
 *     pool NUMA nodes its memory is restricted to now
 * @param took from the first re-pin to the memory restriction returning (the kernel has migrated
 *     the pages by then)
 * @param before where its QEMU's memory and vCPUs were just before
 * @param after where they are just after
 * @param guest the heartbeats around the move: the longest arrival gap and lost beats
 */
public record MoveResult(
    List<String> toCells,
    CellGroup target,
    Duration took,
    ProcessPlacement before,
    ProcessPlacement after,
    GuestDowntime guest) {

  /** Memory that arrived on the new nodes. */
  public DataSize memoryMoved() {
    long moved = after.memoryOn(target.nodes()).bytes() - before.memoryOn(target.nodes()).bytes();
    return DataSize.ofBytes(Math.max(0, moved));
  }

  /** The share of the QEMU's memory on the new nodes afterwards, 0 to 1. */
  public double shareOnNewCells() {
    return after.shareOn(target.nodes());
  }

  /** Whether every vCPU thread may run only on the new cells' CPUs afterwards. */
  public boolean vcpusOnNewCells() {
    return after.vcpusConfinedTo(target.cpus());
  }

  /**
   * Fails unless the move landed: every vCPU confined to the new cells' CPUs and at least {@link
   * ProcessPlacement#ON_CELLS_MEMORY_SHARE} of the memory on their nodes. For a {@code move} step
   * and for each move of an evacuation alike.
   */
  public void requireLanded(String partition) {
    if (!vcpusOnNewCells()) {
      throw new NestbedException(
          "after the move the vCPUs of "
              + partition
              + " may still run outside CPUs "
              + target.cpus()
              + ": "
              + after,
          "see the pool's L1 logs under logs/");
    }
    if (shareOnNewCells() < ProcessPlacement.ON_CELLS_MEMORY_SHARE) {
      throw new NestbedException(
          String.format(
              "after the move only %.0f%% of the memory of %s is on nodes %s: %s",
              shareOnNewCells() * 100, partition, target.nodes(), after),
          "the pool's kernel could not migrate the pages; see the pool's L1 logs under logs/");
    }
  }
}
