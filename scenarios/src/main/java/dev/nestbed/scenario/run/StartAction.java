package dev.nestbed.scenario.run;

import dev.nestbed.aggregator.NodeFiles;
import dev.nestbed.aggregator.pool.CellBinding;
import dev.nestbed.aggregator.pool.GuestsInside;
import dev.nestbed.aggregator.pool.Pool;
import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.partitioner.Partition;
import dev.nestbed.partitioner.PartitionEnvironment;
import dev.nestbed.partitioner.PartitionSite;
import dev.nestbed.scenario.kind.Measures;
import dev.nestbed.scenario.plan.Placement;
import dev.nestbed.scenario.record.Metric;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code start}: defines and starts partitions in their pools, all at once. The step ends when
 * every QEMU runs and its agent line is connected; {@code wait: {heartbeat: ...}} waits for boot.
 */
final class StartAction implements StepAction {
  /** L2 guests run under TCG: nestbed does not detect nested KVM inside an L1 (yet). */
  private static final Accelerator L2_ACCELERATOR = new Accelerator(Accelerator.Kind.TCG,
      "an L2 guest inside a nested pool's L1");
  private final List<String> partitions;

  StartAction(List<String> partitions) {
    this.partitions = partitions;
  }

  @Override
  public Map<String, Metric> run(RunState state) throws Exception {
    Map<String, Metric> metrics = new ConcurrentHashMap<>();
    Parallel.forEach(partitions, name -> {
      Placement placement = state.placement(name);
      Pool pool = state.pool(placement.pool());
      List<CellBinding> cells = placement.cells().stream().map(pool::binding).flatMap(Optional::stream).toList();
      PartitionSite site;
      PartitionEnvironment environment = state.environment;
      Optional<GuestsInside> inside = pool.guestsInside();
      if (inside.isPresent()) {
        site = PartitionSite.inside(cells, inside.get().images(), inside.get().consoles());
        environment = new PartitionEnvironment(environment.runId(), environment.image(), L2_ACCELERATOR,
            environment.stateRoot(), environment.keptLogs());
      } else if (pool.files().isPresent()) {
        NodeFiles files = pool.files().get();
        Path kernel = files.place(environment.image().kernel());
        files.place(environment.image().initramfs());
        site = PartitionSite.onHost(cells, kernel.getParent(), files.writableDirectory(), pool.emulatedMachine());
        Accelerator accelerator = pool.accelerator().orElse(environment.accelerator());
        environment = new PartitionEnvironment(environment.runId(), environment.image(), accelerator,
            environment.stateRoot(), environment.keptLogs());
      } else {
        // The guest image and console file are on this machine: the pool's libvirtd must be too.
        Optional<String> elsewhere = pool.whyNotOnThisMachine();
        if (elsewhere.isPresent()) {
          throw new NotSupportedException("starting partition " + name + " in pool " + pool.name() + " ("
              + elsewhere.get() + "): a partition on a remote host pool (its guest image and console file must be"
              + " on this machine)", pool.plan().backend());
        }
        site = PartitionSite.onThisMachine(cells);
      }
      long began = System.nanoTime();
      state.progress.detail(name + " starting in pool " + pool.name()
          + (cells.isEmpty() ? "" : " on cells " + placement.cells()));
      Partition partition = Partition.start(state.partitionSpec(name), pool.libvirt(), environment, site);
      state.addPartition(partition);
      Measures.START.record(metrics, name, (System.nanoTime() - began) / 1_000_000);
    });
    return metrics;
  }
}
