package dev.nestbed.scenario.report;

import static dev.nestbed.scenario.report.Markup.escape;

import dev.nestbed.scenario.record.MigrationSeries;
import dev.nestbed.scenario.record.TimeSeries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One line chart per measured quantity: every partition's heartbeat-gap series in one chart, and so
 * on, with the top-level steps as bands; then one {@link MigrationPlot} per migration.
 */
final class PlotsSection {
  private static final Map<String, String> EXPLANATIONS =
      Map.of(
          "heartbeat-gap",
          "Largest gap between two heartbeats of the guest, as the host saw them; a spike is a pause"
              + " the guest could notice (boot, resize, migration downtime).");

  /**
   * Migrations drawn at most: beyond, a page grows by 5 KiB a migration (a simulated run of 32,000
   * migrations made a 233 MiB page, 160 MiB of it these plots), and results.json has every point.
   */
  static final int MAX_MIGRATION_PLOTS = 64;

  private PlotsSection() {}

  static String render(List<TimeSeries> series, List<StepRows.Row> rows) {
    StringBuilder out = new StringBuilder("<section id=\"plots\">\n<h2>Plots</h2>\n");
    List<TimeSeries> all = Objects.requireNonNullElse(series, List.of());
    if (all.isEmpty()) {
      return out.append("<p class=\"empty\">No series were recorded.</p>\n</section>\n").toString();
    }
    Map<String, List<TimeSeries>> charts = new LinkedHashMap<>();
    for (TimeSeries s : all) {
      if (MigrationSeries.isMigration(s.name())) {
        continue;
      }
      charts
          .computeIfAbsent(
              s.name() + "\u0000" + Objects.requireNonNullElse(s.unit(), ""),
              k -> new ArrayList<>())
          .add(s);
    }
    for (List<TimeSeries> group : charts.values()) {
      TimeSeries first = group.get(0);
      String unit = first.unit() == null || first.unit().isBlank() ? "" : " (" + first.unit() + ")";
      out.append("<div class=\"chart\">\n<h3>")
          .append(escape(first.name()))
          .append(escape(unit))
          .append("</h3>\n");
      String explanation = EXPLANATIONS.get(first.name());
      if (explanation != null) {
        out.append("<p class=\"muted\">").append(escape(explanation)).append("</p>\n");
      }
      out.append(chart(group, first.name() + unit, rows)).append("</div>\n");
    }
    List<MigrationTraces.Trace> traces = MigrationTraces.of(all, rows);
    traces.stream().limit(MAX_MIGRATION_PLOTS).forEach(t -> out.append(MigrationPlot.render(t)));
    if (traces.size() > MAX_MIGRATION_PLOTS) {
      out.append("<p class=\"empty\">The first ")
          .append(MAX_MIGRATION_PLOTS)
          .append(" migrations are drawn; ")
          .append(String.format(Locale.ROOT, "%,d more", traces.size() - MAX_MIGRATION_PLOTS))
          .append(" are not, and every point of theirs is in results.json.</p>\n");
    }
    return out.append("</section>\n").toString();
  }

  private static String chart(List<TimeSeries> group, String yLabel, List<StepRows.Row> rows) {
    SvgLineChart chart =
        new SvgLineChart(
            group.get(0).name() + " over time", "time since the run started (s)", yLabel);
    for (TimeSeries s : group) {
      List<TimeSeries.Point> points = Objects.requireNonNullElse(s.points(), List.of());
      double[] xs = new double[points.size()];
      double[] ys = new double[points.size()];
      for (int i = 0; i < points.size(); i++) {
        xs[i] = points.get(i).atMs() / 1000.0;
        ys[i] = points.get(i).valueOrNaN();
      }
      String subject = Objects.requireNonNullElse(s.subject(), "?");
      chart.line(points.isEmpty() ? subject + " (no samples)" : subject, xs, ys);
    }
    for (StepRows.Row row : rows) {
      if (row.depth() == 0) {
        chart.band(
            row.step().startMs() / 1000.0,
            Math.max(row.step().startMs(), row.step().endMs()) / 1000.0,
            row.number(),
            TimelineChart.hover(row));
      }
    }
    return chart.render();
  }
}
