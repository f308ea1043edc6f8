package dev.nestbed.scenario.report;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A line chart as inline SVG: several named lines over a shared x axis, nice ticks on both axes,
 * gridlines, a legend, faint vertical bands (the steps) behind the data, and optionally shaded
 * highlights and labelled vertical marks. A point whose y is not a finite number is a sample
 * without a figure: the line breaks there, as it does between points farther apart than the line's
 * {@link Style#joinsUpTo()}. A chart without any point says so instead of drawing axes.
 */
final class SvgLineChart {
  static final double WIDTH = 1160;
  private static final double RIGHT = 24;
  private static final double BOTTOM = 48;
  private static final double CHAR = 6.6;
  private static final int MARKERS_UP_TO = 40;

  /**
   * How a line is drawn.
   *
   * @param colour null for the next colour of the report's palette
   * @param dashed for what was computed rather than measured
   * @param joinsUpTo the widest x step the line joins; a wider one is a gap (a missed sample)
   */
  record Style(@Nullable String colour, boolean dashed, double joinsUpTo) {
    static final Style PLAIN = new Style(null, false, Double.POSITIVE_INFINITY);
  }

  /** One line: its legend label, colour, style and points as {x, y} pairs (y NaN: a gap). */
  private record Line(String label, String colour, Style style, List<double[]> points) {}

  /** A shaded x range with a short label at its top and a hover title. */
  private record Band(double from, double to, String label, String title) {}

  /** A vertical mark with a short label at its top and a hover title. */
  private record Mark(double x, String label, String title) {}

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Line> lines = new ArrayList<>();
  private final List<Band> bands = new ArrayList<>();
  private final List<Band> highlights = new ArrayList<>();
  private final List<Mark> marks = new ArrayList<>();
  private final ChartLegend legend = new ChartLegend(WIDTH);
  private String highlightColour = "#cf222e";
  private String markColour = "#6e7781";
  private double height = 300;
  private double minLeft;
  private double xFrom = Double.POSITIVE_INFINITY;
  private double xTo = Double.NEGATIVE_INFINITY;

  /** {@code title} is for screen readers; the axis labels should carry units, e.g. "gap (ms)". */
  SvgLineChart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  /** Adds a plain line; {@code xs} and {@code ys} are parallel arrays. */
  SvgLineChart line(String label, double[] xs, double[] ys) {
    return line(label, xs, ys, Style.PLAIN);
  }

  /** Adds a line drawn in {@code style}; {@code xs} and {@code ys} are parallel arrays. */
  SvgLineChart line(String label, double[] xs, double[] ys, Style style) {
    List<double[]> points = new ArrayList<>();
    for (int i = 0; i < Math.min(xs.length, ys.length); i++) {
      if (Double.isFinite(xs[i])) {
        points.add(new double[] {xs[i], Double.isFinite(ys[i]) ? ys[i] : Double.NaN});
      }
    }
    String colour =
        style.colour() != null ? style.colour() : ReportStyle.seriesColour(lines.size());
    lines.add(new Line(label, colour, style, points));
    legend.add(label, colour, style.dashed() ? ChartLegend.Swatch.DASHED : ChartLegend.Swatch.LINE);
    return this;
  }

  /** A faint band behind the data (a step), alternating shades. */
  SvgLineChart band(double from, double to, String label, String hoverTitle) {
    bands.add(new Band(from, to, label, hoverTitle));
    return this;
  }

  /**
   * A shaded x range in the highlight colour (a pause); {@code legendLabel} names it in the legend
   * unless null, {@code label} is written at its top.
   */
  SvgLineChart highlight(
      double from, double to, String label, String hoverTitle, @Nullable String legendLabel) {
    highlights.add(new Band(from, to, label, hoverTitle));
    if (legendLabel != null && highlights.size() == 1) {
      legend.add(legendLabel, highlightColour, ChartLegend.Swatch.BAND);
    }
    return this;
  }

  /**
   * A vertical mark (a pass boundary); the first with a {@code legendLabel} names them all in the
   * legend.
   */
  SvgLineChart mark(double x, String label, String hoverTitle, @Nullable String legendLabel) {
    if (legendLabel != null && marks.isEmpty()) {
      legend.add(legendLabel, markColour, ChartLegend.Swatch.MARK);
    }
    marks.add(new Mark(x, label, hoverTitle));
    return this;
  }

  /** The colours of highlights and marks; set before adding them. */
  SvgLineChart colours(String highlight, String mark) {
    this.highlightColour = highlight;
    this.markColour = mark;
    return this;
  }

  /** The chart's height in pixels, legend and axes included. */
  SvgLineChart height(double pixels) {
    this.height = pixels;
    return this;
  }

  /** At least this much room left of the plot area, so that charts stacked on each other align. */
  SvgLineChart minLeft(double pixels) {
    this.minLeft = pixels;
    return this;
  }

  /** The x axis covers at least {@code from..to}, so that charts stacked on each other share it. */
  SvgLineChart xRange(double from, double to) {
    this.xFrom = from;
    this.xTo = to;
    return this;
  }

  String render() {
    double xLo = xFrom;
    double xHi = xTo;
    double yLo = 0; // measured quantities read best against zero
    double yHi = Double.NEGATIVE_INFINITY;
    boolean any = false;
    for (Line line : lines) {
      for (double[] p : line.points()) {
        if (Double.isFinite(p[1])) {
          any = true;
          xLo = Math.min(xLo, p[0]);
          xHi = Math.max(xHi, p[0]);
          yLo = Math.min(yLo, p[1]);
          yHi = Math.max(yHi, p[1]);
        }
      }
    }
    StringBuilder out = new StringBuilder();
    double legendHeight = legend.height();
    if (!any) {
      Svg.open(out, WIDTH, legendHeight + 70, title);
      legend.render(out);
      Svg.rect(
          out,
          0.5,
          legendHeight,
          WIDTH - 1,
          60,
          "fill=\"#f6f8fa\" stroke=\"" + Svg.GRID + "\" rx=\"4\"",
          null);
      Svg.text(
          out,
          WIDTH / 2,
          legendHeight + 35,
          "middle",
          "fill=\"" + Svg.AXIS + "\" font-size=\"13\"",
          "no samples were recorded");
      Svg.close(out);
      return out.toString();
    }
    NiceScale x = NiceScale.of(xLo, xHi, 10);
    NiceScale y = NiceScale.of(yLo, yHi, height < 250 ? 3 : 5);
    int widest = y.ticks().stream().mapToInt(t -> y.label(t).length()).max().orElse(1);
    double left = Math.max(minLeft, 34 + widest * CHAR + 8);
    ChartFrame frame =
        new ChartFrame(
            left, legendHeight + 12, WIDTH - RIGHT, legendHeight + 12 + height - 60, x, y);

    Svg.open(out, WIDTH, frame.bottom() + BOTTOM, title);
    legend.render(out);
    drawBands(out, frame);
    frame.drawAxes(out, xLabel, yLabel);
    drawHighlights(out, frame);
    drawMarks(out, frame);
    for (Line line : lines) {
      drawLine(out, frame, line);
    }
    Svg.close(out);
    return out.toString();
  }

  private void drawBands(StringBuilder out, ChartFrame f) {
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
      Svg.rect(
          out, x0, f.top(), width, f.bottom() - f.top(), "fill=\"" + fill + "\"", band.title());
      Svg.line(out, x0, f.top(), x0, f.bottom(), "#c9d4e0", 1);
      if (width >= 8 + band.label().length() * CHAR) {
        Svg.text(
            out, x0 + 4, f.top() + 12, "start", "fill=\"#6e7781\" font-size=\"11\"", band.label());
      }
    }
  }

  private void drawHighlights(StringBuilder out, ChartFrame f) {
    for (Band band : highlights) {
      double from = Math.max(band.from(), f.x().min());
      double to = Math.min(band.to(), f.x().max());
      if (to < from) {
        continue;
      }
      double x0 = f.px(from);
      double width = Math.max(3, f.px(to) - x0);
      Svg.rect(
          out,
          x0,
          f.top(),
          width,
          f.bottom() - f.top(),
          "fill=\""
              + highlightColour
              + "\" fill-opacity=\"0.18\" stroke=\""
              + highlightColour
              + "\" stroke-opacity=\"0.6\"",
          band.title());
      if (!band.label().isEmpty()) {
        boolean roomRight = x0 + width + 6 + band.label().length() * CHAR < f.right();
        // below the row of mark labels at the top, where a falling curve leaves room
        Svg.text(
            out,
            roomRight ? x0 + width + 4 : x0 - 4,
            f.top() + 26,
            roomRight ? "start" : "end",
            "fill=\"" + highlightColour + "\" font-size=\"11.5\" font-weight=\"600\"",
            band.label());
      }
    }
  }

  private void drawMarks(StringBuilder out, ChartFrame f) {
    double labelledUpTo = Double.NEGATIVE_INFINITY;
    for (Mark mark : marks) {
      if (mark.x() < f.x().min() || mark.x() > f.x().max()) {
        continue;
      }
      double px = f.px(mark.x());
      out.append("<g><title>").append(Markup.escape(mark.title())).append("</title>");
      out.append("<line x1=\"")
          .append(Svg.n(px))
          .append("\" y1=\"")
          .append(Svg.n(f.top()))
          .append("\" x2=\"")
          .append(Svg.n(px))
          .append("\" y2=\"")
          .append(Svg.n(f.bottom()))
          .append("\" stroke=\"")
          .append(markColour)
          .append("\" stroke-width=\"1.2\" stroke-dasharray=\"4 3\"/></g>\n");
      if (px - 2 > labelledUpTo && !mark.label().isEmpty()) {
        Svg.text(
            out,
            px + 3,
            f.top() + 11,
            "start",
            "fill=\"" + markColour + "\" font-size=\"11\"",
            mark.label());
        labelledUpTo = px + 3 + mark.label().length() * CHAR;
      }
    }
  }

  private void drawLine(StringBuilder out, ChartFrame f, Line line) {
    List<List<double[]>> segments = segments(line);
    if (segments.isEmpty()) {
      return;
    }
    long shown = segments.stream().mapToLong(List::size).sum();
    double max = segments.stream().flatMap(List::stream).mapToDouble(p -> p[1]).max().orElse(0);
    String hover =
        line.label()
            + ": "
            + shown
            + " points, max "
            + HumanFormat.number(max, 3)
            + (segments.size() > 1
                ? ", " + (segments.size() - 1) + (segments.size() == 2 ? " gap" : " gaps")
                : "");
    out.append("<g><title>").append(Markup.escape(hover)).append("</title>\n");
    String dash = line.style().dashed() ? "\" stroke-dasharray=\"7 4" : "";
    for (List<double[]> segment : segments) {
      if (segment.size() > 1) {
        out.append("<polyline fill=\"none\" stroke=\"")
            .append(line.colour())
            .append(dash)
            .append("\" stroke-width=\"1.8\" stroke-linejoin=\"round\" points=\"");
        for (double[] p : segment) {
          out.append(Svg.n(f.px(p[0]))).append(',').append(Svg.n(f.py(p[1]))).append(' ');
        }
        out.setLength(out.length() - 1);
        out.append("\"/>\n");
      }
      if (shown <= MARKERS_UP_TO || segment.size() == 1) {
        for (double[] p : segment) {
          out.append("<circle cx=\"")
              .append(Svg.n(f.px(p[0])))
              .append("\" cy=\"")
              .append(Svg.n(f.py(p[1])))
              .append("\" r=\"3\" fill=\"")
              .append(line.colour())
              .append("\"/>\n");
        }
      }
    }
    out.append("</g>\n");
  }

  /** The runs of points the line joins: split at points without a figure and at wide x steps. */
  private static List<List<double[]>> segments(Line line) {
    List<List<double[]>> segments = new ArrayList<>();
    List<double[]> current = new ArrayList<>();
    double lastX = Double.NaN;
    for (double[] p : line.points()) {
      boolean gap =
          Double.isNaN(p[1]) || (!Double.isNaN(lastX) && p[0] - lastX > line.style().joinsUpTo());
      if (gap && !current.isEmpty()) {
        segments.add(current);
        current = new ArrayList<>();
      }
      if (!Double.isNaN(p[1])) {
        current.add(p);
      }
      lastX = p[0];
    }
    if (!current.isEmpty()) {
      segments.add(current);
    }
    return segments;
  }
}
