package dev.nestbed.scenario.kind;

import dev.nestbed.scenario.spec.MoveStep;
import java.util.List;

/** {@code move: {partition: p1, to-cells: [n2]}}: live migration inside a pool. */
final class MoveKind extends StepKind<MoveStep> {
  static final Key PARTITION = Key.required("partition", KeyType.PARTITION, "partition: p1",
      "The partition.");
  static final Key TO_CELLS = Key.required("to-cells", KeyType.NODES, "to-cells: [n2]",
      "Member nodes of its pool to move to.");

  MoveKind() {
    super("move", MoveStep.class);
  }

  @Override
  public String description() {
    return "Live-migrate a partition to other cells of its pool.";
  }

  @Override
  public String form() {
    return "Move inside the pool.";
  }

  @Override
  public String documentation() {
    return "`nested` pools: the running partition goes to other cells of its pool. Every vCPU and"
        + " QEMU's own threads are re-pinned to the new cells' CPUs, then its numatune nodeset is"
        + " changed live, so the L1's kernel migrates its pages (cgroup v2 cpuset.mems); read inside"
        + " the L1 before and after. Fails if the vCPUs or less than 90% of its memory are not on"
        + " the new cells";
  }

  @Override
  public List<Key> keys() {
    return List.of(PARTITION, TO_CELLS, Key.TIMEOUT);
  }

  @Override
  public String example() {
    return "move: {partition: p1, to-cells: [n2]}";
  }

  @Override
  public MoveStep bind(Arguments arguments) {
    String partition = arguments.name(PARTITION);
    return new MoveStep(partition, arguments.names(TO_CELLS), arguments.timeout(),
        arguments.anchor());
  }

  @Override
  public List<Measure> measures() {
    return List.of(Measures.TOTAL, Measures.MEMORY_MOVED, Measures.MEMORY_ON_NEW_CELLS,
        Measures.GUEST_DOWNTIME_GAP, Measures.LOST_BEATS);
  }

  @Override
  List<Effect.Names> references(MoveStep step) {
    return List.of(new Effect.Names(PARTITION, one(step.partition())),
        new Effect.Names(TO_CELLS, step.toCells()));
  }

  @Override
  String summary(MoveStep step) {
    return "move " + step.partition() + " to cells " + String.join(", ", step.toCells());
  }

  @Override
  Effect effect(MoveStep step) {
    return Effect.mustRun(PARTITION, one(step.partition()));
  }

  @Override
  List<Need> needs(MoveStep step) {
    return List.of(Need.poolOf(Capability.MOVES_BETWEEN_CELLS, PARTITION, step.partition(),
        "moves a partition between the cells of a nested pool"));
  }
}
