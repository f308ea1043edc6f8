package dev.nestbed.scenario.plan;

import java.util.List;

/**
 * Where a partition runs: its pool and the cells (member nodes) it is bound to. {@code cells} is
 * empty until run time for a pool whose cells are discovered then (a host pool adopted by uri).
 */
public record Placement(String partition, String pool, List<String> cells) {
  public Placement {
    cells = List.copyOf(cells);
  }

  /** Whether the cells are still to be chosen, once the pool's cells are discovered at run time. */
  public boolean awaitsDiscovery() {
    return cells.isEmpty();
  }
}
