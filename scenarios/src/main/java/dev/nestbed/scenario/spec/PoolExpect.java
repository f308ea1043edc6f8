package dev.nestbed.scenario.spec;

import org.jspecify.annotations.Nullable;

/** {@code {pool: big, cells: 2}}: how many cells (member nodes) a pool has at the end. */
public record PoolExpect(@Nullable String pool, @Nullable Integer cells, Location location)
    implements ExpectSpec {
  /** E.g. {@code pool big has 2 cells}. */
  @Override
  public String describe() {
    return "pool "
        + pool
        + " has "
        + cells
        + (Integer.valueOf(1).equals(cells) ? " cell" : " cells");
  }

  /** Its {@code pool}, as a validated spec always has it. */
  public String validPool() {
    return Validated.value(pool, "pool", location);
  }

  /** Its {@code cells}, as a validated spec always has it. */
  public Integer validCells() {
    return Validated.value(cells, "cells", location);
  }
}
