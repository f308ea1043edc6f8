package dev.nestbed.scenario.parse;

import dev.nestbed.core.value.DataRate;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.core.value.TimeSpan;
import dev.nestbed.core.value.ValueFormatException;
import dev.nestbed.scenario.parse.YamlNode.Entry;
import dev.nestbed.scenario.parse.YamlNode.Mapping;
import dev.nestbed.scenario.parse.YamlNode.Scalar;
import dev.nestbed.scenario.parse.YamlNode.Sequence;
import dev.nestbed.scenario.spec.Location;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Typed, located reads of one YAML map. A value that is missing or of the wrong shape becomes a
 * problem naming the object ({@code context}) and the key, and the read returns null, so a binder
 * goes on and finds the file's other problems too.
 */
final class Fields {
  private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);

  private final Mapping map;
  private final Location anchor;
  private final String context;
  private final Problems problems;

  /**
   * @param anchor where problems about the map as a whole point (a missing key): the key that holds
   *     the map, or the list item that is the map
   * @param context names the object in messages, e.g. {@code partition p1}
   */
  Fields(Mapping map, Location anchor, String context, Problems problems) {
    this.map = map;
    this.anchor = anchor;
    this.context = context;
    this.problems = problems;
  }

  /** The node as a map, or a problem saying what it should have been ({@code what}). */
  static Optional<Fields> of(
      YamlNode node, Location anchor, String context, String what, Problems problems) {
    return of(node, anchor, context, what, null, problems);
  }

  /** As above, with a hint for when it is not a map. */
  static Optional<Fields> of(
      YamlNode node,
      Location anchor,
      String context,
      String what,
      @Nullable String hint,
      Problems problems) {
    if (node instanceof Mapping mapping) {
      return Optional.of(new Fields(mapping, anchor, context, problems));
    }
    if (!isAlias(node)) {
      problems.add(
          node.location(), context + " must be " + what + ", not " + node.describe(), hint);
    }
    return Optional.empty();
  }

  /** An alias has been reported when read; reads skip it rather than report it again. */
  static boolean isAlias(YamlNode node) {
    return node instanceof Scalar s && s.type() == Scalar.Type.ALIAS;
  }

  /** The same map, named differently in messages (once its name is known). */
  Fields named(String newContext) {
    return new Fields(map, anchor, newContext, problems);
  }

  Mapping map() {
    return map;
  }

  Location anchor() {
    return anchor;
  }

  String context() {
    return context;
  }

  Problems problems() {
    return problems;
  }

  /** Reports every key not in {@code allowed}, with a did-you-mean where one is close. */
  void allowOnly(List<String> allowed) {
    allowOnly(allowed, key -> Suggest.hint(key, allowed, "known keys"));
  }

  void allowOnly(List<String> allowed, Function<String, String> hintForUnknown) {
    for (Entry entry : map.entries().values()) {
      if (!allowed.contains(entry.key())) {
        problems.add(
            entry.keyLocation(),
            context + ": unknown key '" + entry.key() + "'",
            hintForUnknown.apply(entry.key()));
      }
    }
  }

  /** Whether the key is there with a value; {@code key:} alone counts as absent. */
  boolean has(String key) {
    return value(key).isPresent();
  }

  Optional<YamlNode> value(String key) {
    Entry entry = map.entries().get(key);
    if (entry == null || (entry.value() instanceof Scalar s && s.type() == Scalar.Type.NULL)) {
      return Optional.empty();
    }
    return Optional.of(entry.value());
  }

  /** Where the key's value is, else where the map is anchored. */
  Location at(String key) {
    Entry entry = map.entries().get(key);
    return entry == null ? anchor : entry.value().location();
  }

  /** Reports the key as missing unless present; {@code example} shows how to write it. */
  boolean require(String key, @Nullable String example) {
    if (has(key)) {
      return true;
    }
    Entry entry = map.entries().get(key);
    String hint = example == null ? null : "add e.g. '" + example + "'";
    if (entry == null) {
      problems.add(anchor, context + ": missing '" + key + "'", hint);
    } else {
      problems.add(entry.keyLocation(), context + ": '" + key + "' has no value", hint);
    }
    return false;
  }

  /** The text of a scalar value as written, for hints; null for anything else. Never reports. */
  @Nullable String written(String key) {
    return value(key).filter(Scalar.class::isInstance).map(n -> ((Scalar) n).text()).orElse(null);
  }

  @Nullable String text(String key) {
    return value(key).map(node -> scalar(key, node, "text")).map(Scalar::text).orElse(null);
  }

  /** A text that must be one of {@code allowed}; {@code fallback} when absent. */
  @Nullable String choice(String key, List<String> allowed, @Nullable String fallback) {
    String chosen = text(key);
    if (chosen == null) {
      return has(key) ? null : fallback;
    }
    if (!allowed.contains(chosen) && !isAlias(value(key).orElseThrow())) {
      problems.add(
          at(key),
          context + ": unknown " + key + " '" + chosen + "'",
          Suggest.closest(chosen, allowed)
              .map(s -> "did you mean '" + s + "'?")
              .orElse("use one of: " + String.join(", ", allowed)));
      return null;
    }
    return chosen;
  }

  /** A whole number of at least {@code min}. */
  @Nullable Integer integer(String key, int min) {
    Scalar scalar = value(key).map(node -> scalar(key, node, "a whole number")).orElse(null);
    if (scalar == null) {
      return null;
    }
    if (scalar.type() != Scalar.Type.INTEGER) {
      boolean quoted = scalar.type() == Scalar.Type.STRING && scalar.text().matches("-?[0-9]+");
      problems.add(
          scalar.location(),
          context + ": " + key + " must be a whole number, not " + scalar.describe(),
          quoted ? "remove the quotes" : null);
      return null;
    }
    BigInteger number;
    try {
      number = new BigInteger(scalar.text());
    } catch (NumberFormatException e) {
      problems.add(
          scalar.location(),
          context + ": " + key + " must be a whole number, not " + scalar.describe(),
          "write decimal digits, e.g. 4");
      return null;
    }
    if (number.compareTo(BigInteger.valueOf(min)) < 0) {
      problems.add(
          scalar.location(),
          context + ": " + key + " must be at least " + min + ", not " + number,
          null);
      return null;
    }
    if (number.compareTo(INT_MAX) > 0) {
      problems.add(
          scalar.location(),
          context + ": " + key + " " + number + " is too large",
          "the largest is " + INT_MAX);
      return null;
    }
    return number.intValue();
  }

  @Nullable Boolean bool(String key) {
    Scalar scalar = value(key).map(node -> scalar(key, node, "true or false")).orElse(null);
    if (scalar == null) {
      return null;
    }
    if (scalar.type() == Scalar.Type.TRUE || scalar.type() == Scalar.Type.FALSE) {
      return scalar.type() == Scalar.Type.TRUE;
    }
    problems.add(
        scalar.location(),
        context + ": " + key + " must be true or false, not " + scalar.describe(),
        null);
    return null;
  }

  @Nullable DataSize size(String key) {
    return quantity(key, "a size such as 256MiB", DataSize::parse);
  }

  @Nullable TimeSpan duration(String key) {
    return quantity(key, "a duration such as 300ms", TimeSpan::parse);
  }

  @Nullable DataRate rate(String key) {
    return quantity(key, "a rate such as 100MiB/s", DataRate::parse);
  }

  /** A list of names, e.g. {@code [n1, n2]}; empty when absent, null when malformed. */
  @Nullable List<String> names(String key) {
    Optional<Sequence> list = list(key, "a list of names such as [a, b]");
    if (list.isEmpty()) {
      return has(key) ? null : List.of();
    }
    List<String> names = new ArrayList<>();
    for (YamlNode item : list.get().items()) {
      if (item instanceof Scalar s && s.type() != Scalar.Type.NULL && !isAlias(s)) {
        names.add(s.text());
      } else if (!isAlias(item)) {
        problems.add(
            item.location(),
            context + ": each of " + key + " must be a name, not " + item.describe(),
            null);
      }
    }
    return names.size() == list.get().items().size() ? names : null;
  }

  /** The list under the key; a problem if it is something else. */
  Optional<Sequence> list(String key, String what) {
    Optional<YamlNode> node = value(key).filter(n -> !isAlias(n));
    if (node.isPresent() && !(node.get() instanceof Sequence)) {
      problems.add(
          node.get().location(),
          context + ": " + key + " must be " + what + ", not " + node.get().describe(),
          node.get() instanceof Scalar s
              ? "write a list, e.g. [" + s.text() + "]"
              : "start each item with '- '");
      return Optional.empty();
    }
    return node.map(Sequence.class::cast);
  }

  /** The map under the key, anchored at the key; a problem if it is something else. */
  Optional<Fields> object(String key, String nestedContext, String what) {
    return object(key, nestedContext, what, null);
  }

  /** As above, with a hint for when it is not a map. */
  Optional<Fields> object(String key, String nestedContext, String what, @Nullable String hint) {
    Optional<YamlNode> node = value(key).filter(n -> !isAlias(n));
    if (node.isEmpty()) {
      return Optional.empty();
    }
    if (node.get() instanceof Mapping mapping) {
      Entry entry = map.entries().get(key);
      Location keyAt = entry == null ? anchor : entry.keyLocation();
      return Optional.of(new Fields(mapping, keyAt, nestedContext, problems));
    }
    problems.add(
        node.get().location(),
        context + ": " + key + " must be " + what + ", not " + node.get().describe(),
        hint);
    return Optional.empty();
  }

  private @Nullable Scalar scalar(String key, YamlNode node, String what) {
    if (isAlias(node)) {
      return null;
    }
    if (node instanceof Scalar scalar) {
      return scalar;
    }
    problems.add(
        node.location(),
        context + ": " + key + " must be " + what + ", not " + node.describe(),
        null);
    return null;
  }

  private <T> @Nullable T quantity(String key, String what, Function<String, T> parse) {
    Scalar scalar = value(key).map(node -> scalar(key, node, what)).orElse(null);
    if (scalar == null) {
      return null;
    }
    try {
      return parse.apply(scalar.text());
    } catch (ValueFormatException e) {
      problems.add(
          scalar.location(),
          context + ": " + key + " '" + e.input() + "': " + e.problem(),
          e.hint());
      return null;
    }
  }
}
