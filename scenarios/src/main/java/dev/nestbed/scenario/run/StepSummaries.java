package dev.nestbed.scenario.run;

import dev.nestbed.scenario.spec.AddNodeStep;
import dev.nestbed.scenario.spec.MigrateStep;
import dev.nestbed.scenario.spec.MoveStep;
import dev.nestbed.scenario.spec.ParallelStep;
import dev.nestbed.scenario.spec.RebalanceStep;
import dev.nestbed.scenario.spec.RemoveNodeStep;
import dev.nestbed.scenario.spec.ResizeStep;
import dev.nestbed.scenario.spec.StartStep;
import dev.nestbed.scenario.spec.StepSpec;
import dev.nestbed.scenario.spec.StopStep;
import dev.nestbed.scenario.spec.WaitStep;
import java.util.ArrayList;
import java.util.List;

/** One line per step for people: "resize p1 to 2 vCPUs, 192MiB". */
final class StepSummaries {
  private StepSummaries() {}

  static String of(StepSpec step) {
    if (step instanceof StartStep s) {
      return "start " + String.join(", ", s.partitions());
    } else if (step instanceof StopStep s) {
      return "stop " + String.join(", ", s.partitions());
    } else if (step instanceof WaitStep s) {
      List<String> parts = new ArrayList<>();
      if (!s.heartbeat().isEmpty()) {
        parts.add("for the first heartbeat of " + String.join(", ", s.heartbeat()));
      }
      if (s.duration() != null) {
        parts.add("for " + s.duration());
      }
      return "wait " + String.join(", then ", parts);
    } else if (step instanceof ResizeStep s) {
      List<String> parts = new ArrayList<>();
      if (s.vcpus() != null) {
        parts.add(s.vcpus() + " vCPUs");
      }
      if (s.memory() != null) {
        parts.add(s.memory().toString());
      }
      return "resize " + s.partition() + " to " + String.join(", ", parts);
    } else if (step instanceof MoveStep s) {
      return "move " + s.partition() + " to cells " + String.join(", ", s.toCells());
    } else if (step instanceof MigrateStep s) {
      return "migrate " + s.partition() + " to pool " + s.toPool() + " (" + (s.mode() == null ? "precopy" : s.mode()) + ")";
    } else if (step instanceof AddNodeStep s) {
      return "add node " + s.node() + " to pool " + s.pool();
    } else if (step instanceof RemoveNodeStep s) {
      return "remove node " + s.node() + " from pool " + s.pool() + (s.evacuate() ? " (evacuate)" : "");
    } else if (step instanceof RebalanceStep s) {
      return "rebalance pool " + s.pool();
    } else if (step instanceof ParallelStep s) {
      return "parallel: " + s.steps().stream().map(StepSummaries::of).reduce((a, b) -> a + " | " + b).orElse("");
    }
    return step.kind();
  }
}
