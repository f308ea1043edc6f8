package dev.nestbed.scenario.kind;

import dev.nestbed.scenario.spec.StartStep;
import java.util.List;
import java.util.Optional;

/**
 * {@code start: [p1, p2]}: defines and starts partitions in their pools. It ends when their QEMUs
 * run, not when their guests have booted: {@code wait: {heartbeat: [...]}} waits for that.
 */
final class StartKind extends StepKind<StartStep> {
  static final Key PARTITIONS =
      Key.required("partitions", KeyType.PARTITIONS, "partitions: [p1]", "The partitions.");

  StartKind() {
    super("start", StartStep.class);
  }

  @Override
  public String description() {
    return "Define and start partitions; wait: {heartbeat: [...]} waits for them to boot.";
  }

  @Override
  public String form() {
    return "The map form of start.";
  }

  @Override
  public String documentation() {
    return "defines and starts the partitions in their pools, in parallel";
  }

  @Override
  public List<Key> keys() {
    return List.of(PARTITIONS, Key.TIMEOUT);
  }

  @Override
  public Optional<ShortForm> shortForm() {
    return Optional.of(new ShortForm(PARTITIONS));
  }

  @Override
  public String example() {
    return "start: [p1, p2]";
  }

  @Override
  public StartStep bind(Arguments arguments) {
    return new StartStep(arguments.names(PARTITIONS), arguments.timeout(), arguments.anchor());
  }

  @Override
  public List<Measure> measures() {
    return List.of(Measures.START, Measures.MODEL_MEMORY_LATENCY);
  }

  @Override
  List<Effect.Names> references(StartStep step) {
    return List.of(new Effect.Names(PARTITIONS, step.partitions()));
  }

  @Override
  String summary(StartStep step) {
    return "start " + String.join(", ", step.partitions());
  }

  @Override
  Effect effect(StartStep step) {
    return Effect.starting(PARTITIONS, step.partitions());
  }
}
