package dev.nestbed.scenario.spec;

import dev.nestbed.core.value.TimeSpan;
import java.util.List;
import java.util.Optional;

/** {@code start: [p1, p2]}: defines and starts partitions; {@code wait} waits for their agents. */
public record StartStep(List<String> partitions, Optional<TimeSpan> timeout, Location location)
    implements StepSpec {
  public StartStep {
    partitions = List.copyOf(partitions);
  }

  @Override
  public String kind() {
    return "start";
  }

  @Override
  public List<String> subjects() {
    return partitions;
  }
}
