package dev.nestbed.scenario.kind;

import dev.nestbed.core.value.DataRate;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.core.value.TimeSpan;
import dev.nestbed.scenario.spec.Location;
import dev.nestbed.scenario.spec.StepSpec;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A step's arguments, in map form, as a kind reads them to bind its spec. Each getter reads one key
 * by its type and reports what is wrong with it (missing while required, of the wrong type, an
 * empty list) at its own place, returning null (or an empty list) then; the parser implements it,
 * so a kind never sees YAML.
 */
public interface Arguments {
  /** Whether the key is there with a value. */
  boolean has(Key key);

  /** A partition, pool or node name. */
  @Nullable String name(Key key);

  /** A list of names: empty when absent and optional; reported when given but empty. */
  List<String> names(Key key);

  @Nullable DataSize size(Key key);

  @Nullable TimeSpan duration(Key key);

  @Nullable DataRate rate(Key key);

  @Nullable Integer count(Key key);

  @Nullable Boolean flag(Key key);

  /** One of the key's choices; its fallback when absent; null when it is none of them. */
  @Nullable String choice(Key key);

  /** The steps of a list of steps, each bound by its own kind. */
  List<StepSpec> steps(Key key);

  /** The step's {@code timeout}, already checked. */
  Optional<TimeSpan> timeout();

  /** Where the step's keyword was written. */
  Location anchor();

  /** Reports a problem of the step as a whole, at its keyword. */
  void problem(String message, @Nullable String hint);

  /** Reports a problem with a key's value, at the value. */
  void problemAt(Key key, String message, @Nullable String hint);

  /** Reports a problem with a key's presence, at the key's name. */
  void problemAtName(Key key, String message, @Nullable String hint);
}
