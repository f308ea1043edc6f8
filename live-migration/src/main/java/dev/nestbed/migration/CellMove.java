package dev.nestbed.migration;

import dev.nestbed.aggregator.pool.CellGroup;
import dev.nestbed.aggregator.pool.Pool;
import dev.nestbed.aggregator.pool.ProcessPlacement;
import dev.nestbed.core.NestbedException;
import dev.nestbed.partitioner.Partition;
import java.time.Duration;
import java.util.List;

/**
 * {@code move}: a running partition goes from its cells to others of the same pool while it runs.
 * Inside a pool a cell is a NUMA node with its CPUs, so moving is re-pinning every vCPU and QEMU's
 * own threads to the new cells' CPUs, then restricting the memory to the new cells' nodes, which
 * makes the pool's kernel migrate the pages (libvirt's live numatune; cgroup v2 cpuset.mems). Where
 * the memory and vCPUs are is read inside the pool before and after, and the guest's heartbeats
 * tell what it noticed. Whether it landed is {@link MoveResult#requireLanded}'s call.
 */
public final class CellMove {
  /** How long to wait for a heartbeat after the move, to close the gap measurement. */
  private static final Duration NEXT_BEAT = Duration.ofSeconds(30);

  /** Beats from this long before the move open the gap measurement. */
  private static final Duration LOOK_BACK = Duration.ofSeconds(1);

  private CellMove() {}

  /**
   * Moves {@code partition}, running in {@code pool}, onto {@code toCells} (cell names of the
   * pool).
   */
  public static MoveResult run(Partition partition, Pool pool, List<String> toCells) {
    CellGroup target =
        pool.group(toCells)
            .orElseThrow(
                () ->
                    new NestbedException(
                        "cannot move partition "
                            + partition.spec().name()
                            + " inside pool "
                            + pool.name()
                            + ": the pool has no cells "
                            + toCells
                            + " to bind it to",
                        "a host pool over one node is one cell; move needs a nested pool"));
    String domain = partition.domainName();
    ProcessPlacement before = placement(pool, domain);
    long began = System.nanoTime();
    partition.rebind(target.cpus(), target.nodes());
    long ended = System.nanoTime();
    ProcessPlacement after = placement(pool, domain);
    long nextBeat = awaitBeatAfter(partition, ended);
    // From a beat before the move to the first one after it: the gap that spans the move counts.
    GuestDowntime gap =
        GuestDowntime.measure(
            partition.heartbeats().snapshot(), began - LOOK_BACK.toNanos(), nextBeat);
    return new MoveResult(toCells, target, Duration.ofNanos(ended - began), before, after, gap);
  }

  private static ProcessPlacement placement(Pool pool, String domain) {
    return pool.placementOf(domain)
        .orElseThrow(
            () ->
                new NestbedException(
                    "cannot move inside pool "
                        + pool.name()
                        + ": nestbed cannot look inside it to see where the memory is",
                    "move needs a nested pool"));
  }

  /** The host arrival time of the first heartbeat after {@code nanos}. */
  private static long awaitBeatAfter(Partition partition, long nanos) {
    try {
      return partition
          .heartbeats()
          .awaitAfter(nanos, NEXT_BEAT)
          .map(b -> b.hostNanos())
          .orElseThrow(
              () ->
                  new NestbedException(
                      "partition "
                          + partition.spec().name()
                          + " sent no heartbeat within "
                          + NEXT_BEAT.toSeconds()
                          + " s after its move",
                      "see its console log under logs/pool-<pool>.l1/qemu/"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NestbedException(
          "interrupted while waiting for partition "
              + partition.spec().name()
              + " to beat after its move");
    }
  }
}
