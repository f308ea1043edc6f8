package dev.nestbed.scenario.run;

import dev.nestbed.aggregator.NodeFiles;
import dev.nestbed.aggregator.pool.CellBinding;
import dev.nestbed.aggregator.pool.GuestsInside;
import dev.nestbed.aggregator.pool.NestedPool;
import dev.nestbed.aggregator.pool.PartitionHosting;
import dev.nestbed.aggregator.pool.PoolPlan;
import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.libvirt.RunStoragePool;
import dev.nestbed.core.run.RunId;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A pool before it is built, answering what the built pool will answer about hosting partitions: a
 * nested pool binds them to its L1's cells and runs them inside from its images disk; a host pool
 * over a node of provider {@code remote} or {@code vagrant} runs them from the guest image uploaded
 * into the run's storage pool there, under TCG; a host pool over a local node is that node. Pools
 * adopted by uri are not planned this way: their cells are read at run time.
 */
final class PlannedPool implements PartitionHosting {
  private final PoolPlan plan;
  private final String provider;
  private final RunId runId;
  private final Path guestImages;
  private final Accelerator accelerator;

  /**
   * @param provider the scenario's node provider
   * @param guestImages the directory of the run's guest image on this machine
   * @param accelerator how guests execute on this machine
   */
  PlannedPool(
      PoolPlan plan, String provider, RunId runId, Path guestImages, Accelerator accelerator) {
    this.plan = plan;
    this.provider = provider;
    this.runId = runId;
    this.guestImages = guestImages;
    this.accelerator = accelerator;
  }

  @Override
  public PoolPlan plan() {
    return plan;
  }

  private boolean nested() {
    return plan.backend().equals("nested");
  }

  /**
   * A node of any provider but {@code local} is a machine elsewhere, reached through its libvirt.
   */
  private boolean elsewhere() {
    return !nested() && !provider.equals("local");
  }

  @Override
  public Optional<CellBinding> binding(String cell) {
    return nested() ? Optional.of(NestedPool.bindingOf(plan, cell)) : Optional.empty();
  }

  @Override
  public Optional<GuestsInside> guestsInside() {
    return nested() ? Optional.of(NestedPool.guestsInsideFor(guestImages)) : Optional.empty();
  }

  /**
   * Where the remote node's upload puts each file: a volume of the file's name in the run's pool.
   */
  @Override
  public Optional<NodeFiles> files() {
    if (!elsewhere()) {
      return Optional.empty();
    }
    return Optional.of(
        new NodeFiles() {
          @Override
          public Path place(Path local) {
            return RunStoragePool.directoryOf(runId).resolve(local.getFileName().toString());
          }

          @Override
          public Path writableDirectory() {
            return RunStoragePool.directoryOf(runId);
          }
        });
  }

  /**
   * Vagrant machines are emulated when this machine has no KVM for them (see VagrantNodeProvider).
   */
  @Override
  public boolean emulatedMachine() {
    return elsewhere() && provider.equals("vagrant") && accelerator.kind() == Accelerator.Kind.TCG;
  }

  /**
   * Remote hosts run guests under TCG in this build, KVM or not (see
   * RemoteNodeProvider#accelerator).
   */
  @Override
  public Optional<Accelerator> accelerator() {
    return elsewhere()
        ? Optional.of(Accelerator.tcg("a remote host: this build runs its guests under TCG"))
        : Optional.empty();
  }
}
