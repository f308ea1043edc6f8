package dev.nestbed.scenario.run;

import dev.nestbed.aggregator.pool.Pool;
import dev.nestbed.partitioner.Partition;
import dev.nestbed.scenario.kind.Measures;
import dev.nestbed.scenario.kind.StepKinds;
import dev.nestbed.scenario.plan.Placement;
import dev.nestbed.scenario.record.Metric;
import dev.nestbed.scenario.run.Rebalancing.Move;
import dev.nestbed.scenario.run.Rebalancing.Resident;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code rebalance}: evens out the load of a pool's cells by moving partitions live between them
 * ({@link Rebalancing} plans from the cell account as it stands; each move is a {@code move}
 * with its figures). Nothing to do is not a failure: the note says the cells were already even.
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
    Map<String, Resident> residents = new TreeMap<>();
    List<String> spanning = new ArrayList<>();
    state.runningPartitions().forEach((name, partition) -> {
      Placement at = state.placement(name);
      if (at.pool().equals(pool) && at.cells().size() == 1) {
        residents.put(name, resident(at.cells().get(0), partition));
      } else if (at.pool().equals(pool)) {
        spanning.add(name);
      }
    });
    CellRooms rooms = CellRooms.of(state, pool);
    Rebalancing.Spread before = Rebalancing.Spread.of(rooms);
    List<Move> moves = Rebalancing.plan(rooms, residents);
    Map<String, List<String>> targets = new LinkedHashMap<>();
    moves.forEach(m -> targets.put(m.partition(), List.of(m.to())));
    Map<String, Metric> metrics = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    PlannedMoves.run(state, movable, targets, "rebalancing", metrics, notes);
    Measures.MOVES.record(metrics, moves.size());
    Measures.CPU_SPREAD_BEFORE.record(metrics, Math.round(before.cpu() * 100));
    Measures.CPU_SPREAD_AFTER.record(metrics, Math.round(Rebalancing.Spread.of(rooms).cpu() * 100));
    if (moves.isEmpty()) {
      notes.add("the cells of " + pool + " were already as even as moves can make them");
    }
    if (!spanning.isEmpty()) {
      notes.add(String.join(", ", spanning) + " span several cells and stayed");
    }
    note = String.join("; ", notes);
    return metrics;
  }

  private static Resident resident(String cell, Partition partition) {
    CellAccount.Size size = CellAccount.sizeNow(partition);
    return new Resident(cell, size.vcpus(), size.memory().mib());
  }

  @Override
  public String note() {
    return note;
  }
}
