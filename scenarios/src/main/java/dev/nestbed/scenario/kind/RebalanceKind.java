package dev.nestbed.scenario.kind;

import dev.nestbed.scenario.spec.RebalanceStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code rebalance: big}: evens out the load of a pool's cells by moving partitions live. */
final class RebalanceKind extends StepKind<RebalanceStep> {
  static final Key POOL = Key.required("pool", KeyType.POOL, "pool: big", "The pool.");

  RebalanceKind() {
    super("rebalance", RebalanceStep.class);
  }

  @Override
  public String description() {
    return "Re-place a pool's partitions across its cells.";
  }

  @Override
  public String form() {
    return "The map form of rebalance.";
  }

  @Override
  public String documentation() {
    return "`nested` pools: evens out the load of P's cells by moving partitions live between"
        + " them, as `move` does. The load of a cell is the share of its CPUs its partitions' vCPUs"
        + " take (memory breaks ties); one move at a time, it takes the move of a one-cell partition"
        + " to a cell with room that lowers the spread (most minus least loaded cell) the most, and"
        + " stops when no move lowers it. Each partition moves at most once; partitions over several"
        + " cells stay";
  }

  @Override
  public List<Key> keys() {
    return List.of(POOL, Key.TIMEOUT);
  }

  @Override
  public Optional<ShortForm> shortForm() {
    return Optional.of(new ShortForm(POOL));
  }

  @Override
  public String example() {
    return "rebalance: big";
  }

  @Override
  public RebalanceStep bind(Arguments arguments) {
    return new RebalanceStep(arguments.name(POOL), arguments.timeout(), arguments.anchor());
  }

  @Override
  public List<Measure> measures() {
    List<Measure> all =
        new ArrayList<>(
            List.of(Measures.MOVES, Measures.CPU_SPREAD_BEFORE, Measures.CPU_SPREAD_AFTER));
    all.addAll(NodeMeasures.PLANNED_MOVES);
    return List.copyOf(all);
  }

  @Override
  List<Effect.Names> references(RebalanceStep step) {
    return List.of(new Effect.Names(POOL, one(step.pool())));
  }

  @Override
  String summary(RebalanceStep step) {
    return "rebalance pool " + step.pool();
  }

  /** Rebalancing a pool a node joins or leaves in the same group. */
  @Override
  void races(RebalanceStep step, StepGroup group, StepWalk walk) {
    group
        .changingIn(step.pool())
        .ifPresent(
            other ->
                walk.problem(
                    step.location(),
                    "parallel step: rebalance of pool "
                        + step.pool()
                        + " races "
                        + other.kind()
                        + " in that pool (line "
                        + other.location().line()
                        + ")",
                    "run the " + other.kind() + " step before or after the group"));
  }

  @Override
  List<Need> needs(RebalanceStep step) {
    return List.of(
        Need.pool(
            Capability.MOVES_BETWEEN_CELLS,
            POOL,
            step.pool(),
            "moves partitions between the cells of a nested pool"));
  }

  /** The run chooses every destination. */
  @Override
  void flow(RebalanceStep step, MemoryFlow flow) {
    flow.forgetAll();
  }
}
