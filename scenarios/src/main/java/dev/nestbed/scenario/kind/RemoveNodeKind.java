package dev.nestbed.scenario.kind;

import dev.nestbed.scenario.kind.Effect.Membership;
import dev.nestbed.scenario.spec.Location;
import dev.nestbed.scenario.spec.RemoveNodeStep;
import dev.nestbed.scenario.spec.StepSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code remove-node: {pool: big, node: n1, evacuate: true}}: a member leaves its pool. */
final class RemoveNodeKind extends StepKind<RemoveNodeStep> {
  static final Key POOL = Key.required("pool", KeyType.POOL, "pool: big", "The pool.");
  static final Key NODE =
      Key.required("node", KeyType.NODE, "node: n1", "A current member of the pool.");
  static final Key EVACUATE =
      Key.optional(
          "evacuate",
          KeyType.FLAG,
          "Move its partitions away"
              + " first; default false (the step is refused while partitions use the cell).");

  RemoveNodeKind() {
    super("remove-node", RemoveNodeStep.class);
  }

  @Override
  public String description() {
    return "A member node leaves its pool.";
  }

  @Override
  public String form() {
    return "Remove a member.";
  }

  @Override
  public String documentation() {
    return "a member leaves live: its memory (a DIMM) is unplugged. Refused while running"
        + " partitions sit on its cell, unless `evacuate: true`: then each is first moved (as `move`"
        + " does) to the other cell with the most free memory that has room for it; if one does not"
        + " fit, nothing moves and the step says what each cell has free";
  }

  @Override
  public List<Key> keys() {
    return List.of(POOL, NODE, EVACUATE, Key.TIMEOUT);
  }

  @Override
  public String example() {
    return "remove-node: {pool: big, node: n1}";
  }

  @Override
  public RemoveNodeStep bind(Arguments arguments) {
    String pool = arguments.name(POOL);
    String node = arguments.name(NODE);
    Boolean evacuate = arguments.flag(EVACUATE);
    return new RemoveNodeStep(
        pool, node, evacuate != null && evacuate, arguments.timeout(), arguments.anchor());
  }

  /** {@inheritDoc} Its subjects are listed pool, node. */
  @Override
  public String subjectsNamed(List<String> subjects) {
    return subjects.size() == 2
        ? subjects.get(1) + " from " + subjects.get(0)
        : super.subjectsNamed(subjects);
  }

  @Override
  public List<Measure> measures() {
    List<Measure> all = new ArrayList<>(NodeMeasures.CHANGE);
    all.addAll(NodeMeasures.PLANNED_MOVES);
    return List.copyOf(all);
  }

  @Override
  public String recordsNote() {
    return "the node's figures are for what left; what the L1's kernel kept is said in the step's"
        + " message, not hidden. The moves' figures only with evacuate";
  }

  @Override
  List<Effect.Names> references(RemoveNodeStep step) {
    return List.of(
        new Effect.Names(POOL, one(step.pool())), new Effect.Names(NODE, one(step.node())));
  }

  @Override
  String summary(RemoveNodeStep step) {
    return "remove node "
        + step.node()
        + " from pool "
        + step.pool()
        + (step.evacuate() ? " (evacuate)" : "");
  }

  /** A member of the pool at this point, not its last; evacuated partitions fit the rest. */
  @Override
  void check(RemoveNodeStep step, StepWalk walk) {
    Optional<StepWalk.PoolNode> named =
        walk.poolAndNode(step, POOL, step.pool(), NODE, step.node());
    if (named.isEmpty()) {
      return;
    }
    Location at = walk.at(step, NODE);
    Pools pools = walk.pools();
    String pool = named.get().pool();
    String node = named.get().node();
    if (!pools.members(pool).contains(node)) {
      walk.problem(
          at,
          "remove-node step: node " + node + " is not a member of pool " + pool + " at this point",
          "members of " + pool + " then: " + String.join(", ", pools.members(pool)));
    } else if (pools.members(pool).size() == 1) {
      walk.problem(
          at,
          "remove-node step: node " + node + " is the last node of pool " + pool,
          "a pool needs at least one node; add another with add-node first");
    } else {
      pools.leave(step, at, pool, node, step.evacuate());
    }
  }

  /**
   * An evacuation moves the partitions it finds on the leaving node's cell at that moment; another
   * step of the group acting on a partition of that pool may find it before, during or after its
   * move. Which partitions sit on the cell then depends on the group's timing too, so every
   * partition of the pool counts.
   */
  @Override
  @SuppressWarnings("ReferenceEquality") // every step of the group but the evacuation itself
  void races(RemoveNodeStep step, StepGroup group, StepWalk walk) {
    String pool = step.pool();
    if (!step.evacuate() || pool == null) {
      return;
    }
    for (StepSpec other : group.steps()) {
      if (other == step) {
        continue;
      }
      group.actedOn(other).stream()
          .filter(p -> pool.equals(p.pool()))
          .findFirst()
          .ifPresent(
              p ->
                  walk.problem(
                      other.location(),
                      "parallel step: "
                          + other.kind()
                          + " of "
                          + p.name()
                          + " races the evacuation of node "
                          + step.node()
                          + " from pool "
                          + pool
                          + " (line "
                          + step.location().line()
                          + "), which may move "
                          + p.name(),
                      "run the remove-node step before or after the group"));
    }
  }

  @Override
  Effect effect(RemoveNodeStep step) {
    return Effect.membership(new Membership(step.pool(), step.node(), false));
  }

  @Override
  List<Need> needs(RemoveNodeStep step) {
    return List.of(
        Need.pool(
            Capability.NODE_MEMBERSHIP, POOL, step.pool(), "takes a node out of a nested pool"));
  }

  @Override
  void flow(RemoveNodeStep step, MemoryFlow flow) {
    flow.leave(step.pool(), step.node());
  }
}
