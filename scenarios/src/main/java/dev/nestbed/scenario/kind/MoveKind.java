package dev.nestbed.scenario.kind;

import dev.nestbed.scenario.spec.MoveStep;
import java.util.List;
import java.util.Optional;

/** {@code move: {partition: p1, to-cells: [n2]}}: live migration inside a pool. */
final class MoveKind extends StepKind<MoveStep> {
  static final Key PARTITION =
      Key.required("partition", KeyType.PARTITION, "partition: p1", "The partition.");
  static final Key TO_CELLS =
      Key.required(
          "to-cells", KeyType.NODES, "to-cells: [n2]", "Member nodes of its pool to move to.");

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
    return new MoveStep(
        partition, arguments.names(TO_CELLS), arguments.timeout(), arguments.anchor());
  }

  @Override
  public List<Measure> measures() {
    return List.of(
        Measures.TOTAL,
        Measures.MEMORY_MOVED,
        Measures.MEMORY_ON_NEW_CELLS,
        Measures.GUEST_DOWNTIME_GAP,
        Measures.LOST_BEATS);
  }

  @Override
  List<Effect.Names> references(MoveStep step) {
    return List.of(
        new Effect.Names(PARTITION, one(step.partition())),
        new Effect.Names(TO_CELLS, step.toCells()));
  }

  @Override
  String summary(MoveStep step) {
    return "move " + step.partition() + " to cells " + String.join(", ", step.toCells());
  }

  /** Its cells are members of the partition's pool at this point. */
  @Override
  void check(MoveStep step, StepWalk walk) {
    walk.partition(step, step.partition(), walk.at(step, PARTITION))
        .ifPresent(
            partition -> {
              Pools pools = walk.pools();
              String pool =
                  Optional.ofNullable(partition.name()).flatMap(pools::poolOf).orElse(null);
              if (pool == null || !pools.cellsKnown(pool)) {
                return;
              }
              for (int i = 0; i < step.toCells().size(); i++) {
                String cell = step.toCells().get(i);
                if (!pools.members(pool).contains(cell)) {
                  walk.problem(
                      walk.at(step, TO_CELLS, i),
                      "move step: cell '"
                          + cell
                          + "' is not a member node of pool "
                          + pool
                          + " at this point",
                      pools.whyNotMember(cell, pool));
                }
              }
            });
  }

  /** Moving onto the cell of a node that joins or leaves in the same group. */
  @Override
  void races(MoveStep step, StepGroup group, StepWalk walk) {
    for (int i = 0; i < step.toCells().size(); i++) {
      String cell = step.toCells().get(i);
      int index = i;
      group
          .changing(cell)
          .ifPresent(
              other ->
                  walk.problem(
                      walk.at(step, TO_CELLS, index),
                      "parallel step: move of "
                          + step.partition()
                          + " onto cell "
                          + cell
                          + " races "
                          + other.kind()
                          + " of that node (line "
                          + other.location().line()
                          + ")",
                      "run the " + other.kind() + " step before or after the group"));
    }
  }

  @Override
  Effect effect(MoveStep step) {
    return Effect.mustRun(PARTITION, one(step.partition()));
  }

  @Override
  List<Need> needs(MoveStep step) {
    return List.of(
        Need.poolOf(
            Capability.MOVES_BETWEEN_CELLS,
            PARTITION,
            step.partition(),
            "moves a partition between the cells of a nested pool"));
  }

  @Override
  void flow(MoveStep step, MemoryFlow flow) {
    flow.move(step.partition(), step.toCells());
  }
}
