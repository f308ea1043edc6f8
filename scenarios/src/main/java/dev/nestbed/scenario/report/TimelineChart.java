package dev.nestbed.scenario.report;

import dev.nestbed.scenario.record.Metric;
import dev.nestbed.scenario.record.StepRecord;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/**
 * The steps as an SVG Gantt chart: one row per step, children of a parallel group indented under
 * it, bars coloured by outcome, seconds since the run started on the x axis. Hovering a bar shows
 * the step's summary, outcome, message and metrics.
 */
final class TimelineChart {
  private static final double WIDTH = SvgLineChart.WIDTH;
  private static final double LABEL = 340;
  private static final double RIGHT = 24;
  private static final double ROW = 26;
  private static final double TOP = 6;
  private static final double CHAR = 6.9;

  private TimelineChart() {}

  static String render(List<StepRows.Row> rows) {
    StringBuilder out = new StringBuilder();
    if (rows.isEmpty()) {
      return "<p class=\"empty\">No step ran.</p>\n";
    }
    long first = rows.stream().mapToLong(r -> r.step().startMs()).min().orElse(0);
    long last =
        rows.stream()
            .mapToLong(r -> Math.max(r.step().startMs(), r.step().endMs()))
            .max()
            .orElse(0);
    NiceScale x = NiceScale.of(first / 1000.0, last / 1000.0, 10);
    double left = LABEL + 12;
    double right = WIDTH - RIGHT;
    double bottom = TOP + rows.size() * ROW;
    DoubleUnaryOperator px = s -> left + x.fraction(s) * (right - left);

    Svg.open(out, WIDTH, bottom + 48, "timeline of " + rows.size() + " steps");
    for (int i = 0; i < rows.size(); i++) {
      if (i % 2 == 1) {
        Svg.rect(out, 0, TOP + i * ROW, WIDTH, ROW, "fill=\"#f6f8fa\"", null);
      }
    }
    for (double t : x.ticks()) {
      double at = px.applyAsDouble(t);
      Svg.line(out, at, TOP, at, bottom, Svg.GRID, 1);
      Svg.line(out, at, bottom, at, bottom + 5, Svg.AXIS, 1);
      Svg.text(
          out,
          at,
          bottom + 18,
          "middle",
          "fill=\"" + Svg.AXIS + "\" font-size=\"11.5\"",
          x.label(t));
    }
    Svg.line(out, left, bottom, right, bottom, Svg.AXIS, 1);
    Svg.text(
        out,
        (left + right) / 2,
        bottom + 38,
        "middle",
        "fill=\"#1f2328\" font-size=\"12.5\"",
        "time since the run started (s)");
    for (int i = 0; i < rows.size(); i++) {
      row(out, rows.get(i), TOP + i * ROW, px, right);
    }
    Svg.close(out);
    return out.toString();
  }

  private static void row(
      StringBuilder out, StepRows.Row row, double y, DoubleUnaryOperator px, double right) {
    StepRecord step = row.step();
    double indent = 8 + row.depth() * 20;
    int room = (int) ((LABEL - indent) / CHAR);
    String weight = row.depth() == 0 ? "font-weight=\"600\" " : "";
    Svg.text(
        out,
        indent,
        y + ROW / 2 + 4,
        "start",
        weight + "fill=\"#1f2328\" font-size=\"12.5\"",
        Svg.fit(row.title(), room));
    if (row.depth() > 0) {
      Svg.line(out, indent - 12, y + ROW / 2, indent - 4, y + ROW / 2, "#afb8c1", 1);
    }
    double x0 = px.applyAsDouble(step.startMs() / 1000.0);
    double x1 = Math.max(x0 + 3, px.applyAsDouble(Math.max(step.startMs(), step.endMs()) / 1000.0));
    String colour = ReportStyle.colour(step.outcome());
    boolean group = !Objects.requireNonNullElse(step.children(), List.<StepRecord>of()).isEmpty();
    String style =
        group
            ? "fill=\""
                + colour
                + "\" fill-opacity=\"0.25\" stroke=\""
                + colour
                + "\" stroke-width=\"1.5\" rx=\"3\""
            : "fill=\"" + colour + "\" rx=\"3\"";
    Svg.rect(out, x0, y + 5, x1 - x0, ROW - 10, style, hover(row));
    String label = HumanFormat.duration(row.durationMs());
    if (x1 + 8 + label.length() * 6.2 < right) {
      Svg.text(out, x1 + 6, y + ROW / 2 + 4, "start", "fill=\"#59636e\" font-size=\"11.5\"", label);
    } else {
      Svg.text(out, x0 - 6, y + ROW / 2 + 4, "end", "fill=\"#59636e\" font-size=\"11.5\"", label);
    }
  }

  /** The hover text: summary, outcome and times, message, metrics. */
  static String hover(StepRows.Row row) {
    StepRecord step = row.step();
    StringBuilder text =
        new StringBuilder(row.title())
            .append('\n')
            .append(step.outcome())
            .append(" after ")
            .append(HumanFormat.duration(row.durationMs()))
            .append(" (")
            .append(HumanFormat.number(step.startMs() / 1000.0, 2))
            .append(" s to ")
            .append(HumanFormat.number(step.endMs() / 1000.0, 2))
            .append(" s)");
    if (step.message() != null && !step.message().isBlank()) {
      text.append('\n').append(step.message());
    }
    Objects.requireNonNullElse(step.metrics(), Map.<String, Metric>of())
        .forEach(
            (name, value) ->
                text.append('\n').append(name).append(": ").append(HumanFormat.metric(value)));
    return text.toString();
  }
}
