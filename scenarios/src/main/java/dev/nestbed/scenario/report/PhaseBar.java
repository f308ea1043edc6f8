package dev.nestbed.scenario.report;

import java.util.Map;

/**
 * Where the wall time went (plan, nodes, boot, steps, teardown) as one horizontal stacked bar,
 * labelled inside the segments that are wide enough and in a legend underneath.
 */
final class PhaseBar {
  private static final double WIDTH = SvgLineChart.WIDTH;
  private static final double HEIGHT = 30;

  private PhaseBar() {}

  static String render(Map<String, Long> phases) {
    if (phases == null || phases.isEmpty()) {
      return "<p class=\"empty\">No phase timings were recorded.</p>\n";
    }
    long total = phases.values().stream().mapToLong(v -> Math.max(0, v == null ? 0 : v)).sum();
    StringBuilder out = new StringBuilder("<div class=\"phases\">\n");
    Svg.open(out, WIDTH, HEIGHT, "wall time by phase");
    double x = 0;
    int index = 0;
    for (Map.Entry<String, Long> phase : phases.entrySet()) {
      long ms = Math.max(0, phase.getValue() == null ? 0 : phase.getValue());
      double w = total == 0 ? 0 : WIDTH * ms / total;
      String name = phase.getKey();
      String label = name + " " + HumanFormat.duration(ms);
      Svg.rect(
          out,
          x,
          0,
          w,
          HEIGHT,
          "fill=\"" + ReportStyle.phaseColour(name, index) + "\"",
          label + " (" + HumanFormat.percent(ms, total) + ")");
      if (w > label.length() * 7.2 + 12) {
        Svg.text(
            out,
            x + w / 2,
            HEIGHT / 2 + 4.5,
            "middle",
            "fill=\"#fff\" font-size=\"12.5\" font-weight=\"600\"",
            label);
      } else if (w > name.length() * 7.2 + 8) {
        Svg.text(
            out,
            x + w / 2,
            HEIGHT / 2 + 4.5,
            "middle",
            "fill=\"#fff\" font-size=\"12.5\" font-weight=\"600\"",
            name);
      }
      if (x > 0) {
        Svg.line(out, x, 0, x, HEIGHT, "#fff", 1.5);
      }
      x += w;
      index++;
    }
    Svg.close(out);
    out.append("<div class=\"legend\">");
    index = 0;
    for (Map.Entry<String, Long> phase : phases.entrySet()) {
      long ms = Math.max(0, phase.getValue() == null ? 0 : phase.getValue());
      out.append("<span><span class=\"swatch\" style=\"background:")
          .append(ReportStyle.phaseColour(phase.getKey(), index++))
          .append("\"></span>")
          .append(Markup.escape(phase.getKey()))
          .append(" <b>")
          .append(HumanFormat.duration(ms))
          .append("</b> ")
          .append("<span class=\"muted\">")
          .append(Markup.escape(HumanFormat.percent(ms, total)))
          .append("</span></span>");
    }
    out.append("</div>\n</div>\n");
    return out.toString();
  }
}
