package dev.nestbed.scenario.kind;

import dev.nestbed.scenario.kind.Effect.Membership;
import dev.nestbed.scenario.spec.RemoveNodeStep;
import java.util.ArrayList;
import java.util.List;

/** {@code remove-node: {pool: big, node: n1, evacuate: true}}: a member leaves its pool. */
final class RemoveNodeKind extends StepKind<RemoveNodeStep> {
  static final Key POOL = Key.required("pool", KeyType.POOL, "pool: big", "The pool.");
  static final Key NODE = Key.required("node", KeyType.NODE, "node: n1",
      "A current member of the pool.");
  static final Key EVACUATE = Key.optional("evacuate", KeyType.FLAG, "Move its partitions away"
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
    return new RemoveNodeStep(pool, node, evacuate != null && evacuate, arguments.timeout(),
        arguments.anchor());
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
    return List.of(new Effect.Names(POOL, one(step.pool())),
        new Effect.Names(NODE, one(step.node())));
  }

  @Override
  String summary(RemoveNodeStep step) {
    return "remove node " + step.node() + " from pool " + step.pool()
        + (step.evacuate() ? " (evacuate)" : "");
  }

  @Override
  Effect effect(RemoveNodeStep step) {
    return Effect.membership(new Membership(step.pool(), step.node(), false));
  }

  @Override
  List<Need> needs(RemoveNodeStep step) {
    return List.of(Need.pool(Capability.NODE_MEMBERSHIP, POOL, step.pool(),
        "takes a node out of a nested pool"));
  }
}
