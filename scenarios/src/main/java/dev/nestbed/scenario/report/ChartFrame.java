package dev.nestbed.scenario.report;

/**
 * The plot area of a chart in pixels and the scales that map data into it, and its axes: ticks,
 * gridlines, tick labels and the axis titles.
 */
record ChartFrame(double left, double top, double right, double bottom, NiceScale x, NiceScale y) {
  double px(double value) {
    return left + x.fraction(value) * (right - left);
  }

  double py(double value) {
    return bottom - y.fraction(value) * (bottom - top);
  }

  void drawAxes(StringBuilder out, String xLabel, String yLabel) {
    for (double t : y.ticks()) {
      double at = py(t);
      Svg.line(out, left, at, right, at, Svg.GRID, 1);
      Svg.text(
          out, left - 8, at + 4, "end", "fill=\"" + Svg.AXIS + "\" font-size=\"11.5\"", y.label(t));
    }
    for (double t : x.ticks()) {
      double at = px(t);
      Svg.line(out, at, top, at, bottom, Svg.GRID, 1);
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
    Svg.line(out, left, top, left, bottom, Svg.AXIS, 1);
    Svg.text(
        out,
        (left + right) / 2,
        bottom + 38,
        "middle",
        "fill=\"#1f2328\" font-size=\"12.5\"",
        xLabel);
    double midY = (top + bottom) / 2;
    Svg.text(
        out,
        14,
        midY,
        "middle",
        "fill=\"#1f2328\" font-size=\"12.5\" transform=\"rotate(-90 14 " + Svg.n(midY) + ")\"",
        yLabel);
  }
}
