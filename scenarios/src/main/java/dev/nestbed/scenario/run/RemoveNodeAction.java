package dev.nestbed.scenario.run;

import dev.nestbed.aggregator.pool.NestedPool;
import dev.nestbed.aggregator.pool.NodeChange;
import dev.nestbed.core.NestbedException;
import dev.nestbed.migration.CellMove;
import dev.nestbed.migration.MoveResult;
import dev.nestbed.scenario.plan.Placement;
import dev.nestbed.scenario.record.Metric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code remove-node}: a member leaves its pool live. Refused while running partitions are placed
 * on its cell, unless {@code evacuate: true}: then they are moved to the pool's other cells first
 * ({@link Evacuation} picks where; nothing moves if one does not fit). What the
 * pool's kernel could not give back (boot memory, a DIMM it could not offline) is not a failure
 * of the step: it is reported in the step's note, next to the measured figures.
 */
final class RemoveNodeAction implements StepAction {
  private final String pool;
  private final String node;
  private final boolean evacuate;
  private final Duration deadline;
  private String note = "";

  RemoveNodeAction(String pool, String node, boolean evacuate, Duration deadline) {
    this.pool = pool;
    this.node = node;
    this.evacuate = evacuate;
    this.deadline = deadline;
  }

  @Override
  public Map<String, Metric> run(RunState state) {
    NestedPool nested = NodeSteps.nested(state.pool(pool), "remove-node");
    List<String> onCell = state.runningPartitions().keySet().stream()
        .filter(p -> {
          Placement at = state.placement(p);
          return at.pool().equals(pool) && at.cells().contains(node);
        })
        .sorted().toList();
    Map<String, Metric> metrics = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    if (!onCell.isEmpty()) {
      if (!evacuate) {
        throw new NestbedException("node " + node + " cannot leave pool " + pool + ": partition(s) "
            + String.join(", ", onCell) + " run on its cell", "stop them first, or set evacuate: true to move them");
      }
      evacuate(state, nested, onCell, metrics, notes);
    }
    state.progress.detail("node " + node + " leaves pool " + pool);
    // the deadline is the step's; leave a little of it to report what stayed
    NodeChange change = nested.removeNode(node, deadline.multipliedBy(4).dividedBy(5));
    notes.addAll(change.notes());
    note = String.join("; ", notes);
    metrics.putAll(NodeSteps.metrics(change));
    return metrics;
  }

  /**
   * Moves every partition off the node's cell (all placed before any moves), recording each
   * move's figures under the partition's name and the longest heartbeat gap as the step's
   * {@code guest-downtime}.
   */
  private void evacuate(RunState state, NestedPool nested, List<String> onCell, Map<String, Metric> metrics,
      List<String> notes) {
    Map<String, List<String>> targets = Evacuation.plan(state, pool, node, onCell);
    long longestGap = 0;
    for (Map.Entry<String, List<String>> target : targets.entrySet()) {
      String p = target.getKey();
      state.progress.detail(p + ": evacuating to cells " + target.getValue());
      MoveResult moved = CellMove.run(state.running(p), nested, target.getValue());
      state.moved(p, target.getValue());
      metrics.put(p + ".total-time", Metric.millis(moved.took().toMillis()));
      metrics.put(p + ".memory-moved", Metric.mib(moved.memoryMoved()));
      metrics.put(p + ".guest-downtime", Metric.millis(moved.guest().largestGap().toMillis()));
      longestGap = Math.max(longestGap, moved.guest().largestGap().toMillis());
      notes.add(p + " moved to " + String.join("+", target.getValue()));
    }
    metrics.put("guest-downtime", Metric.millis(longestGap));
  }

  @Override
  public String note() {
    return note;
  }
}
