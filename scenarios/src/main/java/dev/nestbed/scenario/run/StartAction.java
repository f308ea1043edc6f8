package dev.nestbed.scenario.run;

import dev.nestbed.aggregator.pool.Pool;
import dev.nestbed.partitioner.Partition;
import dev.nestbed.scenario.kind.Measures;
import dev.nestbed.scenario.plan.Placement;
import dev.nestbed.scenario.record.Metric;
import java.util.List;
import java.util.Map;
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
    Parallel.forEach(
        partitions,
        name -> {
          Placement placement = state.placement(name);
          Pool pool = state.pool(placement.pool());
          PartitionSites.Chosen chosen =
              PartitionSites.choose(name, placement.cells(), pool, state.environment);
          long began = System.nanoTime();
          state.progress.detail(
              name
                  + " starting in pool "
                  + pool.name()
                  + (chosen.site().cells().isEmpty() ? "" : " on cells " + placement.cells()));
          Partition partition =
              Partition.start(
                  state.partitionSpec(name), pool.libvirt(), chosen.environment(), chosen.site());
          state.addPartition(partition);
          Measures.START.record(metrics, name, (System.nanoTime() - began) / 1_000_000);
          state
              .plan
              .pool(placement.pool())
              .filter(plan -> !placement.cells().isEmpty())
              .ifPresent(
                  plan ->
                      Measures.MODEL_MEMORY_LATENCY.record(
                          metrics, name, plan.memoryLatencyPercent(placement.cells())));
        });
    return metrics;
  }
}
