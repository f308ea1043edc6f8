package dev.nestbed.scenario.spec;

import dev.nestbed.core.value.TimeSpan;
import java.util.List;
import java.util.Optional;

/**
 * One entry of {@code steps:}. In YAML each is a one-key map whose key is the step keyword ({@link
 * #kind()}), e.g. {@code - start: [p1, p2]} or {@code - resize: {partition: p1, vcpus: 2}}. Every
 * step may carry a {@code timeout}; without one the runner applies its own default.
 */
public sealed interface StepSpec
    permits StartStep,
        StopStep,
        WaitStep,
        ResizeStep,
        MoveStep,
        MigrateStep,
        AddNodeStep,
        RemoveNodeStep,
        RebalanceStep,
        ParallelStep {

  /** Where the step keyword was written. */
  Location location();

  /** The {@code timeout} written on the step, if any. */
  Optional<TimeSpan> timeout();

  /** The YAML keyword: start, stop, wait, resize, move, migrate, add-node, remove-node, ... */
  String kind();

  /** The partitions, pools or nodes the step acts on, for records and reports. */
  List<String> subjects();
}
