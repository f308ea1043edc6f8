package dev.nestbed.scenario.kind;

import dev.nestbed.scenario.kind.Effect.Membership;
import dev.nestbed.scenario.spec.AddNodeStep;
import dev.nestbed.scenario.spec.Location;
import java.util.List;
import java.util.Optional;

/** {@code add-node: {pool: big, node: n3}}: a spare joins its pool while it runs. */
final class AddNodeKind extends StepKind<AddNodeStep> {
  static final Key POOL = Key.required("pool", KeyType.POOL, "pool: big", "The pool.");
  static final Key NODE =
      Key.required("node", KeyType.NODE, "node: n3", "One of the pool's spares.");

  AddNodeKind() {
    super("add-node", AddNodeStep.class);
  }

  @Override
  public String description() {
    return "A spare node joins its pool.";
  }

  @Override
  public String form() {
    return "Add a spare.";
  }

  @Override
  public String documentation() {
    return "a spare of a `nested` pool joins live: its vCPUs and memory are hot-plugged into its"
        + " cell and onlined by the L1's kernel";
  }

  @Override
  public List<Key> keys() {
    return List.of(POOL, NODE, Key.TIMEOUT);
  }

  @Override
  public String example() {
    return "add-node: {pool: big, node: n3}";
  }

  @Override
  public AddNodeStep bind(Arguments arguments) {
    String pool = arguments.name(POOL);
    return new AddNodeStep(pool, arguments.name(NODE), arguments.timeout(), arguments.anchor());
  }

  /** {@inheritDoc} Its subjects are listed pool, node. */
  @Override
  public String subjectsNamed(List<String> subjects) {
    return subjects.size() == 2
        ? subjects.get(1) + " to " + subjects.get(0)
        : super.subjectsNamed(subjects);
  }

  @Override
  public List<Measure> measures() {
    return NodeMeasures.CHANGE;
  }

  @Override
  List<Effect.Names> references(AddNodeStep step) {
    return List.of(
        new Effect.Names(POOL, one(step.pool())), new Effect.Names(NODE, one(step.node())));
  }

  @Override
  String summary(AddNodeStep step) {
    return "add node " + step.node() + " to pool " + step.pool();
  }

  /** A spare of the pool at this point, not yet a member. */
  @Override
  void check(AddNodeStep step, StepWalk walk) {
    Optional<StepWalk.PoolNode> named =
        walk.poolAndNode(step, POOL, step.pool(), NODE, step.node());
    if (named.isEmpty()) {
      return;
    }
    Location at = walk.at(step, NODE);
    Pools pools = walk.pools();
    String pool = named.get().pool();
    String node = named.get().node();
    if (pools.members(pool).contains(node)) {
      walk.problem(
          at,
          "add-node step: node " + node + " is already a member of pool " + pool + " at this point",
          null);
    } else if (!pools.spares(pool).contains(node)) {
      walk.problem(
          at,
          "add-node step: node " + node + " is not a spare of pool " + pool,
          "only spares can join; add "
              + node
              + " to spare of pool "
              + pool
              + (pools.spares(pool).isEmpty()
                  ? ""
                  : " (spares now: " + String.join(", ", pools.spares(pool)) + ")"));
    } else {
      pools.join(pool, node);
    }
  }

  @Override
  Effect effect(AddNodeStep step) {
    return Effect.membership(new Membership(step.pool(), step.node(), true));
  }

  @Override
  List<Need> needs(AddNodeStep step) {
    return List.of(
        Need.pool(Capability.NODE_MEMBERSHIP, POOL, step.pool(), "joins a node to a nested pool"));
  }
}
