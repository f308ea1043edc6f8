package dev.nestbed.scenario.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SvgLineChartTest {
  @Test
  void aChartWithoutSamplesSaysSo() throws Exception {
    String svg = new SvgLineChart("gap", "time (s)", "gap (ms)").line("p1", new double[0], new double[0]).render();

    HtmlReportTest.parse(svg);
    assertTrue(svg.contains("no samples were recorded"));
    assertFalse(svg.contains("<polyline"));
  }

  @Test
  void aSinglePointIsAMarkerOnSensibleAxes() throws Exception {
    String svg = new SvgLineChart("gap", "time (s)", "gap (ms)").line("p1", new double[] {12}, new double[] {40})
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
    String svg = new SvgLineChart("gap", "time (s)", "gap (ms)")
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
}
