package dev.nestbed.scenario.plan;

import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.aggregator.pool.PoolPlan;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a scenario will build: nodes, pools with cells and distances, and every placement. */
public record ScenarioPlan(
    List<NodeSpec> nodes, List<PoolPlan> pools, Map<String, Placement> placements) {
  public ScenarioPlan {
    nodes = List.copyOf(nodes);
    pools = List.copyOf(pools);
    placements = Map.copyOf(placements);
  }

  public Optional<PoolPlan> pool(String name) {
    return pools.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** Where a declared partition was placed; every partition of a planned scenario was. */
  public Placement placement(String partition) {
    Placement placement = placements.get(partition);
    if (placement == null) {
      throw new IllegalArgumentException("partition " + partition + " is not in the plan");
    }
    return placement;
  }
}
