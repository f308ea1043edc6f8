package dev.nestbed.scenario.spec;

import dev.nestbed.core.value.TimeSpan;
import java.util.List;
import java.util.Optional;

/**
 * {@code parallel: [...]}: steps that start together; the group ends when the last one does.
 * Written as a list ({@code parallel: [- migrate: ..., - resize: ...]}) or, to give the group a
 * timeout, as {@code parallel: {steps: [...], timeout: 5m}}.
 */
public record ParallelStep(List<StepSpec> steps, Optional<TimeSpan> timeout, Location location)
    implements StepSpec {
  public ParallelStep {
    steps = List.copyOf(steps);
  }

  @Override
  public String kind() {
    return "parallel";
  }

  /** The subjects of all inner steps, each once, in order. */
  @Override
  public List<String> subjects() {
    return steps.stream().flatMap(s -> s.subjects().stream()).distinct().toList();
  }
}
