package dev.nestbed.aggregator.pool;

import dev.nestbed.aggregator.NodeFiles;
import dev.nestbed.core.accel.Accelerator;
import java.util.Optional;

/**
 * What a pool says about how it hosts partitions: the cells a partition is bound to, where its
 * files are, and how its guests execute. A running {@link Pool} answers from what it built; a pool
 * as planned answers the same questions before anything runs, so that {@code nestbed plan} renders
 * a partition's domain exactly as {@code run} defines it.
 */
public interface PartitionHosting {
  PoolPlan plan();

  default String name() {
    return plan().name();
  }

  /**
   * The NUMA node and CPUs inside the pool that stand for {@code cell} (a cell name of the plan),
   * or empty when the pool does not split into cells a partition can be bound to (a host pool that
   * adopts one node is that node).
   */
  default Optional<CellBinding> binding(String cell) {
    return Optional.empty();
  }

  /**
   * Where the pool keeps its partitions' files when they run inside it (L2 guests of a nested
   * pool); empty when they run on the pool's machine itself, from files on this machine.
   */
  default Optional<GuestsInside> guestsInside() {
    return Optional.empty();
  }

  /**
   * How files reach the pool's machine when it is an existing host elsewhere that nestbed reaches
   * through libvirt (a host pool over a remote node): partitions run there from images placed on
   * it. Empty for pools whose partitions' files are here or inside the pool.
   */
  default Optional<NodeFiles> files() {
    return Optional.empty();
  }

  /**
   * True when the pool's machine is itself emulated (see {@link
   * dev.nestbed.aggregator.Node#emulated()}).
   */
  default boolean emulatedMachine() {
    return false;
  }

  /**
   * How the pool's partitions execute, when the pool's machine decides it; empty for the run's own.
   */
  default Optional<Accelerator> accelerator() {
    return Optional.empty();
  }

  /**
   * Empty when the pool's libvirt runs on this machine, so its partitions' files can be here;
   * otherwise why nestbed cannot assume that (a machine adopted by a uri naming another host).
   */
  default Optional<String> whyNotOnThisMachine() {
    return Optional.empty();
  }
}
