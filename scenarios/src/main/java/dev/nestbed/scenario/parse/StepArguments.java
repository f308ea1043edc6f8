package dev.nestbed.scenario.parse;

import dev.nestbed.core.value.DataRate;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.core.value.TimeSpan;
import dev.nestbed.scenario.kind.Arguments;
import dev.nestbed.scenario.kind.Key;
import dev.nestbed.scenario.kind.KeyType;
import dev.nestbed.scenario.kind.StepKind;
import dev.nestbed.scenario.kind.StepKinds;
import dev.nestbed.scenario.spec.Location;
import dev.nestbed.scenario.spec.StepSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the arguments of one step, already in map form, for its kind to bind: each key by the type
 * its kind declares, with the problems reported where they are. Checks here involve only the step
 * itself; whether the names it uses exist is {@link StepCheck}'s business.
 */
final class StepArguments implements Arguments {
  private final StepBinder binder;
  private final Fields step;
  private final Optional<TimeSpan> timeout;

  /** The keys read by type, so a kind that forgets one is caught (its type would go unchecked). */
  private final Set<String> read = new HashSet<>();

  private StepArguments(StepBinder binder, Fields step, Optional<TimeSpan> timeout) {
    this.binder = binder;
    this.step = step;
    this.timeout = timeout;
  }

  /** How a step of this kind is written, for hints. */
  static String example(String kind) {
    return kind(kind).example();
  }

  static Optional<StepSpec> bind(StepBinder binder, String kind, Fields step) {
    Optional<TimeSpan> timeout = binder.timeout(step);
    StepKind<?> unit = kind(kind);
    step.allowOnly(unit.keyNames());
    StepArguments arguments = new StepArguments(binder, step, timeout);
    StepSpec bound = unit.bind(arguments);
    arguments.requireAllRead(unit);
    return Optional.of(bound);
  }

  /** A defect of the kind, not of the scenario: a key it declares and accepts but never reads. */
  private void requireAllRead(StepKind<?> unit) {
    for (Key key : unit.keys()) {
      if (!key.equals(Key.TIMEOUT) && step.has(key.name()) && !read.contains(key.name())) {
        throw new IllegalStateException(
            "step kind "
                + unit.keyword()
                + " declares key "
                + key.name()
                + " but does not read it");
      }
    }
  }

  /** Marks the key read, as one of the types the getter reads, and returns its name. */
  private String reading(Key key, KeyType... types) {
    if (!List.of(types).contains(key.type())) {
      throw new IllegalArgumentException(
          "key " + key.name() + " is a " + key.type() + ", not read as " + List.of(types));
    }
    read.add(key.name());
    return key.name();
  }

  private static StepKind<?> kind(String keyword) {
    return StepKinds.named(keyword)
        .orElseThrow(() -> new IllegalArgumentException("no step " + keyword));
  }

  @Override
  public boolean has(Key key) {
    return step.has(key.name());
  }

  @Override
  public @Nullable String name(Key key) {
    reading(key, KeyType.PARTITION, KeyType.POOL, KeyType.NODE);
    if (key.required()) {
      return step.require(key.name(), key.example()) ? step.text(key.name()) : null;
    }
    return step.text(key.name());
  }

  @Override
  public List<String> names(Key key) {
    reading(key, KeyType.PARTITIONS, KeyType.NODES);
    if (!key.required() && !step.has(key.name())) {
      return List.of();
    }
    if (!step.require(key.name(), key.example())) {
      return List.of();
    }
    List<String> names = step.names(key.name());
    if (names != null && names.isEmpty()) {
      step.problems()
          .add(
              step.at(key.name()),
              step.context() + ": " + key.name() + " is empty",
              "e.g. " + key.example());
    }
    return names == null ? List.of() : names;
  }

  @Override
  public @Nullable DataSize size(Key key) {
    return step.size(reading(key, KeyType.SIZE));
  }

  @Override
  public @Nullable TimeSpan duration(Key key) {
    return step.duration(reading(key, KeyType.DURATION));
  }

  @Override
  public @Nullable DataRate rate(Key key) {
    return step.rate(reading(key, KeyType.RATE));
  }

  @Override
  public @Nullable Integer count(Key key) {
    return step.integer(reading(key, KeyType.COUNT), 1);
  }

  @Override
  public @Nullable Boolean flag(Key key) {
    return step.bool(reading(key, KeyType.FLAG));
  }

  @Override
  public @Nullable String choice(Key key) {
    return step.choice(reading(key, KeyType.CHOICE), key.choices(), key.fallback());
  }

  @Override
  public List<StepSpec> steps(Key key) {
    reading(key, KeyType.STEPS);
    if (!step.require(key.name(), key.example())) {
      return List.of();
    }
    List<StepSpec> steps =
        step.list(key.name(), "a list of steps").map(binder::list).orElse(List.of());
    if (step.value(key.name())
        .filter(v -> v instanceof YamlNode.Sequence s && s.items().isEmpty())
        .isPresent()) {
      step.problems()
          .add(
              step.at(key.name()),
              step.context() + ": no steps given",
              "list the steps that should run at the same time");
    }
    return steps;
  }

  @Override
  public Optional<TimeSpan> timeout() {
    return timeout;
  }

  @Override
  public Location anchor() {
    return step.anchor();
  }

  @Override
  public void problem(String message, @Nullable String hint) {
    step.problems().add(step.anchor(), message, hint);
  }

  @Override
  public void problemAt(Key key, String message, @Nullable String hint) {
    step.problems().add(step.at(key.name()), message, hint);
  }

  @Override
  public void problemAtName(Key key, String message, @Nullable String hint) {
    YamlNode.Entry entry = step.map().entries().get(key.name());
    step.problems().add(entry == null ? step.anchor() : entry.keyLocation(), message, hint);
  }
}
