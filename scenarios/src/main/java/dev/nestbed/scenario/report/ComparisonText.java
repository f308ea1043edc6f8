package dev.nestbed.scenario.report;

import dev.nestbed.scenario.record.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RunComparison} as text for a terminal: the two runs, then per step in both its outcomes
 * and a table of its metrics (rows that differ start with "*"), the steps only one run has, the
 * expectations side by side, and a last line saying how much differs.
 */
public final class ComparisonText {
  private ComparisonText() {}

  public static String render(RunComparison c) {
    StringBuilder out = new StringBuilder();
    out.append("A  ")
        .append(run(c.a()))
        .append('\n')
        .append("B  ")
        .append(run(c.b()))
        .append("\n\n");
    out.append("Steps in both runs (").append(c.steps().size()).append(")\n");
    for (RunComparison.StepPair step : c.steps()) {
      out.append(step.outcomeDiffers() ? "* " : "  ")
          .append(step.name())
          .append(": ")
          .append(outcomes(step.outcomeA(), step.outcomeB()))
          .append('\n');
      if (step.metrics().isEmpty()) {
        out.append("      no metrics\n");
        continue;
      }
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"", "metric", "A", "B", "B-A", "B/A"});
      for (RunComparison.MetricRow m : step.metrics()) {
        rows.add(
            new String[] {
              m.differs() ? "*" : "",
              m.name(),
              value(m.a(), m.unit()),
              value(m.b(), m.unit()),
              difference(m),
              ratio(m)
            });
      }
      table(out, rows, "    ", 2);
    }
    alone(out, "Steps only in A", c.onlyInA());
    alone(out, "Steps only in B", c.onlyInB());
    out.append("\nExpectations (").append(c.expectations().size()).append(")\n");
    if (!c.expectations().isEmpty()) {
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"", "expectation", "A", "B"});
      for (RunComparison.ExpectationPair e : c.expectations()) {
        rows.add(
            new String[] {
              e.differs() ? "*" : "",
              e.description(),
              expectation(e.outcomeA(), e.measuredA()),
              expectation(e.outcomeB(), e.measuredB())
            });
      }
      table(out, rows, "", rows.get(0).length);
    }
    return out.append('\n').append(summary(c.summary(), "marked *")).append('\n').toString();
  }

  /**
   * The last line: "no differences" or how many of what differ, {@code shown} as the reader sees
   * them.
   */
  static String summary(RunComparison.Summary s, String shown) {
    String compared =
        HumanFormat.count(s.stepsInBoth(), "step")
            + " in both, "
            + HumanFormat.count(s.metricsCompared(), "metric");
    if (s.same()) {
      return "No differences: " + compared + ", every outcome the same.";
    }
    List<String> parts = new ArrayList<>();
    if (s.metricsDiffering() > 0) {
      parts.add(s.metricsDiffering() + " of " + HumanFormat.count(s.metricsCompared(), "metric"));
    }
    if (s.stepOutcomesDiffering() > 0) {
      parts.add(HumanFormat.count(s.stepOutcomesDiffering(), "step outcome"));
    }
    if (s.expectationsDiffering() > 0) {
      parts.add(HumanFormat.count(s.expectationsDiffering(), "expectation"));
    }
    if (s.stepsOnlyInA() > 0) {
      parts.add(HumanFormat.count(s.stepsOnlyInA(), "step") + " only in A");
    }
    if (s.stepsOnlyInB() > 0) {
      parts.add(HumanFormat.count(s.stepsOnlyInB(), "step") + " only in B");
    }
    return "Differences ("
        + shown
        + "): "
        + String.join(", ", parts)
        + "; "
        + HumanFormat.count(s.stepsInBoth(), "step")
        + " in both.";
  }

  static String run(RunComparison.Run r) {
    return r.file()
        + ": "
        + Objects.requireNonNullElse(r.scenario(), "?")
        + ", run "
        + Objects.requireNonNullElse(r.runId(), "?")
        + ", "
        + StepTables.label(r.outcome())
        + " after "
        + HumanFormat.duration(r.wallMs());
  }

  static String outcomes(Outcome a, Outcome b) {
    return a == b
        ? StepTables.label(a) + " in both"
        : StepTables.label(a) + " in A, " + StepTables.label(b) + " in B";
  }

  /** "412 ms", or "-" where the run did not record it. */
  static String value(@Nullable Double value, String unit) {
    if (value == null) {
      return "-";
    }
    String u = unit == null ? "" : unit.trim();
    return HumanFormat.number(value, 3) + (u.isEmpty() || u.equals("count") ? "" : " " + u);
  }

  /** "+365 ms", "-12 ms", "0", or "-" where it is not defined. */
  static String difference(RunComparison.MetricRow m) {
    if (m.difference() == null) {
      return "-";
    }
    double d = m.difference();
    return d == 0 ? "0" : (d > 0 ? "+" : "") + value(d, m.unit());
  }

  /** "1.077", or "-" where it is not defined. */
  static String ratio(RunComparison.MetricRow m) {
    return m.ratio() == null ? "-" : HumanFormat.number(m.ratio(), 3);
  }

  static String expectation(@Nullable Outcome outcome, @Nullable String measured) {
    if (outcome == null && measured == null) {
      return "not in this run";
    }
    return StepTables.label(outcome)
        + (measured == null || measured.isBlank() ? "" : ", " + measured);
  }

  private static void alone(StringBuilder out, String title, List<RunComparison.StepAlone> steps) {
    out.append('\n').append(title).append(" (").append(steps.size()).append(")\n");
    for (RunComparison.StepAlone s : steps) {
      out.append("* ")
          .append(s.name())
          .append(": ")
          .append(StepTables.label(s.outcome()))
          .append(" (")
          .append(Objects.requireNonNullElse(s.summary(), ""))
          .append(")\n");
    }
  }

  /**
   * Rows as columns padded to their widest cell, right-aligned from column {@code numbersFrom} on;
   * the first row is the header.
   */
  private static void table(
      StringBuilder out, List<String[]> rows, String indent, int numbersFrom) {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < columns; i++) {
        boolean number = i >= numbersFrom;
        String cell = row[i];
        String pad = " ".repeat(widths[i] - cell.length());
        line.append(number ? pad + cell : cell + pad).append(i == 0 ? " " : "  ");
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }
}
