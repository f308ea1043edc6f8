package dev.nestbed.scenario.kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The README's table of step kinds, written from the kinds themselves, so the documentation says
 * what the code records. A test fails when the README's copy differs and says how to regenerate.
 */
public final class StepTable {
  /** The line before the table in the README. */
  public static final String BEGIN =
      "<!-- steps:begin (generated from dev.nestbed.scenario.kind;" + " do not edit) -->";

  /** The line after it. */
  public static final String END = "<!-- steps:end -->";

  private StepTable() {}

  /** The table, markers excluded, one line per row, ending in a newline. */
  public static String markdown() {
    List<String> rows = new ArrayList<>();
    rows.add("| step | does | records |");
    rows.add("| --- | --- | --- |");
    for (StepKind<?> kind : StepKinds.ALL) {
      String records = records(kind);
      rows.add(
          "| `"
              + usage(kind)
              + "` | "
              + kind.documentation()
              + " | "
              + (records.isEmpty() ? "" : records + " ")
              + "|");
    }
    return String.join("\n", rows) + "\n";
  }

  /** {@code start: [p...]}, {@code rebalance: P}, or {@code move: {partition, to-cells}}. */
  static String usage(StepKind<?> kind) {
    return kind.keyword()
        + ": "
        + kind.shortForm()
            .map(
                f ->
                    f.isList()
                        ? "[" + placeholder(f.key().type()) + "...]"
                        : placeholder(f.key().type()))
            .orElseGet(
                () ->
                    "{"
                        + kind.keys().stream()
                            .filter(k -> !k.equals(Key.TIMEOUT))
                            .map(Key::name)
                            .collect(Collectors.joining(", "))
                        + "}");
  }

  private static String placeholder(KeyType type) {
    return switch (type) {
      case PARTITION, PARTITIONS -> "p";
      case NODE, NODES -> "n";
      case POOL -> "P";
      case STEPS -> "steps";
      default -> type.name().toLowerCase(Locale.ROOT);
    };
  }

  private static String records(StepKind<?> kind) {
    // One figure a line: their descriptions have commas of their own.
    String figures =
        kind.measures().stream().map(Measure::describe).collect(Collectors.joining("<br>"));
    if (kind.recordsNote().isEmpty()) {
      return figures;
    }
    return figures.isEmpty() ? kind.recordsNote() : figures + "<br>" + kind.recordsNote();
  }
}
