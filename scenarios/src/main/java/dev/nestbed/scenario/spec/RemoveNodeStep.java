package dev.nestbed.scenario.spec;

import dev.nestbed.core.value.TimeSpan;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * {@code remove-node: {pool: big, node: n1, evacuate: true}}: a member node leaves its pool.
 *
 * @param evacuate move the partitions placed on the node to the remaining cells first (the
 *     default); false removes the node under them, to study what breaks
 */
public record RemoveNodeStep(
    @Nullable String pool,
    @Nullable String node,
    boolean evacuate,
    Optional<TimeSpan> timeout,
    Location location)
    implements StepSpec {
  @Override
  public String kind() {
    return "remove-node";
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
