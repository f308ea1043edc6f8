package dev.nestbed.scenario.run;

import dev.nestbed.aggregator.pool.HostPool;
import dev.nestbed.aggregator.pool.Pool;
import dev.nestbed.partitioner.Partition;
import dev.nestbed.scenario.record.Metric;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code start}: defines and starts partitions in their pools, all at once. The step ends when
 * every QEMU runs and its agent line is connected; {@code wait: {heartbeat: ...}} waits for boot.
 */
final class StartAction implements StepAction {
  private final List<String> partitions;

  StartAction(List<String> partitions) {
    this.partitions = partitions;
  }

  @Override
  public Map<String, Metric> run(RunState state) throws Exception {
    Map<String, Metric> metrics = new ConcurrentHashMap<>();
    Parallel.forEach(partitions, name -> {
      Pool pool = state.pool(state.plan.placement(name).pool());
      if (!(pool instanceof HostPool host)) {
        throw new NotSupportedException("starting partition " + name + " as an L2 guest inside pool " + pool.name(),
            pool.plan().backend());
      }
      // The partition's files and agent socket are on this machine: its libvirtd must be too.
      Optional<String> elsewhere = host.whyNotOnThisMachine();
      if (elsewhere.isPresent()) {
        throw new NotSupportedException("starting partition " + name + " in pool " + pool.name() + " at "
            + host.uri() + " (" + elsewhere.get() + "): the agent channel of a partition on a remote host pool",
            pool.plan().backend());
      }
      long began = System.nanoTime();
      state.progress.detail(name + " starting in pool " + pool.name());
      Partition partition = Partition.start(state.partitionSpec(name), pool.libvirt(), state.environment);
      state.addPartition(partition);
      metrics.put(name + ".start", Metric.millis((System.nanoTime() - began) / 1_000_000));
    });
    return metrics;
  }
}
