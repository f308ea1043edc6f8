package dev.nestbed.scenario.kind;

import java.util.ArrayList;
import java.util.List;

/** The README's table of expectations, written from the expectation kinds. */
public final class ExpectTable {
  /** The line before the table in the README. */
  public static final String BEGIN =
      "<!-- expectations:begin (generated from" + " dev.nestbed.scenario.kind; do not edit) -->";

  /** The line after it. */
  public static final String END = "<!-- expectations:end -->";

  private ExpectTable() {}

  /** The table, markers excluded, one line per row, ending in a newline. */
  public static String markdown() {
    List<String> rows = new ArrayList<>();
    rows.add("| expectation | passes when |");
    rows.add("| --- | --- |");
    for (ExpectKind<?> kind : ExpectKinds.ALL) {
      kind.rows()
          .forEach(row -> rows.add("| `" + row.written() + "` | " + row.passesWhen() + " |"));
    }
    return String.join("\n", rows) + "\n";
  }
}
