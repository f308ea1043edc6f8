package dev.nestbed.scenario.run;

import dev.nestbed.aggregator.pool.NodeChange;
import dev.nestbed.aggregator.pool.NodeMembership;
import dev.nestbed.aggregator.pool.Pool;
import dev.nestbed.scenario.kind.Measures;
import dev.nestbed.scenario.record.Metric;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code add-node} and {@code remove-node} share: the pool they need, the figures they record.
 */
final class NodeSteps {
  private NodeSteps() {}

  static NodeMembership membership(Pool pool, String step) {
    return pool.membership()
        .orElseThrow(
            () ->
                new NotSupportedException(
                    step
                        + " on pool "
                        + pool.name()
                        + " (a host pool is a machine that exists; nodes join and leave nested pools)",
                    pool.plan().backend()));
  }

  /** The pool, when partitions can move between its cells; else the step is not supported there. */
  static Pool movable(Pool pool, String step) {
    if (!pool.movesBetweenCells()) {
      throw new NotSupportedException(
          step
              + " on pool "
              + pool.name()
              + " (partitions move between the cells of"
              + " nested pools)",
          pool.plan().backend());
    }
    return pool;
  }

  static Map<String, Metric> metrics(NodeChange change) {
    Map<String, Metric> metrics = new LinkedHashMap<>();
    Measures.SEEN_AFTER_NODE.record(metrics, change.took().toMillis());
    Measures.CPUS.record(metrics, change.cpus());
    Measures.CPUS_PLANNED.record(metrics, change.cpusPlanned());
    Measures.MEMORY.record(metrics, Metric.mib(change.memory()).value());
    Measures.MEMORY_PLANNED.record(metrics, Metric.mib(change.memoryPlanned()).value());
    return metrics;
  }
}
