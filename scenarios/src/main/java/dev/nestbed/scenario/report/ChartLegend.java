package dev.nestbed.scenario.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The legend above a chart: one entry per line, shaded band or kind of mark, laid out left to right
 * and wrapped into rows; each entry's swatch is drawn the way its thing is drawn.
 */
final class ChartLegend {
  private static final double CHAR = 6.6;
  private static final int MAX_CHARS = 60;

  /** How an entry's swatch looks. */
  enum Swatch {
    LINE,
    DASHED,
    BAND,
    MARK
  }

  private record Entry(String label, String colour, Swatch swatch) {}

  private final double width;
  private final List<Entry> entries = new ArrayList<>();
  private final List<double[]> layout = new ArrayList<>();

  ChartLegend(double width) {
    this.width = width;
  }

  void add(String label, String colour, Swatch swatch) {
    entries.add(new Entry(Svg.fit(label, MAX_CHARS), colour, swatch));
    layout.clear();
  }

  /** The height the legend takes, with the gap below it. */
  double height() {
    List<double[]> l = layout();
    return 20.0 * (l.isEmpty() ? 0 : (int) l.get(l.size() - 1)[1] + 1) + 8;
  }

  void render(StringBuilder out) {
    for (double[] e : layout()) {
      Entry entry = entries.get((int) e[2]);
      double x = e[0];
      double y = 14 + e[1] * 20;
      switch (entry.swatch()) {
        case LINE -> Svg.line(out, x, y - 4, x + 22, y - 4, entry.colour(), 3);
        case DASHED ->
            out.append("<line x1=\"")
                .append(Svg.n(x))
                .append("\" y1=\"")
                .append(Svg.n(y - 4))
                .append("\" x2=\"")
                .append(Svg.n(x + 22))
                .append("\" y2=\"")
                .append(Svg.n(y - 4))
                .append("\" stroke=\"")
                .append(entry.colour())
                .append("\" stroke-width=\"2.5\" stroke-dasharray=\"5 3\"/>\n");
        case BAND ->
            Svg.rect(
                out,
                x,
                y - 11,
                22,
                13,
                "fill=\""
                    + entry.colour()
                    + "\" fill-opacity=\"0.35\" stroke=\""
                    + entry.colour()
                    + "\"",
                null);
        case MARK ->
            out.append("<line x1=\"")
                .append(Svg.n(x + 11))
                .append("\" y1=\"")
                .append(Svg.n(y - 12))
                .append("\" x2=\"")
                .append(Svg.n(x + 11))
                .append("\" y2=\"")
                .append(Svg.n(y + 2))
                .append("\" stroke=\"")
                .append(entry.colour())
                .append("\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\"/>\n");
      }
      Svg.text(out, x + 28, y, "start", "fill=\"#1f2328\" font-size=\"12.5\"", entry.label());
    }
  }

  /** Entries left to right, wrapping into rows: {x, row, entry index} each. */
  private List<double[]> layout() {
    if (layout.isEmpty()) {
      double x = 0;
      int row = 0;
      for (int i = 0; i < entries.size(); i++) {
        double w = 30 + entries.get(i).label().length() * CHAR + 18;
        if (x > 0 && x + w > width - 80) {
          row++;
          x = 0;
        }
        layout.add(new double[] {80 + x, row, i});
        x += w;
      }
    }
    return layout;
  }
}
