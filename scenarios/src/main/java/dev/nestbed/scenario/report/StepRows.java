package dev.nestbed.scenario.report;

import dev.nestbed.scenario.record.StepRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The steps of a run as one flat list, a parallel group followed by its children, each with the
 * number people see. Every output (junit.xml's details, timeline, steps table) numbers steps the
 * same way.
 */
final class StepRows {
  /**
   * One step and where it sits: depth 0 for top-level steps, 1 for children of a parallel group.
   */
  record Row(StepRecord step, int depth, String number) {
    /** "03 resize p1 to 2 vCPUs". */
    String title() {
      return number + " " + Objects.requireNonNullElse(step.summary(), step.kind());
    }

    long durationMs() {
      return Math.max(0, step.endMs() - step.startMs());
    }
  }

  private StepRows() {}

  static List<Row> of(List<StepRecord> steps) {
    List<StepRecord> top = Objects.requireNonNullElse(steps, List.of());
    int width = Math.max(2, Integer.toString(top.size()).length());
    List<Row> rows = new ArrayList<>();
    add(rows, top, 0, width);
    return rows;
  }

  private static void add(List<Row> rows, List<StepRecord> steps, int depth, int width) {
    for (StepRecord step : steps) {
      rows.add(new Row(step, depth, number(step.path(), width)));
      add(rows, Objects.requireNonNullElse(step.children(), List.of()), depth + 1, width);
    }
  }

  /**
   * The record's 0-based path ("2", "3.1") as people count, from one: "03", "04.2". The top level
   * is zero-padded so that numbers sorted as text keep the scenario's order.
   */
  static String number(String path, int width) {
    if (path == null || path.isBlank()) {
      return "?";
    }
    String[] parts = path.split("\\.");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      String shown;
      try {
        shown = Integer.toString(Integer.parseInt(parts[i].trim()) + 1);
      } catch (NumberFormatException e) {
        shown = parts[i];
      }
      if (i == 0) {
        shown = "0".repeat(Math.max(0, width - shown.length())) + shown;
      } else {
        out.append('.');
      }
      out.append(shown);
    }
    return out.toString();
  }
}
