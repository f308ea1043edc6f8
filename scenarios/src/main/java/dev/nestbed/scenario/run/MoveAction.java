package dev.nestbed.scenario.run;

import dev.nestbed.aggregator.pool.Pool;
import dev.nestbed.migration.CellMove;
import dev.nestbed.migration.MoveResult;
import dev.nestbed.partitioner.Partition;
import dev.nestbed.scenario.kind.Measures;
import dev.nestbed.scenario.record.Metric;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code move}: live migration of a partition inside its pool, from its cells to others. Records
 * how long it took, how much memory arrived on the new cells and what share of it is there now
 * (read inside the pool), and the guest's longest heartbeat gap around it. The step fails if the
 * vCPUs or most of the memory did not end up on the new cells ({@link MoveResult#requireLanded}).
 */
final class MoveAction implements StepAction {
  private final String partition;
  private final List<String> toCells;
  private String note = "";

  MoveAction(String partition, List<String> toCells) {
    this.partition = partition;
    this.toCells = List.copyOf(toCells);
  }

  @Override
  public Map<String, Metric> run(RunState state) {
    Partition target = state.running(partition);
    Pool pool = state.pool(state.placement(partition).pool());
    state.progress.detail(partition + ": moving to cells " + toCells + " of pool " + pool.name());
    MoveResult result = CellMove.run(target, pool, toCells);
    state.moved(partition, toCells);
    Map<String, Metric> metrics = new LinkedHashMap<>();
    Measures.TOTAL.record(metrics, result.took().toMillis());
    Measures.MEMORY_MOVED.record(metrics, Metric.mib(result.memoryMoved()).value());
    Measures.MEMORY_ON_NEW_CELLS.record(
        metrics, Math.round(result.shareOnNewCells() * 1000) / 10.0);
    Measures.GUEST_DOWNTIME_GAP.record(metrics, result.guest().largestGap().toMillis());
    Measures.LOST_BEATS.record(metrics, result.guest().lostBeats());
    result.requireLanded(partition);
    note =
        String.format(
            "%d MiB moved to node(s) %s; inside the pool now: %s",
            result.memoryMoved().mib(), result.target().nodes(), result.after());
    return metrics;
  }

  @Override
  public String note() {
    return note;
  }
}
