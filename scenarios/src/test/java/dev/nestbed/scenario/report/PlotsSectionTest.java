package dev.nestbed.scenario.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.scenario.record.RunRecord;
import dev.nestbed.scenario.record.TimeSeries;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A migration is plotted measured against the model, with its passes, its downtime and its gaps.
 */
class PlotsSectionTest {
  private static final String MEASURED = ReportStyle.seriesColour(0);
  private static final String MODEL = ReportStyle.seriesColour(1);

  private final RunRecord run = SampleRun.passing();
  private final String section = PlotsSection.render(run.series(), StepRows.of(run.steps()));
  private final List<String> svgs = HtmlReportTest.svgs(section);

  @Test
  void aMigrationGetsAChartOfWhatIsLeftAndOneOfThroughputUnderItNamedByItsStep() throws Exception {
    assertEquals(2, svgs.size(), section);
    for (String svg : svgs) {
      HtmlReportTest.parse(svg);
    }
    assertTrue(section.contains("<h3>03 migrate p1 to pool other (precopy)</h3>"), section);
    assertTrue(svgs.get(0).contains(">memory still to copy (MiB)</text>"));
    assertTrue(svgs.get(1).contains(">throughput (MiB/s)</text>"));
    assertTrue(
        section.contains(
            "Measured: 3 passes, 5.1 s, downtime 48 ms (libvirt), guest gap 212 ms."
                + " Model: 3 passes, 4.6 s, downtime 71 ms."),
        section);
  }

  @Test
  void bothChartsShareTheirTimeAxis() {
    assertTrue(xTicks(svgs.get(0)).size() > 3, svgs.get(0));
    assertEquals(xTicks(svgs.get(0)), xTicks(svgs.get(1)));
  }

  @Test
  void everyPassBoundaryIsAMarkWhereLibvirtsPassNumberChanged() {
    String chart = svgs.get(0);

    assertTrue(chart.contains("<title>libvirt reported pass 2 first at 66.2 s</title>"), chart);
    assertTrue(chart.contains("<title>libvirt reported pass 3 first at 66.8 s</title>"), chart);
    assertEquals(2, count(chart, "<title>libvirt reported pass "));
    assertTrue(chart.contains(">pass boundary: libvirt&#39;s pass number changed</text>"));
    assertEquals(
        2,
        count(svgs.get(1), "<title>libvirt reported pass "),
        "the throughput chart has them too");
  }

  @Test
  void theDowntimeIsShadedFromTheGuestsHeartbeatGapAndSaysSo() {
    String chart = svgs.get(0);

    assertTrue(chart.contains(">downtime: guest heartbeat gap, 212 ms</text>"), chart);
    assertTrue(
        chart.contains(
            "stroke-opacity=\"0.6\"><title>no heartbeat arrived for 212 ms (guest-downtime);"
                + " libvirt reported a downtime of 48 ms</title></rect>"),
        chart);
  }

  @Test
  void withoutAHeartbeatGapLibvirtsDowntimeIsShadedAtTheEndOfItsJob() {
    List<TimeSeries> series =
        run.series().stream().filter(s -> !s.name().equals("migration-downtime-guest")).toList();

    String chart =
        HtmlReportTest.svgs(PlotsSection.render(series, StepRows.of(run.steps()))).get(0);

    assertTrue(
        chart.contains(">downtime: libvirt&#39;s, 48 ms, placed at its job&#39;s end</text>"),
        chart);
    assertFalse(chart.contains("guest heartbeat gap"));
  }

  @Test
  void theModelsCurveIsDashedThroughItsPassesNextToTheMeasuredOne() {
    String chart = svgs.get(0);

    assertTrue(chart.contains(">model: V(i) at the start of each pass it predicts</text>"), chart);
    assertTrue(chart.contains(">measured: memory libvirt reported still to copy</text>"), chart);
    assertEquals(
        1,
        count(chart, "<polyline fill=\"none\" stroke=\"" + MODEL + "\" stroke-dasharray=\"7 4\""));
    assertEquals(
        4,
        count(chart, "r=\"3\" fill=\"" + MODEL + "\""),
        "a marker at each of the model's points");
  }

  @Test
  void aSampleWithoutTheFigureAndASampleNeverTakenBreakTheMeasuredLine() {
    String chart = svgs.get(0);

    // 24 samples: the one 2 s in reported nothing, the one 3.4 s in is missing: three runs of
    // points
    assertEquals(3, count(chart, "<polyline fill=\"none\" stroke=\"" + MEASURED + "\""), chart);
    assertTrue(
        chart.contains(
            "<title>measured: memory libvirt reported still to copy: 22 points, max 256, 2 gaps"
                + "</title>"),
        chart);
    assertEquals(22, count(chart, "r=\"3\" fill=\"" + MEASURED + "\""));
  }

  @Test
  void seriesOfAMigrationNoStepMatchesAreStillPlottedByPartition() {
    RunRecord sample = SampleRun.create();

    String page = PlotsSection.render(sample.series(), StepRows.of(sample.steps()));

    assertTrue(page.contains("<h3>migration of p1</h3>"), page);
    assertEquals(
        1 + 2, HtmlReportTest.svgs(page).size(), "heartbeat gaps, then the migration's two charts");
  }

  @Test
  void pastSixtyFourMigrationsThePageSaysHowManyItLeftToResultsJson() {
    List<TimeSeries> series = new java.util.ArrayList<>();
    for (int i = 0; i < PlotsSection.MAX_MIGRATION_PLOTS + 1_001; i++) {
      series.add(
          new TimeSeries(
              dev.nestbed.scenario.record.MigrationSeries.MODEL_REMAINING,
              "p" + i,
              "MiB",
              List.of(new TimeSeries.Point(0, 100.0), new TimeSeries.Point(1_000, 0.0))));
    }

    String page = PlotsSection.render(series, List.of());

    assertEquals(PlotsSection.MAX_MIGRATION_PLOTS, count(page, "<h3>migration of p"));
    assertTrue(page.contains("<h3>migration of p63</h3>"), "the first ones, in order");
    assertTrue(
        page.contains(
            "The first 64 migrations are drawn; 1,001 more are not, and every point of theirs is"
                + " in results.json."),
        page.substring(page.length() - 400));
  }

  private static List<String> xTicks(String svg) {
    Matcher m =
        Pattern.compile(
                "<line x1=\"([0-9.]+)\" y1=\"[0-9.]+\" x2=\"\\1\" y2=\"[0-9.]+\" stroke=\""
                    + Svg.AXIS
                    + "\"")
            .matcher(svg);
    List<String> ticks = new java.util.ArrayList<>();
    while (m.find()) {
      ticks.add(m.group(1));
    }
    return ticks;
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
