package dev.nestbed.scenario.spec;

import dev.nestbed.core.value.TimeSpan;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * {@code move: {partition: p1, to-cells: [n2]}}: live migration inside a pool, from the cells a
 * partition is on to others of the same pool.
 */
public record MoveStep(
    @Nullable String partition, List<String> toCells, Optional<TimeSpan> timeout, Location location)
    implements StepSpec {
  public MoveStep {
    toCells = List.copyOf(toCells);
  }

  @Override
  public String kind() {
    return "move";
  }

  /** Never holds null, also while a half-valid spec is being checked. */
  @Override
  public List<String> subjects() {
    return Stream.of(partition).filter(Objects::nonNull).toList();
  }

  /** Its {@code partition}, as a validated spec always has it. */
  public String validPartition() {
    return Validated.value(partition, "partition", location);
  }
}
