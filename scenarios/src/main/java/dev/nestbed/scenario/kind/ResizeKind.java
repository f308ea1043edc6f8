package dev.nestbed.scenario.kind;

import dev.nestbed.core.value.DataSize;
import dev.nestbed.scenario.spec.Location;
import dev.nestbed.scenario.spec.PartitionDecl;
import dev.nestbed.scenario.spec.ResizeStep;
import java.util.ArrayList;
import java.util.List;

/** {@code resize: {partition: p1, vcpus: 2, memory: 384MiB}}: hot-plugs vCPUs and memory. */
final class ResizeKind extends StepKind<ResizeStep> {
  static final Key PARTITION =
      Key.required("partition", KeyType.PARTITION, "partition: p1", "The partition.");
  static final Key VCPUS =
      Key.optional("vcpus", KeyType.COUNT, "New vCPU count, at most max-vcpus.");
  static final Key MEMORY =
      Key.optional("memory", KeyType.SIZE, "New memory size, at most max-memory.");

  ResizeKind() {
    super("resize", ResizeStep.class);
  }

  @Override
  public String description() {
    return "Hot-plug vCPUs or memory.";
  }

  @Override
  public String form() {
    return "Give vcpus, memory, or both.";
  }

  @Override
  public String documentation() {
    return "live vCPU hot-add/remove; memory past the boot size up to max-memory by the"
        + " partition's memory-device (virtio-mem, or DIMMs), and down again: the plugged memory"
        + " first, then the balloon";
  }

  @Override
  public List<Key> keys() {
    return List.of(PARTITION, VCPUS, MEMORY, Key.TIMEOUT);
  }

  @Override
  public String example() {
    return "resize: {partition: p1, vcpus: 2}";
  }

  @Override
  public ResizeStep bind(Arguments arguments) {
    String partition = arguments.name(PARTITION);
    if (!arguments.has(VCPUS) && !arguments.has(MEMORY)) {
      arguments.problem(
          "resize step: give vcpus, memory, or both",
          "e.g. resize: {partition: p1, vcpus: 2, memory: 512MiB}");
    }
    DataSize memory = arguments.size(MEMORY);
    if (memory != null && memory.isZero()) {
      arguments.problemAt(MEMORY, "resize step: memory must be more than 0B", null);
    }
    return new ResizeStep(
        partition, arguments.count(VCPUS), memory, arguments.timeout(), arguments.anchor());
  }

  @Override
  public List<Measure> measures() {
    return List.of(
        Measures.SEEN_AFTER_VCPUS,
        Measures.VCPUS_ONLINE,
        Measures.SEEN_AFTER_MEMORY,
        Measures.MEM_TOTAL,
        Measures.MEMORY_PLUGGED);
  }

  @Override
  List<Effect.Names> references(ResizeStep step) {
    return List.of(new Effect.Names(PARTITION, one(step.partition())));
  }

  @Override
  String summary(ResizeStep step) {
    List<String> parts = new ArrayList<>();
    if (step.vcpus() != null) {
      parts.add(step.vcpus() + " vCPUs");
    }
    if (step.memory() != null) {
      parts.add(step.memory().toString());
    }
    return "resize " + step.partition() + " to " + String.join(", ", parts);
  }

  /** Within the partition's maximums, above its working set, and within what its pool holds. */
  @Override
  void check(ResizeStep step, StepWalk walk) {
    walk.partition(step, step.partition(), walk.at(step, PARTITION))
        .ifPresent(p -> limits(step, p, walk));
  }

  private static void limits(ResizeStep step, PartitionDecl partition, StepWalk walk) {
    String name = partition.name();
    if (step.vcpus() != null && partition.maxVcpus() > 0 && step.vcpus() > partition.maxVcpus()) {
      walk.problem(
          walk.at(step, VCPUS),
          "resize step: vcpus "
              + step.vcpus()
              + " is above max-vcpus "
              + partition.maxVcpus()
              + " of partition "
              + name,
          "raise max-vcpus of " + name + " to at least " + step.vcpus());
    }
    DataSize memory = step.memory();
    if (memory == null || partition.maxMemory() == null) {
      return;
    }
    Location at = walk.at(step, MEMORY);
    if (memory.isGreaterThan(partition.maxMemory())) {
      walk.problem(
          at,
          "resize step: memory "
              + memory
              + " is above max-memory "
              + partition.maxMemory()
              + " of partition "
              + name,
          "raise max-memory of " + name + " to at least " + memory);
    } else if (partition.workload() != null
        && !partition.workload().workingSet().isLessThan(memory)) {
      walk.problem(
          at,
          "resize step: memory "
              + memory
              + " must be above the working-set "
              + partition.workload().workingSet()
              + " of partition "
              + name,
          "shrink less, or lower the working-set");
    } else if (name != null) { // always: the walk found it by this name
      walk.pools().resize(step, at, name, memory);
    }
  }

  @Override
  Effect effect(ResizeStep step) {
    return Effect.mustRun(PARTITION, one(step.partition()));
  }

  @Override
  void flow(ResizeStep step, MemoryFlow flow) {
    DataSize memory = step.memory();
    if (memory != null) {
      flow.resize(step, memory);
    }
  }
}
