package dev.nestbed.scenario.spec;

import dev.nestbed.core.value.DataSize;
import dev.nestbed.core.value.TimeSpan;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * {@code resize: {partition: p1, vcpus: 2, memory: 384MiB}}: hot-plugs or unplugs vCPUs and memory
 * of a running partition, within its {@code max-vcpus} and {@code max-memory}.
 *
 * @param vcpus the new vCPU count; null to leave it
 * @param memory the new memory size; null to leave it (at least one of the two is set)
 */
public record ResizeStep(
    @Nullable String partition,
    @Nullable Integer vcpus,
    @Nullable DataSize memory,
    Optional<TimeSpan> timeout,
    Location location)
    implements StepSpec {
  @Override
  public String kind() {
    return "resize";
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
