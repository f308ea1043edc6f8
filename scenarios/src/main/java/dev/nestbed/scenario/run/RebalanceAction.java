package dev.nestbed.scenario.run;

import dev.nestbed.aggregator.pool.Pool;
import dev.nestbed.partitioner.placement.Rebalancing;
import dev.nestbed.scenario.kind.Measures;
import dev.nestbed.scenario.kind.StepKinds;
import dev.nestbed.scenario.record.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code rebalance}: evens out the load of a pool's cells by moving partitions live between them
 * ({@link Rebalancing} plans from the cell account as it stands; each move is a {@code move} with
 * its figures). Nothing to do is not a failure: the note says the cells were already even.
 */
final class RebalanceAction implements StepAction {
  private final String pool;
  private String note = "";

  RebalanceAction(String pool) {
    this.pool = pool;
  }

  @Override
  public Map<String, Metric> run(RunState state) {
    Pool movable = NodeSteps.movable(state.pool(pool), StepKinds.REBALANCE.keyword());
    Rebalancing.Plan plan = Rebalancing.plan(CellAccount.cells(state, pool));
    Map<String, List<String>> targets = new LinkedHashMap<>();
    plan.moves().forEach(m -> targets.put(m.partition(), List.of(m.to())));
    Map<String, Metric> metrics = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    PlannedMoves.run(state, movable, targets, "rebalancing", metrics, notes);
    Measures.MOVES.record(metrics, plan.moves().size());
    Measures.CPU_SPREAD_BEFORE.record(metrics, Math.round(plan.before().cpu() * 100));
    Measures.CPU_SPREAD_AFTER.record(metrics, Math.round(plan.after().cpu() * 100));
    if (plan.moves().isEmpty()) {
      notes.add("the cells of " + pool + " were already as even as moves can make them");
    }
    if (!plan.spanning().isEmpty()) {
      notes.add(String.join(", ", plan.spanning()) + " span several cells and stayed");
    }
    note = String.join("; ", notes);
    return metrics;
  }

  @Override
  public String note() {
    return note;
  }
}
