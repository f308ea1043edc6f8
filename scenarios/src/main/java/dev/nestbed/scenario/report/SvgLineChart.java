package dev.nestbed.scenario.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A line chart as inline SVG: several named lines over a shared x axis, nice ticks on both axes,
 * gridlines, a legend, and faint vertical bands (the steps) behind the data. Points that are not
 * finite numbers are left out; a chart without any point says so instead of drawing axes.
 */
final class SvgLineChart {
  static final double WIDTH = 1160;
  private static final double HEIGHT = 300;
  private static final double RIGHT = 24;
  private static final double BOTTOM = 48;
  private static final double CHAR = 6.6;
  private static final int MARKERS_UP_TO = 40;

  /** One line: its legend label, colour and points as {x, y} pairs. */
  private record Line(String label, String colour, List<double[]> points) {}

  /** A shaded x range with a short label at its top and a hover title. */
  private record Band(double from, double to, String label, String title) {}

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Line> lines = new ArrayList<>();
  private final List<Band> bands = new ArrayList<>();

  /** {@code title} is for screen readers; the axis labels should carry units, e.g. "gap (ms)". */
  SvgLineChart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  /** Adds a line; {@code xs} and {@code ys} are parallel arrays. */
  SvgLineChart line(String label, double[] xs, double[] ys) {
    List<double[]> points = new ArrayList<>();
    for (int i = 0; i < Math.min(xs.length, ys.length); i++) {
      if (Double.isFinite(xs[i]) && Double.isFinite(ys[i])) {
        points.add(new double[] {xs[i], ys[i]});
      }
    }
    lines.add(new Line(label, ReportStyle.seriesColour(lines.size()), points));
    return this;
  }

  SvgLineChart band(double from, double to, String label, String hoverTitle) {
    bands.add(new Band(from, to, label, hoverTitle));
    return this;
  }

  String render() {
    double xLo = Double.POSITIVE_INFINITY;
    double xHi = Double.NEGATIVE_INFINITY;
    double yLo = 0; // measured quantities read best against zero
    double yHi = Double.NEGATIVE_INFINITY;
    for (Line line : lines) {
      for (double[] p : line.points()) {
        xLo = Math.min(xLo, p[0]);
        xHi = Math.max(xHi, p[0]);
        yLo = Math.min(yLo, p[1]);
        yHi = Math.max(yHi, p[1]);
      }
    }
    StringBuilder out = new StringBuilder();
    List<double[]> layout = legendLayout();
    double legendHeight = 20.0 * legendRowCount(layout) + 8;
    if (xHi == Double.NEGATIVE_INFINITY) {
      Svg.open(out, WIDTH, legendHeight + 70, title);
      legend(out, layout);
      Svg.rect(out, 0.5, legendHeight, WIDTH - 1, 60, "fill=\"#f6f8fa\" stroke=\"" + Svg.GRID + "\" rx=\"4\"", null);
      Svg.text(out, WIDTH / 2, legendHeight + 35, "middle", "fill=\"" + Svg.AXIS + "\" font-size=\"13\"",
          "no samples were recorded");
      Svg.close(out);
      return out.toString();
    }
    NiceScale x = NiceScale.of(xLo, xHi, 10);
    NiceScale y = NiceScale.of(yLo, yHi, 5);
    int widest = y.ticks().stream().mapToInt(t -> y.label(t).length()).max().orElse(1);
    double left = 34 + widest * CHAR + 8;
    Frame frame = new Frame(left, legendHeight + 12, WIDTH - RIGHT, legendHeight + 12 + HEIGHT - 60, x, y);

    Svg.open(out, WIDTH, frame.bottom() + BOTTOM, title);
    legend(out, layout);
    drawBands(out, frame);
    drawAxes(out, frame);
    for (Line line : lines) {
      drawLine(out, frame, line);
    }
    Svg.close(out);
    return out.toString();
  }

  /** The plot area in pixels and the scales that map data into it. */
  private record Frame(double left, double top, double right, double bottom, NiceScale x, NiceScale y) {
    double px(double value) {
      return left + x.fraction(value) * (right - left);
    }

    double py(double value) {
      return bottom - y.fraction(value) * (bottom - top);
    }
  }

  private void drawBands(StringBuilder out, Frame f) {
    int index = 0;
    for (Band band : bands) {
      double from = Math.max(band.from(), f.x().min());
      double to = Math.min(band.to(), f.x().max());
      index++;
      if (to < from) {
        continue;
      }
      double x0 = f.px(from);
      double width = Math.max(1.5, f.px(to) - x0);
      String fill = index % 2 == 1 ? "#e8eef6" : "#f1f4f8";
      Svg.rect(out, x0, f.top(), width, f.bottom() - f.top(), "fill=\"" + fill + "\"", band.title());
      Svg.line(out, x0, f.top(), x0, f.bottom(), "#c9d4e0", 1);
      if (width >= 8 + band.label().length() * CHAR) {
        Svg.text(out, x0 + 4, f.top() + 12, "start", "fill=\"#6e7781\" font-size=\"11\"", band.label());
      }
    }
  }

  private void drawAxes(StringBuilder out, Frame f) {
    for (double t : f.y().ticks()) {
      double py = f.py(t);
      Svg.line(out, f.left(), py, f.right(), py, Svg.GRID, 1);
      Svg.text(out, f.left() - 8, py + 4, "end", "fill=\"" + Svg.AXIS + "\" font-size=\"11.5\"", f.y().label(t));
    }
    for (double t : f.x().ticks()) {
      double px = f.px(t);
      Svg.line(out, px, f.top(), px, f.bottom(), Svg.GRID, 1);
      Svg.line(out, px, f.bottom(), px, f.bottom() + 5, Svg.AXIS, 1);
      Svg.text(out, px, f.bottom() + 18, "middle", "fill=\"" + Svg.AXIS + "\" font-size=\"11.5\"", f.x().label(t));
    }
    Svg.line(out, f.left(), f.bottom(), f.right(), f.bottom(), Svg.AXIS, 1);
    Svg.line(out, f.left(), f.top(), f.left(), f.bottom(), Svg.AXIS, 1);
    Svg.text(out, (f.left() + f.right()) / 2, f.bottom() + 38, "middle", "fill=\"#1f2328\" font-size=\"12.5\"", xLabel);
    double midY = (f.top() + f.bottom()) / 2;
    Svg.text(out, 14, midY, "middle", "fill=\"#1f2328\" font-size=\"12.5\" transform=\"rotate(-90 14 "
        + Svg.n(midY) + ")\"", yLabel);
  }

  private void drawLine(StringBuilder out, Frame f, Line line) {
    if (line.points().isEmpty()) {
      return;
    }
    double max = line.points().stream().mapToDouble(p -> p[1]).max().orElse(0);
    String hover = line.label() + ": " + line.points().size() + " points, max " + HumanFormat.number(max, 3);
    out.append("<g><title>").append(Markup.escape(hover)).append("</title>\n");
    if (line.points().size() > 1) {
      out.append("<polyline fill=\"none\" stroke=\"").append(line.colour())
          .append("\" stroke-width=\"1.6\" stroke-linejoin=\"round\" points=\"");
      for (double[] p : line.points()) {
        out.append(Svg.n(f.px(p[0]))).append(',').append(Svg.n(f.py(p[1]))).append(' ');
      }
      out.setLength(out.length() - 1);
      out.append("\"/>\n");
    }
    if (line.points().size() <= MARKERS_UP_TO) {
      for (double[] p : line.points()) {
        out.append("<circle cx=\"").append(Svg.n(f.px(p[0]))).append("\" cy=\"").append(Svg.n(f.py(p[1])))
            .append("\" r=\"3\" fill=\"").append(line.colour()).append("\"/>\n");
      }
    }
    out.append("</g>\n");
  }

  /** Legend entries laid out left to right, wrapping into rows: {x, row, line index} each. */
  private List<double[]> legendLayout() {
    List<double[]> entries = new ArrayList<>();
    double x = 0;
    int row = 0;
    for (int i = 0; i < lines.size(); i++) {
      double w = 30 + Svg.fit(lines.get(i).label(), 40).length() * CHAR + 18;
      if (x > 0 && x + w > WIDTH - 80) {
        row++;
        x = 0;
      }
      entries.add(new double[] {80 + x, row, i});
      x += w;
    }
    return entries;
  }

  private static int legendRowCount(List<double[]> layout) {
    return layout.isEmpty() ? 0 : (int) layout.get(layout.size() - 1)[1] + 1;
  }

  private void legend(StringBuilder out, List<double[]> layout) {
    for (double[] e : layout) {
      Line line = lines.get((int) e[2]);
      double y = 14 + e[1] * 20;
      Svg.line(out, e[0], y - 4, e[0] + 22, y - 4, line.colour(), 3);
      Svg.text(out, e[0] + 28, y, "start", "fill=\"#1f2328\" font-size=\"12.5\"", Svg.fit(line.label(), 40));
    }
  }
}
