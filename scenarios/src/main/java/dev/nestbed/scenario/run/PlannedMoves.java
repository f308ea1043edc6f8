package dev.nestbed.scenario.run;

import dev.nestbed.aggregator.pool.Pool;
import dev.nestbed.migration.CellMove;
import dev.nestbed.migration.MoveResult;
import dev.nestbed.scenario.kind.Measures;
import dev.nestbed.scenario.record.Metric;
import java.util.List;
import java.util.Map;

/**
 * Runs the moves an evacuation or a rebalance planned, one after the other, each checked to have
 * landed. Records each move's figures under the partition's name and, as the step's {@code
 * guest-downtime}, the longest heartbeat gap any of them saw.
 */
final class PlannedMoves {
  private PlannedMoves() {}

  static void run(
      RunState state,
      Pool pool,
      Map<String, List<String>> targets,
      String doing,
      Map<String, Metric> metrics,
      List<String> notes) {
    long longestGap = 0;
    for (Map.Entry<String, List<String>> target : targets.entrySet()) {
      String p = target.getKey();
      state.progress.detail(p + ": " + doing + " to cells " + target.getValue());
      List<String> from = state.placement(p).cells();
      MoveResult moved = CellMove.run(state.running(p), pool, target.getValue());
      state.moved(p, target.getValue());
      moved.requireLanded(p);
      Measures.MOVED_TOTAL.record(metrics, p, moved.took().toMillis());
      Measures.MOVED_MEMORY.record(metrics, p, Metric.mib(moved.memoryMoved()).value());
      Measures.MOVED_GUEST_DOWNTIME.record(metrics, p, moved.guest().largestGap().toMillis());
      longestGap = Math.max(longestGap, moved.guest().largestGap().toMillis());
      notes.add(
          p
              + " moved from "
              + String.join("+", from)
              + " to "
              + String.join("+", target.getValue()));
    }
    if (!targets.isEmpty()) {
      Measures.GUEST_DOWNTIME_GAP.record(metrics, longestGap);
    }
  }
}
