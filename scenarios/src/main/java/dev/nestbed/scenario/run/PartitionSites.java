package dev.nestbed.scenario.run;

import dev.nestbed.aggregator.NodeFiles;
import dev.nestbed.aggregator.pool.CellBinding;
import dev.nestbed.aggregator.pool.GuestsInside;
import dev.nestbed.aggregator.pool.PartitionHosting;
import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.partitioner.PartitionEnvironment;
import dev.nestbed.partitioner.PartitionSite;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where in its pool a partition starts and how its guest executes there: bound to the cells of its
 * placement, inside a nested pool's L1 (as an L2 under TCG), on a remote host from the guest image
 * placed there, or on this machine. {@code start} asks this of the pools it built; {@code plan}
 * asks it of the pools as planned, so both define the same domain.
 */
final class PartitionSites {
  /** L2 guests run under TCG: nestbed does not detect nested KVM inside an L1 (yet). */
  static final Accelerator L2_ACCELERATOR =
      new Accelerator(Accelerator.Kind.TCG, "an L2 guest inside a nested pool's L1");

  private PartitionSites() {}

  /**
   * The site of a partition and the environment it starts in (the run's, but for its accelerator).
   */
  record Chosen(PartitionSite site, PartitionEnvironment environment) {}

  /**
   * Chooses the site of partition {@code name} placed on {@code cells} of {@code pool}. For a pool
   * on a remote host this places the guest image there through {@link NodeFiles#place} (once per
   * run).
   *
   * @throws NotSupportedException for a pool whose libvirtd is on another machine that nestbed
   *     cannot place files on
   */
  static Chosen choose(
      String name, List<String> cells, PartitionHosting pool, PartitionEnvironment environment) {
    List<CellBinding> bindings =
        cells.stream().map(pool::binding).flatMap(Optional::stream).toList();
    Optional<GuestsInside> inside = pool.guestsInside();
    if (inside.isPresent()) {
      return new Chosen(
          PartitionSite.inside(bindings, inside.get().images(), inside.get().consoles()),
          withAccelerator(environment, L2_ACCELERATOR));
    }
    if (pool.files().isPresent()) {
      NodeFiles files = pool.files().get();
      Path kernel = files.place(environment.image().kernel());
      files.place(environment.image().initramfs());
      Path kernelDirectory =
          Objects.requireNonNull(kernel.getParent(), "a placed kernel lies in a directory");
      return new Chosen(
          PartitionSite.onHost(
              bindings, kernelDirectory, files.writableDirectory(), pool.emulatedMachine()),
          withAccelerator(environment, pool.accelerator().orElse(environment.accelerator())));
    }
    // The guest image and console file are on this machine: the pool's libvirtd must be too.
    Optional<String> elsewhere = pool.whyNotOnThisMachine();
    if (elsewhere.isPresent()) {
      throw new NotSupportedException(
          "starting partition "
              + name
              + " in pool "
              + pool.name()
              + " ("
              + elsewhere.get()
              + "): a partition on a remote host pool (its guest image and console file must be"
              + " on this machine)",
          pool.plan().backend());
    }
    return new Chosen(PartitionSite.onThisMachine(bindings), environment);
  }

  private static PartitionEnvironment withAccelerator(
      PartitionEnvironment environment, Accelerator accelerator) {
    return new PartitionEnvironment(
        environment.runId(),
        environment.image(),
        accelerator,
        environment.stateRoot(),
        environment.keptLogs());
  }
}
