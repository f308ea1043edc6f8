package dev.nestbed.scenario.kind;

import dev.nestbed.scenario.spec.ParallelStep;
import java.util.List;
import java.util.Optional;

/** {@code parallel: [...]}: steps that start at the same time; the group ends with the last. */
final class ParallelKind extends StepKind<ParallelStep> {
  static final Key STEPS =
      Key.required(
          "steps",
          KeyType.STEPS,
          "steps: [- migrate: ..., - resize: ...]",
          "The steps that run together.");

  ParallelKind() {
    super("parallel", ParallelStep.class);
  }

  @Override
  public String description() {
    return "Steps that run at the same time.";
  }

  @Override
  public String form() {
    return "The map form of parallel.";
  }

  @Override
  public String documentation() {
    return "runs its steps at the same time, each with its own timeout";
  }

  @Override
  public List<Key> keys() {
    return List.of(STEPS, Key.TIMEOUT);
  }

  @Override
  public Optional<ShortForm> shortForm() {
    return Optional.of(new ShortForm(STEPS));
  }

  @Override
  public String example() {
    return "parallel: [- start: [p1], - start: [p2]]";
  }

  @Override
  public ParallelStep bind(Arguments arguments) {
    return new ParallelStep(arguments.steps(STEPS), arguments.timeout(), arguments.anchor());
  }

  @Override
  public String recordsNote() {
    return "one record per child";
  }

  @Override
  List<Effect.Names> references(ParallelStep step) {
    return List.of(); // its steps are checked one by one
  }

  @Override
  String summary(ParallelStep step) {
    return "parallel: "
        + step.steps().stream()
            .map(s -> StepKinds.of(s).summarize(s))
            .reduce((a, b) -> a + " | " + b)
            .orElse("");
  }

  /** What its steps act on: an outer step races a nested group as it races each of its steps. */
  @Override
  List<String> actsOn(ParallelStep step) {
    return step.steps().stream()
        .flatMap(s -> StepKinds.of(s).actsOnOf(s).stream())
        .distinct()
        .toList();
  }

  @Override
  Effect effect(ParallelStep step) {
    return Effect.group(step.steps());
  }

  /** Its steps in file order: growths in one group add up. */
  @Override
  void flow(ParallelStep step, MemoryFlow flow) {
    step.steps().forEach(s -> StepKinds.of(s).flowOf(s, flow));
  }
}
