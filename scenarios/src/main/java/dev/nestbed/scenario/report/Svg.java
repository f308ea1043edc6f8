package dev.nestbed.scenario.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;

/** The few SVG elements the charts draw, with coordinates rounded to a tenth of a pixel. */
final class Svg {
  static final String AXIS = "#57606a";
  static final String GRID = "#e3e8ed";

  private Svg() {}

  /** Opens an {@code <svg>} that scales to its container's width. */
  static void open(StringBuilder out, double width, double height, String label) {
    out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(n(width))
        .append(' ')
        .append(n(height))
        .append("\" width=\"")
        .append(n(width))
        .append("\" height=\"")
        .append(n(height))
        .append("\" role=\"img\" aria-label=\"")
        .append(Markup.escape(label))
        .append("\">\n");
  }

  static void close(StringBuilder out) {
    out.append("</svg>\n");
  }

  static void line(
      StringBuilder out, double x1, double y1, double x2, double y2, String stroke, double width) {
    out.append("<line x1=\"")
        .append(n(x1))
        .append("\" y1=\"")
        .append(n(y1))
        .append("\" x2=\"")
        .append(n(x2))
        .append("\" y2=\"")
        .append(n(y2))
        .append("\" stroke=\"")
        .append(stroke)
        .append("\" stroke-width=\"")
        .append(n(width))
        .append("\"/>\n");
  }

  /**
   * Text; {@code anchor} is start, middle or end; {@code style} is extra attributes, already
   * escaped.
   */
  static void text(
      StringBuilder out, double x, double y, String anchor, String style, String text) {
    out.append("<text x=\"")
        .append(n(x))
        .append("\" y=\"")
        .append(n(y))
        .append("\" text-anchor=\"")
        .append(anchor)
        .append('"')
        .append(style.isEmpty() ? "" : " " + style)
        .append('>')
        .append(Markup.escape(text))
        .append("</text>\n");
  }

  /**
   * A rectangle, optionally with a hover title; {@code style} is extra attributes, already escaped.
   */
  static void rect(
      StringBuilder out,
      double x,
      double y,
      double w,
      double h,
      String style,
      @Nullable String title) {
    out.append("<rect x=\"")
        .append(n(x))
        .append("\" y=\"")
        .append(n(y))
        .append("\" width=\"")
        .append(n(Math.max(0, w)))
        .append("\" height=\"")
        .append(n(Math.max(0, h)))
        .append('"')
        .append(style.isEmpty() ? "" : " " + style);
    if (title == null) {
      out.append("/>\n");
    } else {
      out.append("><title>").append(Markup.escape(title)).append("</title></rect>\n");
    }
  }

  /** A coordinate or length with at most one decimal. */
  static String n(double value) {
    if (!Double.isFinite(value)) {
      return "0";
    }
    return BigDecimal.valueOf(value)
        .setScale(1, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  /** Cuts text to about {@code maxChars}, with an ellipsis, since SVG text does not wrap. */
  static String fit(String text, int maxChars) {
    if (text == null) {
      return "";
    }
    return text.length() <= maxChars ? text : text.substring(0, Math.max(1, maxChars - 1)) + "…";
  }
}
