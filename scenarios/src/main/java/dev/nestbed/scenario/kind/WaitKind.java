package dev.nestbed.scenario.kind;

import dev.nestbed.scenario.spec.WaitStep;
import java.util.ArrayList;
import java.util.List;

/** {@code wait: {heartbeat: [p1], for: 10s}}: waits for agents, then lets time pass. */
final class WaitKind extends StepKind<WaitStep> {
  static final Key HEARTBEAT =
      Key.optionalList(
          "heartbeat",
          KeyType.PARTITIONS,
          "heartbeat: [p1]",
          "Wait until each has sent a heartbeat.");
  static final Key FOR = Key.optional("for", KeyType.DURATION, "Let this much time pass.");

  WaitKind() {
    super("wait", WaitStep.class);
  }

  @Override
  public String description() {
    return "Wait for heartbeats, or for a time.";
  }

  @Override
  public String form() {
    return "Give heartbeat, for, or both.";
  }

  @Override
  public String documentation() {
    return "waits for each partition's first heartbeat, then for the time given";
  }

  @Override
  public List<Key> keys() {
    return List.of(HEARTBEAT, FOR, Key.TIMEOUT);
  }

  @Override
  public String example() {
    return "wait: {heartbeat: [p1], timeout: 5m}";
  }

  @Override
  public WaitStep bind(Arguments arguments) {
    if (!arguments.has(HEARTBEAT) && !arguments.has(FOR)) {
      arguments.problem(
          "wait step: give heartbeat, for, or both",
          "e.g. wait: {heartbeat: [p1]} waits for p1's agent; wait: {for: 10s} lets time pass");
    }
    return new WaitStep(
        arguments.names(HEARTBEAT),
        arguments.duration(FOR),
        arguments.timeout(),
        arguments.anchor());
  }

  @Override
  public List<Measure> measures() {
    return List.of(Measures.FIRST_HEARTBEAT);
  }

  @Override
  List<Effect.Names> references(WaitStep step) {
    return List.of(new Effect.Names(HEARTBEAT, step.heartbeat()));
  }

  @Override
  String summary(WaitStep step) {
    List<String> parts = new ArrayList<>();
    if (!step.heartbeat().isEmpty()) {
      parts.add("for the first heartbeat of " + String.join(", ", step.heartbeat()));
    }
    if (step.duration() != null) {
      parts.add("for " + step.duration());
    }
    return "wait " + String.join(", then ", parts);
  }

  /** Watching a partition does not compete with acting on it. */
  @Override
  List<String> actsOn(WaitStep step) {
    return List.of();
  }

  @Override
  Effect effect(WaitStep step) {
    return Effect.mustRun(HEARTBEAT, step.heartbeat());
  }
}
