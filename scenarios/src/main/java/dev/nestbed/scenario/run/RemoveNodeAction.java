package dev.nestbed.scenario.run;

import dev.nestbed.aggregator.pool.NodeChange;
import dev.nestbed.aggregator.pool.NodeMembership;
import dev.nestbed.aggregator.pool.Pool;
import dev.nestbed.core.NestbedException;
import dev.nestbed.partitioner.placement.Evacuation;
import dev.nestbed.scenario.kind.StepKinds;
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
 * ({@link Evacuation} picks where; nothing moves if one does not fit). What the pool's kernel could
 * not give back (boot memory, a DIMM it could not offline) is not a failure of the step: it is
 * reported in the step's note, next to the measured figures.
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
    Pool target = state.pool(pool);
    NodeMembership membership = NodeSteps.membership(target, StepKinds.REMOVE_NODE.keyword());
    List<String> onCell =
        state.runningPartitions().keySet().stream()
            .filter(
                p -> {
                  Placement at = state.placement(p);
                  return at.pool().equals(pool) && at.cells().contains(node);
                })
            .sorted()
            .toList();
    Map<String, Metric> metrics = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    if (!onCell.isEmpty()) {
      if (!evacuate) {
        throw new NestbedException(
            "node "
                + node
                + " cannot leave pool "
                + pool
                + ": partition(s) "
                + String.join(", ", onCell)
                + " run on its cell",
            "stop them first, or set evacuate: true to move them");
      }
      PlannedMoves.run(
          state,
          target,
          Evacuation.plan(CellAccount.cells(state, pool), node, onCell),
          "evacuating",
          metrics,
          notes);
    }
    state.progress.detail("node " + node + " leaves pool " + pool);
    // the deadline is the step's; leave a little of it to report what stayed
    NodeChange change = membership.removeNode(node, deadline.multipliedBy(4).dividedBy(5));
    notes.addAll(change.notes());
    note = String.join("; ", notes);
    metrics.putAll(NodeSteps.metrics(change));
    return metrics;
  }

  @Override
  public String note() {
    return note;
  }
}
