package dev.nestbed.scenario.plan;

import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.aggregator.pool.PoolPlan;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a scenario will build: nodes, pools with cells and distances, and every placement. */
public record ScenarioPlan(List<NodeSpec> nodes, List<PoolPlan> pools, Map<String, Placement> placements) {
  public ScenarioPlan {
    nodes = List.copyOf(nodes);
    pools = List.copyOf(pools);
    placements = Map.copyOf(placements);
  }

  public Optional<PoolPlan> pool(String name) {
    return pools.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  public Placement placement(String partition) {
    return placements.get(partition);
  }
}
