package dev.nestbed.scenario.run;

import dev.nestbed.scenario.record.Metric;
import java.util.List;
import java.util.Map;

/** {@code stop}: destroys partitions (their heartbeat logs stay for the report). */
final class StopAction implements StepAction {
  private final List<String> partitions;

  StopAction(List<String> partitions) {
    this.partitions = partitions;
  }

  @Override
  public Map<String, Metric> run(RunState state) {
    for (String name : partitions) {
      state.running(name);
    }
    for (String name : partitions) {
      state.remove(name).ifPresent(p -> p.close());
    }
    return Map.of();
  }
}
