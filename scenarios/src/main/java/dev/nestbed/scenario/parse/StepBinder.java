package dev.nestbed.scenario.parse;

import dev.nestbed.core.value.TimeSpan;
import dev.nestbed.scenario.kind.ShortForm;
import dev.nestbed.scenario.kind.StepKind;
import dev.nestbed.scenario.kind.StepKinds;
import dev.nestbed.scenario.parse.YamlNode.Entry;
import dev.nestbed.scenario.parse.YamlNode.Mapping;
import dev.nestbed.scenario.parse.YamlNode.Scalar;
import dev.nestbed.scenario.parse.YamlNode.Sequence;
import dev.nestbed.scenario.spec.Location;
import dev.nestbed.scenario.spec.StepSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds the {@code steps} list: each item a one-key map from a step keyword to its arguments. Short
 * forms ({@code start: [p1]}, {@code rebalance: big}, {@code parallel: [...]}) are turned into
 * their map forms here, so {@link StepArguments} reads one shape per step.
 */
final class StepBinder {
  private final Problems problems;
  private final Sources sources;

  StepBinder(Problems problems, Sources sources) {
    this.problems = problems;
    this.sources = sources;
  }

  List<StepSpec> steps(Fields scenario) {
    Optional<Sequence> steps = scenario.list("steps", "a list of steps");
    if (steps.isEmpty() && scenario.has("steps")) {
      sources.markIncomplete("steps");
    }
    return steps.map(this::list).orElse(List.of());
  }

  /** The steps of a list, in order; malformed ones are reported and left out. */
  List<StepSpec> list(Sequence steps) {
    List<StepSpec> bound = new ArrayList<>();
    steps.items().forEach(item -> step(item).ifPresent(bound::add));
    if (bound.size() != steps.items().size()) {
      sources.markIncomplete("steps");
    }
    return bound;
  }

  private Optional<StepSpec> step(YamlNode item) {
    if (!(item instanceof Mapping map) || map.entries().isEmpty()) {
      problems.add(
          item.location(),
          "a step must be a one-key map such as '- start: [p1]', not "
              + (item instanceof Mapping ? "an empty map" : item.describe()),
          "begin the step with its keyword: " + String.join(", ", Keys.STEP_KEYWORDS));
      return Optional.empty();
    }
    List<Entry> keywords =
        map.entries().values().stream().filter(e -> Keys.STEP_KEYWORDS.contains(e.key())).toList();
    if (keywords.isEmpty()) {
      map.entries()
          .values()
          .forEach(
              e ->
                  problems.add(
                      e.keyLocation(),
                      "unknown step '" + e.key() + "'",
                      Suggest.hint(e.key(), Keys.STEP_KEYWORDS, "steps are")));
      return Optional.empty();
    }
    if (keywords.size() > 1) {
      problems.add(
          keywords.get(1).keyLocation(),
          "a step has one keyword, this one has "
              + String.join(" and ", keywords.stream().map(Entry::key).toList()),
          "put each step in its own list item, starting with '- '");
      return Optional.empty();
    }
    Entry keyword = keywords.get(0);
    if (map.entries().size() > 1) {
      reportMisplaced(map, keyword);
      return Optional.empty();
    }
    return normalize(keyword).flatMap(fields -> StepArguments.bind(this, keyword.key(), fields));
  }

  /**
   * Keys written beside the keyword, usually one indent short: {@code - migrate:\n partition: p1}.
   */
  @SuppressWarnings("ReferenceEquality") // every entry but the keyword itself
  private void reportMisplaced(Mapping map, Entry keyword) {
    String kind = keyword.key();
    for (Entry entry : map.entries().values()) {
      if (entry == keyword) {
        continue;
      }
      String listKey = listForm(kind).orElse("partitions");
      String hint =
          keyword.value() instanceof Sequence
              ? "give the list its key: '"
                  + kind
                  + ": {"
                  + listKey
                  + ": [...], "
                  + entry.key()
                  + ": ...}'"
              : "indent it under '"
                  + kind
                  + ":', or write '"
                  + kind
                  + ": {"
                  + entry.key()
                  + ": ...}'";
      problems.add(
          entry.keyLocation(),
          kind + " step: '" + entry.key() + "' is beside '" + kind + "', not inside it",
          hint);
    }
  }

  /** The step's arguments as a map anchored at the keyword, whichever form was written. */
  private Optional<Fields> normalize(Entry keyword) {
    String kind = keyword.key();
    YamlNode value = keyword.value();
    Location at = keyword.keyLocation();
    Optional<ShortForm> shortForm = StepKinds.named(kind).flatMap(StepKind::shortForm);
    Optional<String> shortKey = listForm(kind);
    if (shortKey.isPresent() && value instanceof Sequence) {
      value =
          new Mapping(
              Map.of(shortKey.get(), new Entry(shortKey.get(), at, value)), value.location());
    } else if (shortForm.filter(f -> !f.isList()).isPresent()
        && value instanceof Scalar s
        && s.type() != Scalar.Type.NULL) {
      String key = shortForm.get().key().name();
      value = new Mapping(Map.of(key, new Entry(key, at, value)), value.location());
    }
    if (value instanceof Scalar s && s.type() == Scalar.Type.NULL) {
      problems.add(at, kind + " step has no arguments", "e.g. " + StepArguments.example(kind));
      return Optional.empty();
    }
    Optional<Fields> fields =
        Fields.of(
            value,
            at,
            kind + " step",
            shortKey.isPresent()
                ? "a list or a map"
                : "a map such as " + StepArguments.example(kind),
            value instanceof Scalar s && shortKey.isPresent() ? "write [" + s.text() + "]" : null,
            problems);
    fields.ifPresent(f -> sources.remember(at, f.map()));
    return fields;
  }

  /** The key a kind's short list form stands for ({@code start: [p1]}), if it has one. */
  private static Optional<String> listForm(String kind) {
    return StepKinds.named(kind)
        .flatMap(StepKind::shortForm)
        .filter(ShortForm::isList)
        .map(f -> f.key().name());
  }

  /** The optional {@code timeout} every step may carry; must be more than zero. */
  Optional<TimeSpan> timeout(Fields step) {
    TimeSpan timeout = step.duration("timeout");
    if (timeout != null && timeout.isZero()) {
      problems.add(
          step.at("timeout"),
          step.context() + ": timeout must be more than 0s",
          "leave it out for the default");
    }
    return Optional.ofNullable(timeout);
  }

  Problems problems() {
    return problems;
  }
}
