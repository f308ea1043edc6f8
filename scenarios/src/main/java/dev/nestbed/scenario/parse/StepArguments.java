package dev.nestbed.scenario.parse;

import dev.nestbed.core.value.DataRate;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.core.value.TimeSpan;
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
import java.util.List;
import java.util.Optional;

/**
 * Reads the arguments of one step, already in map form, into its spec. Checks here involve only
 * the step itself; whether the names it uses exist is {@link StepCheck}'s business.
 */
final class StepArguments {
  private final StepBinder binder;

  StepArguments(StepBinder binder) {
    this.binder = binder;
  }

  /** How a step of this kind is written, for hints. */
  static String example(String kind) {
    return switch (kind) {
      case "start" -> "start: [p1, p2]";
      case "stop" -> "stop: [p1]";
      case "wait" -> "wait: {heartbeat: [p1], timeout: 5m}";
      case "resize" -> "resize: {partition: p1, vcpus: 2}";
      case "move" -> "move: {partition: p1, to-cells: [n2]}";
      case "migrate" -> "migrate: {partition: p1, to-pool: other}";
      case "add-node" -> "add-node: {pool: big, node: n3}";
      case "remove-node" -> "remove-node: {pool: big, node: n1}";
      case "rebalance" -> "rebalance: big";
      case "parallel" -> "parallel: [- start: [p1], - start: [p2]]";
      default -> throw new IllegalArgumentException("no step " + kind);
    };
  }

  Optional<StepSpec> bind(String kind, Fields step) {
    Optional<TimeSpan> timeout = binder.timeout(step);
    return Optional.of(switch (kind) {
      case "start" -> new StartStep(partitions(step, Keys.START), timeout, step.anchor());
      case "stop" -> new StopStep(partitions(step, Keys.STOP), timeout, step.anchor());
      case "wait" -> waitStep(step, timeout);
      case "resize" -> resize(step, timeout);
      case "move" -> move(step, timeout);
      case "migrate" -> new MigrateReader(step).read(timeout);
      case "add-node" -> addNode(step, timeout);
      case "remove-node" -> removeNode(step, timeout);
      case "rebalance" -> rebalance(step, timeout);
      case "parallel" -> parallel(step, timeout);
      default -> throw new IllegalArgumentException("no step " + kind);
    });
  }

  private List<String> partitions(Fields step, List<String> keys) {
    step.allowOnly(keys);
    return nonEmptyNames(step, "partitions", "partitions: [p1]");
  }

  private WaitStep waitStep(Fields step, Optional<TimeSpan> timeout) {
    step.allowOnly(Keys.WAIT);
    if (!step.has("heartbeat") && !step.has("for")) {
      step.problems().add(step.anchor(), "wait step: give heartbeat, for, or both",
          "e.g. wait: {heartbeat: [p1]} waits for p1's agent; wait: {for: 10s} lets time pass");
    }
    List<String> heartbeat = step.has("heartbeat")
        ? nonEmptyNames(step, "heartbeat", "heartbeat: [p1]") : List.of();
    return new WaitStep(heartbeat, step.duration("for"), timeout, step.anchor());
  }

  private ResizeStep resize(Fields step, Optional<TimeSpan> timeout) {
    step.allowOnly(Keys.RESIZE);
    String partition = required(step, "partition", "partition: p1");
    if (!step.has("vcpus") && !step.has("memory")) {
      step.problems().add(step.anchor(), "resize step: give vcpus, memory, or both",
          "e.g. resize: {partition: p1, vcpus: 2, memory: 512MiB}");
    }
    DataSize memory = step.size("memory");
    if (memory != null && memory.isZero()) {
      step.problems().add(step.at("memory"), "resize step: memory must be more than 0B", null);
    }
    return new ResizeStep(partition, step.integer("vcpus", 1), memory, timeout, step.anchor());
  }

  private MoveStep move(Fields step, Optional<TimeSpan> timeout) {
    step.allowOnly(Keys.MOVE);
    String partition = required(step, "partition", "partition: p1");
    List<String> cells = nonEmptyNames(step, "to-cells", "to-cells: [n2]");
    return new MoveStep(partition, cells, timeout, step.anchor());
  }

  private AddNodeStep addNode(Fields step, Optional<TimeSpan> timeout) {
    step.allowOnly(Keys.ADD_NODE);
    return new AddNodeStep(required(step, "pool", "pool: big"),
        required(step, "node", "node: n3"), timeout, step.anchor());
  }

  private RemoveNodeStep removeNode(Fields step, Optional<TimeSpan> timeout) {
    step.allowOnly(Keys.REMOVE_NODE);
    String pool = required(step, "pool", "pool: big");
    String node = required(step, "node", "node: n1");
    Boolean evacuate = step.bool("evacuate");
    return new RemoveNodeStep(pool, node, evacuate != null && evacuate, timeout, step.anchor());
  }

  private RebalanceStep rebalance(Fields step, Optional<TimeSpan> timeout) {
    step.allowOnly(Keys.REBALANCE);
    return new RebalanceStep(required(step, "pool", "pool: big"), timeout, step.anchor());
  }

  private ParallelStep parallel(Fields step, Optional<TimeSpan> timeout) {
    step.allowOnly(Keys.PARALLEL);
    List<StepSpec> steps = List.of();
    if (step.require("steps", "steps: [- migrate: ..., - resize: ...]")) {
      steps = step.list("steps", "a list of steps").map(binder::list).orElse(List.of());
      if (step.value("steps").filter(v -> v instanceof YamlNode.Sequence s
          && s.items().isEmpty()).isPresent()) {
        step.problems().add(step.at("steps"), "parallel step: no steps given",
            "list the steps that should run at the same time");
      }
    }
    return new ParallelStep(steps, timeout, step.anchor());
  }

  static String required(Fields step, String key, String example) {
    return step.require(key, example) ? step.text(key) : null;
  }

  private static List<String> nonEmptyNames(Fields step, String key, String example) {
    if (!step.require(key, example)) {
      return List.of();
    }
    List<String> names = step.names(key);
    if (names != null && names.isEmpty()) {
      step.problems().add(step.at(key), step.context() + ": " + key + " is empty",
          "e.g. " + example);
    }
    return names == null ? List.of() : names;
  }

  /** The many optional knobs of a migration, and the rules between them. */
  private static final class MigrateReader {
    private final Fields step;

    MigrateReader(Fields step) {
      this.step = step;
    }

    MigrateStep read(Optional<TimeSpan> timeout) {
      step.allowOnly(Keys.MIGRATE);
      String partition = required(step, "partition", "partition: p1");
      String toPool = required(step, "to-pool", "to-pool: other");
      String mode = step.choice("mode", Keys.MODES, MigrateStep.DEFAULT_MODE);
      DataRate bandwidth = step.rate("bandwidth");
      if (bandwidth != null && bandwidth.isZero()) {
        step.problems().add(step.at("bandwidth"), "migrate step: bandwidth must be more than 0B/s",
            "leave it out to let libvirt use what it can");
      }
      for (String key : List.of("postcopy-after", "postcopy-after-iterations")) {
        if (step.has(key) && mode != null && !mode.equals("postcopy")) {
          step.problems().add(step.map().entries().get(key).keyLocation(), "migrate step: " + key
              + " applies only to mode postcopy, not " + mode, "set mode: postcopy, or remove it");
        }
      }
      if (step.has("postcopy-after") && step.has("postcopy-after-iterations")) {
        step.problems().add(step.map().entries().get("postcopy-after").keyLocation(),
            "migrate step: give postcopy-after or postcopy-after-iterations, not both",
            "switch to postcopy after a time or after a number of passes; keep one");
      }
      TimeSpan maxDowntime = step.duration("max-downtime");
      if (maxDowntime != null && maxDowntime.isZero()) {
        step.problems().add(step.at("max-downtime"), "migrate step: max-downtime must be more than 0ms: no"
            + " migration can stop a guest for no time at all", "leave it out for QEMU's 300ms, or give e.g. 50ms");
      }
      return new MigrateStep(partition, toPool, mode, maxDowntime, bandwidth,
          step.integer("connections", 1), step.integer("postcopy-after-iterations", 1),
          step.duration("postcopy-after"), timeout, step.anchor());
    }
  }
}
