package dev.nestbed.scenario.plan;

import java.util.List;

/** Where a partition runs: its pool and the cells (member nodes) it is bound to. */
public record Placement(String partition, String pool, List<String> cells) {
  public Placement {
    cells = List.copyOf(cells);
  }
}
