package dev.nestbed.scenario.run;

import dev.nestbed.core.NestbedException;
import dev.nestbed.scenario.kind.StepKind;
import dev.nestbed.scenario.kind.StepKinds;
import dev.nestbed.scenario.spec.StepSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The action of each step kind, in one table. It lives here and not in the kinds because the
 * actions are this package's internals (they work on {@link RunState}); the kinds stay free of the
 * runner, and a test holds this table to the registry, so a kind without an action fails the build
 * rather than a run. Java 17 has no switch over a sealed type, or this would be one.
 */
final class StepActions {
  /** Kinds the executor runs itself: a parallel group is its children's actions. */
  static final Set<StepKind<?>> GROUPS = Set.of(StepKinds.PARALLEL);

  /** Makes the action of one step of kind {@code S}. */
  @FunctionalInterface
  private interface Maker<S extends StepSpec> {
    StepAction make(S step, Duration timeout);
  }

  /** A maker with its kind, so the step is cast to the type the maker takes. */
  private record Entry<S extends StepSpec>(StepKind<S> kind, Maker<S> maker) {
    StepAction make(StepSpec step, Duration timeout) {
      return maker.make(kind.type().cast(step), timeout);
    }
  }

  private static final Map<StepKind<?>, Entry<?>> ACTIONS = new LinkedHashMap<>();

  static {
    put(StepKinds.START, (s, timeout) -> new StartAction(s.partitions()));
    put(StepKinds.STOP, (s, timeout) -> new StopAction(s.partitions()));
    put(StepKinds.WAIT, (s, timeout) -> new WaitAction(s.heartbeat(), s.duration(), timeout));
    put(
        StepKinds.RESIZE,
        (s, timeout) -> new ResizeAction(s.validPartition(), s.vcpus(), s.memory(), timeout));
    put(StepKinds.MOVE, (s, timeout) -> new MoveAction(s.validPartition(), s.toCells()));
    put(StepKinds.MIGRATE, MigrateAction::new);
    put(
        StepKinds.ADD_NODE,
        (s, timeout) -> new AddNodeAction(s.validPool(), s.validNode(), timeout));
    put(
        StepKinds.REMOVE_NODE,
        (s, timeout) -> new RemoveNodeAction(s.validPool(), s.validNode(), s.evacuate(), timeout));
    put(StepKinds.REBALANCE, (s, timeout) -> new RebalanceAction(s.validPool()));
  }

  private StepActions() {}

  private static <S extends StepSpec> void put(StepKind<S> kind, Maker<S> maker) {
    ACTIONS.put(kind, new Entry<>(kind, maker));
  }

  /** The kinds that have an action. */
  static Set<StepKind<?>> kinds() {
    return ACTIONS.keySet();
  }

  /** The action of a step, given its timeout. */
  static StepAction of(StepSpec step, Duration timeout) {
    Entry<?> entry = ACTIONS.get(StepKinds.of(step));
    if (entry == null) {
      throw new NestbedException("unknown step kind " + step.kind());
    }
    return entry.make(step, timeout);
  }
}
