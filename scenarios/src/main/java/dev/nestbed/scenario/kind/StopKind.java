package dev.nestbed.scenario.kind;

import dev.nestbed.scenario.spec.StopStep;
import java.util.List;
import java.util.Optional;

/** {@code stop: [p1]}: shuts partitions down; nothing acts on them afterwards. */
final class StopKind extends StepKind<StopStep> {
  static final Key PARTITIONS =
      Key.required("partitions", KeyType.PARTITIONS, "partitions: [p1]", "The partitions.");

  StopKind() {
    super("stop", StopStep.class);
  }

  @Override
  public String description() {
    return "Shut partitions down.";
  }

  @Override
  public String form() {
    return "The map form of stop.";
  }

  @Override
  public String documentation() {
    return "destroys them (their heartbeat history stays for the report)";
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
    return "stop: [p1]";
  }

  @Override
  public StopStep bind(Arguments arguments) {
    return new StopStep(arguments.names(PARTITIONS), arguments.timeout(), arguments.anchor());
  }

  @Override
  List<Effect.Names> references(StopStep step) {
    return List.of(new Effect.Names(PARTITIONS, step.partitions()));
  }

  @Override
  String summary(StopStep step) {
    return "stop " + String.join(", ", step.partitions());
  }

  @Override
  Effect effect(StopStep step) {
    return Effect.mustRun(PARTITIONS, step.partitions()).withStops(step.partitions());
  }

  @Override
  void flow(StopStep step, MemoryFlow flow) {
    step.partitions().forEach(flow::release);
  }
}
