package dev.nestbed.scenario.spec;

import dev.nestbed.core.value.TimeSpan;
import java.util.List;
import java.util.Optional;

/** {@code stop: [p1]}: shuts partitions down. */
public record StopStep(List<String> partitions, Optional<TimeSpan> timeout, Location location)
    implements StepSpec {
  public StopStep {
    partitions = List.copyOf(partitions);
  }

  @Override
  public String kind() {
    return "stop";
  }

  @Override
  public List<String> subjects() {
    return partitions;
  }
}
