package dev.nestbed.scenario.kind;

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
import java.util.stream.Stream;

/**
 * Every step kind, in the order the language documents them. This list is the one place a new kind
 * is registered; keywords, keys, schema, summaries and the README's table follow from it.
 */
public final class StepKinds {
  public static final StepKind<StartStep> START = new StartKind();
  public static final StepKind<StopStep> STOP = new StopKind();
  public static final StepKind<WaitStep> WAIT = new WaitKind();
  public static final StepKind<ResizeStep> RESIZE = new ResizeKind();
  public static final StepKind<MoveStep> MOVE = new MoveKind();
  public static final StepKind<MigrateStep> MIGRATE = new MigrateKind();
  public static final StepKind<AddNodeStep> ADD_NODE = new AddNodeKind();
  public static final StepKind<RemoveNodeStep> REMOVE_NODE = new RemoveNodeKind();
  public static final StepKind<RebalanceStep> REBALANCE = new RebalanceKind();
  public static final StepKind<ParallelStep> PARALLEL = new ParallelKind();

  /** All of them, in documented order. */
  public static final List<StepKind<?>> ALL =
      List.of(START, STOP, WAIT, RESIZE, MOVE, MIGRATE, ADD_NODE, REMOVE_NODE, REBALANCE, PARALLEL);

  private StepKinds() {}

  /** The keywords, in documented order. */
  public static List<String> keywords() {
    return ALL.stream().map(StepKind::keyword).toList();
  }

  /** The kind with this keyword, if any. */
  public static Optional<StepKind<?>> named(String keyword) {
    return ALL.stream().filter(k -> k.keyword().equals(keyword)).findFirst();
  }

  /** The kind of a bound step. */
  public static StepKind<?> of(StepSpec step) {
    return ALL.stream()
        .filter(k -> k.type().isInstance(step))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no kind for " + step.getClass()));
  }

  /** Every step, each group before the steps in it, in file order. */
  public static Stream<StepSpec> all(List<StepSpec> steps) {
    return steps.stream()
        .flatMap(step -> Stream.concat(Stream.of(step), all(of(step).effectOf(step).group())));
  }

  /** The kinds that can answer the expectation metric, in documented order. */
  public static List<String> answering(ExpectedMetric metric) {
    return ALL.stream().filter(k -> k.answers(metric)).map(StepKind::keyword).toList();
  }
}
