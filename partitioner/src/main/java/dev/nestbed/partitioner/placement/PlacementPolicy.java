package dev.nestbed.partitioner.placement;

import org.jspecify.annotations.Nullable;

/** How admission picks the one cell of a partition that names none. */
public enum PlacementPolicy {
  /** The first cell (in the pool's order) with room: fills cells one by one. */
  PACK,
  /** The cell with the most free memory that has room: spreads partitions over the cells. */
  SPREAD;

  /**
   * The policy a scenario names ({@code pack} or {@code spread}); {@code pack} when it names none.
   */
  public static PlacementPolicy of(@Nullable String name) {
    return "spread".equals(name) ? SPREAD : PACK;
  }
}
