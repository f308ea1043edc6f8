package dev.nestbed.scenario.spec;

import dev.nestbed.core.value.TimeSpan;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * {@code rebalance: big} or {@code rebalance: {pool: big}}: re-places the partitions of a pool
 * across its current cells, e.g. after a node joined.
 */
public record RebalanceStep(@Nullable String pool, Optional<TimeSpan> timeout, Location location)
    implements StepSpec {
  @Override
  public String kind() {
    return "rebalance";
  }

  /** Never holds null, also while a half-valid spec is being checked. */
  @Override
  public List<String> subjects() {
    return Stream.of(pool).filter(Objects::nonNull).toList();
  }

  /** Its {@code pool}, as a validated spec always has it. */
  public String validPool() {
    return Validated.value(pool, "pool", location);
  }
}
