package dev.nestbed.scenario.spec;

import dev.nestbed.core.value.TimeSpan;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** {@code add-node: {pool: big, node: n3}}: a spare node joins its pool as a new cell. */
public record AddNodeStep(
    @Nullable String pool, @Nullable String node, Optional<TimeSpan> timeout, Location location)
    implements StepSpec {
  @Override
  public String kind() {
    return "add-node";
  }

  /** Never holds null, also while a half-valid spec is being checked. */
  @Override
  public List<String> subjects() {
    return Stream.of(pool, node).filter(Objects::nonNull).toList();
  }

  /** Its {@code pool}, as a validated spec always has it. */
  public String validPool() {
    return Validated.value(pool, "pool", location);
  }

  /** Its {@code node}, as a validated spec always has it. */
  public String validNode() {
    return Validated.value(node, "node", location);
  }
}
