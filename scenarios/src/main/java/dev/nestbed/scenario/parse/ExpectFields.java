package dev.nestbed.scenario.parse;

import dev.nestbed.core.value.TimeSpan;
import dev.nestbed.scenario.kind.ExpectArguments;
import dev.nestbed.scenario.kind.ExpectKind;
import dev.nestbed.scenario.kind.ExpectKinds;
import dev.nestbed.scenario.kind.Key;
import dev.nestbed.scenario.spec.Bound;
import dev.nestbed.scenario.spec.Location;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads the keys of one expectation for its kind to bind, with the problems reported where they
 * are; as {@link StepArguments} for steps.
 */
final class ExpectFields implements ExpectArguments {
  private final ExpectKind<?> kind;
  private Fields fields;

  ExpectFields(ExpectKind<?> kind, Fields fields) {
    this.kind = kind;
    this.fields = fields;
  }

  @Override
  public boolean has(Key key) {
    return fields.has(key.name());
  }

  @Override
  public @Nullable String name(Key key) {
    return fields.text(key.name());
  }

  @Override
  public @Nullable String keyword(Key key) {
    String written = fields.text(key.name());
    if (written != null && !key.choices().contains(written)) {
      fields
          .problems()
          .add(
              fields.at(key.name()),
              fields.context() + ": unknown " + key.name() + " '" + written + "'",
              Suggest.hint(written, key.choices(), key.name() + "s are"));
    }
    return written;
  }

  @Override
  public void about(String context) {
    fields = fields.named(context);
    List<String> allowed = kind.keyNames();
    fields.allowOnly(allowed, key -> misplaced(key, allowed));
  }

  /** A hint for a key that belongs to another kind of expectation, else a did-you-mean. */
  private static String misplaced(String key, List<String> allowed) {
    return ExpectKinds.DECIDING.stream()
        .map(k -> k.elsewhere(key))
        .flatMap(Optional::stream)
        .findFirst()
        .orElseGet(() -> Suggest.hint(key, allowed, "known keys"));
  }

  @Override
  public String context() {
    return fields.context();
  }

  @Override
  public @Nullable Boolean flag(Key key) {
    return fields.bool(key.name());
  }

  @Override
  public @Nullable Integer count(Key key) {
    return fields.integer(key.name(), 1);
  }

  @Override
  public @Nullable Integer whole(Key key) {
    if (key.required() && !fields.require(key.name(), key.example())) {
      return null;
    }
    return fields.integer(key.name(), 0);
  }

  /** {@code {max: 2s}} or {@code {min: 1s, max: 2s}}; null when absent or malformed. */
  @Override
  public @Nullable Bound bound(Key key) {
    String name = key.name();
    String written = fields.written(name);
    Optional<Fields> found =
        fields.object(
            name,
            fields.context() + " " + name,
            "a range such as {max: 2s}",
            written == null ? null : "write {max: " + written + "}");
    if (found.isEmpty()) {
      return null;
    }
    Fields range = found.get();
    range.allowOnly(Keys.BOUND);
    TimeSpan min = range.duration("min");
    TimeSpan max = range.duration("max");
    if (!range.has("min") && !range.has("max")) {
      range
          .problems()
          .add(
              range.anchor(),
              range.context() + ": give min, max, or both",
              "e.g. " + name + ": {max: 2s}");
      return null;
    }
    if (min != null && max != null && min.isGreaterThan(max)) {
      range
          .problems()
          .add(
              range.at("min"),
              range.context() + ": min " + min + " is above max " + max,
              "swap them");
      return null;
    }
    return (range.has("min") && min == null) || (range.has("max") && max == null)
        ? null
        : new Bound(min, max);
  }

  @Override
  public Location anchor() {
    return fields.anchor();
  }

  @Override
  public void problem(String message, @Nullable String hint) {
    fields.problems().add(fields.anchor(), message, hint);
  }
}
