package dev.nestbed.scenario.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SvgLineChartTest {
  @Test
  void aChartWithoutSamplesSaysSo() throws Exception {
    String svg =
        new SvgLineChart("gap", "time (s)", "gap (ms)")
            .line("p1", new double[0], new double[0])
            .render();

    HtmlReportTest.parse(svg);
    assertTrue(svg.contains("no samples were recorded"));
    assertFalse(svg.contains("<polyline"));
  }

  @Test
  void aSinglePointIsAMarkerOnSensibleAxes() throws Exception {
    String svg =
        new SvgLineChart("gap", "time (s)", "gap (ms)")
            .line("p1", new double[] {12}, new double[] {40})
            .render();

    HtmlReportTest.parse(svg);
    assertEquals(1, svg.split("<circle", -1).length - 1);
    assertFalse(svg.contains("<polyline"));
    assertFalse(svg.contains("NaN") || svg.contains("Infinity"), svg);
  }

  @Test
  void hugeAndNonFiniteValuesAreDrawnOrLeftOutWithoutBreakingTheSvg() throws Exception {
    double[] xs = {0, 1, 2, 3, 4};
    double[] ys = {1e12, Double.NaN, 3.5e12, Double.POSITIVE_INFINITY, 2e12};

    String svg = new SvgLineChart("bytes", "time (s)", "bytes").line("p1", xs, ys).render();

    HtmlReportTest.parse(svg);
    assertTrue(svg.contains(">4T</text>"), svg);
    assertEquals(3, svg.split("<circle", -1).length - 1);
    assertFalse(svg.contains("NaN") || svg.contains("Infinity") || svg.contains("E12"), svg);
  }

  @Test
  void bandsOutsideTheDataAreLeftOutAndTheRestAreClipped() throws Exception {
    String svg =
        new SvgLineChart("gap", "time (s)", "gap (ms)")
            .line("p1", new double[] {10, 20}, new double[] {1, 2})
            .band(0, 5, "01", "01 start")
            .band(8, 15, "02", "02 <wait> & \"more\"")
            .band(30, 40, "03", "03 resize")
            .render();

    HtmlReportTest.parse(svg);
    assertTrue(svg.contains("<title>02 &lt;wait&gt; &amp; &quot;more&quot;</title>"));
    assertFalse(svg.contains("01 start") || svg.contains("03 resize"), svg);
  }

  @Test
  void manySeriesWrapTheLegendAndCycleColours() throws Exception {
    SvgLineChart chart = new SvgLineChart("gap", "time (s)", "gap (ms)");
    for (int i = 0; i < 24; i++) {
      chart.line("partition-with-a-long-name-" + i, new double[] {0, 1}, new double[] {i, i + 1});
    }

    String svg = chart.render();

    HtmlReportTest.parse(svg);
    assertEquals(24, svg.split("<polyline", -1).length - 1);
  }

  @Test
  void aPointWithoutAFigureBreaksTheLineInsteadOfDroppingToZero() throws Exception {
    String svg =
        new SvgLineChart("left", "time (s)", "left (MiB)")
            .line("p1", new double[] {0, 1, 2, 3, 4}, new double[] {40, 30, Double.NaN, 20, 10})
            .render();

    HtmlReportTest.parse(svg);
    assertEquals(2, svg.split("<polyline", -1).length - 1, svg);
    assertEquals(4, svg.split("<circle", -1).length - 1);
    assertTrue(svg.contains("4 points, max 40, 1 gap"), svg);
  }

  @Test
  void aStepWiderThanTheLineJoinsIsAGapAndALonePointStillShows() throws Exception {
    double[] xs = new double[60];
    double[] ys = new double[60];
    for (int i = 0; i < 60; i++) {
      xs[i] = i < 30 ? i * 0.2 : i < 59 ? 10 + i * 0.2 : 30;
      ys[i] = i;
    }

    String svg =
        new SvgLineChart("left", "time (s)", "left (MiB)")
            .line("p1", xs, ys, new SvgLineChart.Style(null, false, 0.3))
            .render();

    HtmlReportTest.parse(svg);
    assertEquals(2, svg.split("<polyline", -1).length - 1, svg);
    assertEquals(
        1, svg.split("<circle", -1).length - 1, "only the lone last point gets a marker among 60");
  }

  @Test
  void marksAndHighlightsAreDrawnAndNamedInTheLegendOnce() throws Exception {
    String svg =
        new SvgLineChart("left", "time (s)", "left (MiB)")
            .line("measured", new double[] {0, 10}, new double[] {100, 0})
            .line(
                "model",
                new double[] {0, 8},
                new double[] {90, 0},
                new SvgLineChart.Style("#f28e2b", true, 1e9))
            .mark(4, "pass 2", "pass 2 at 4 s", "pass boundary")
            .mark(6, "pass 3", "pass 3 at 6 s", "pass boundary")
            .highlight(9, 9.3, "downtime", "paused 300 ms", "downtime: 300 ms")
            .render();

    HtmlReportTest.parse(svg);
    assertEquals(1, svg.split(">pass boundary</text>", -1).length - 1);
    assertTrue(svg.contains(">pass 2</text>") && svg.contains(">pass 3</text>"));
    assertTrue(
        svg.contains("<title>paused 300 ms</title>") && svg.contains(">downtime: 300 ms</text>"));
    assertTrue(svg.contains("stroke=\"#f28e2b\" stroke-dasharray=\"7 4\""), svg);
  }
}
