package dev.nestbed.scenario.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.scenario.record.ExpectationRecord;
import dev.nestbed.scenario.record.Outcome;
import dev.nestbed.scenario.record.RunRecord;
import dev.nestbed.scenario.record.Topology;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class HtmlReportTest {
  private static final Pattern SVG = Pattern.compile("<svg .*?</svg>", Pattern.DOTALL);

  private final String html = HtmlReport.render(SampleRun.create());

  @Test
  void theWholePageIsWellFormedXml() throws Exception {
    Document page = parse(html);

    assertEquals("html", page.getDocumentElement().getTagName());
  }

  @Test
  void everySvgFragmentParsesOnItsOwn() throws Exception {
    List<String> fragments = svgs(html);

    // phase bar, timeline, heartbeat-gap, the migration's memory still to copy and its throughput
    assertEquals(5, fragments.size());
    for (String svg : fragments) {
      assertEquals("svg", parse(svg).getDocumentElement().getTagName());
    }
  }

  @Test
  void everyStepSummaryAndEveryExpectationIsOnThePage() {
    for (StepRows.Row row : StepRows.of(SampleRun.create().steps())) {
      assertTrue(html.contains(Markup.escape(row.step().summary())), row.step().summary());
      assertTrue(html.contains(Markup.escape(row.title())), row.title());
    }
    for (ExpectationRecord e : SampleRun.expectations()) {
      assertTrue(html.contains(Markup.escape(e.description())), e.description());
      assertTrue(html.contains(Markup.escape(e.measured())), e.measured());
    }
  }

  @Test
  void aPlatformFaultGotOverWhileBuildingAPoolIsShownUnderItsPool() {
    RunRecord sample = SampleRun.create();
    Topology.PoolInfo big = sample.topology().pools().get(0);
    Topology.PoolInfo faulted =
        new Topology.PoolInfo(
            big.name(),
            big.backend(),
            big.cells(),
            big.distances(),
            big.spares(),
            big.observed(),
            List.of("the L1 VM stopped: it is shut off: QEMU ended unexpectedly <x>"));
    RunRecord run =
        new RunRecord(
            sample.scenario(),
            sample.scenarioFile(),
            sample.runId(),
            sample.startedAt(),
            sample.accelerator(),
            sample.wallMs(),
            sample.outcome(),
            sample.message(),
            sample.phases(),
            new Topology(
                sample.topology().nodes(), List.of(faulted), sample.topology().placements()),
            sample.steps(),
            sample.expectations(),
            sample.series(),
            sample.cellsFree(),
            sample.logs(),
            sample.provenance());

    String page = HtmlReport.render(run);

    assertTrue(
        page.contains(
            "platform fault, booted again:</b> <span class=\"mono\">the L1 VM stopped: it is shut off: "
                + "QEMU ended unexpectedly &lt;x&gt;</span>"),
        page);
    assertFalse(html.contains("platform fault"));
  }

  @Test
  void theCellAccountHasARowBeforeTheStepsAndOneAfterEachStepThatRanWithEveryCell() {
    String section = html.substring(html.indexOf("<section id=\"cells\">"));
    section = section.substring(0, section.indexOf("</section>"));
    assertTrue(
        section.contains("<th class=\"num\">big / n1</th><th class=\"num\">big / n2</th>"),
        section);
    assertTrue(
        section.contains(
            "<td>before the steps</td><td class=\"num\">2 of 2 CPUs, 2816 of 2816 MiB</td>"),
        section);
    assertTrue(
        section.contains(
            "<td>after 03 resize p1 to 2 vCPUs, 384MiB</td>"
                + "<td class=\"num\">0 of 2 CPUs, 2432 of 2816 MiB</td><td class=\"num\">1 of 2 CPUs, 2560 of 2816 MiB</td>"),
        section);
    assertEquals(
        3, section.split("<tr>", -1).length - 2, "a header row and three moments: " + section);
  }

  @Test
  void theCellAccountIsATableOfItsOwnClassNotTheTopologysBoxOfCells() {
    String section = html.substring(html.indexOf("<section id=\"cells\">"));

    assertTrue(section.startsWith("<section id=\"cells\">\n<h2>Free per cell</h2>"), section);
    assertTrue(section.contains("<table class=\"cell-account\"><thead>"), section);
    assertTrue(
        html.contains("<div class=\"cells\">"), "the topology still draws its cells in a row");
  }

  @Test
  void noFlexOrGridRuleOfTheStyleSheetLaysOutATable() {
    // A flex rule once matched the cell account's table by its class: its head and body became
    // flex items and stood side by side. A layout rule may name a table's class only for another
    // element.
    Set<String> tableClasses = new HashSet<>();
    Matcher table = Pattern.compile("<table class=\"([^\"]*)\"").matcher(html);
    while (table.find()) {
      tableClasses.addAll(List.of(table.group(1).split(" ")));
    }
    String css = ReportStyle.CSS.replaceAll("(?s)/\\*.*?\\*/", "");
    Matcher rule = Pattern.compile("([^{}]+)\\{([^}]*)}").matcher(css);
    List<String> layoutSelectors = new ArrayList<>();
    while (rule.find()) {
      if (rule.group(2).matches("(?s).*display:\\s*(flex|grid|inline-flex|inline-grid).*")) {
        for (String selector : rule.group(1).split(",")) {
          layoutSelectors.add(selector.strip());
        }
      }
    }

    assertTrue(
        tableClasses.contains("cell-account") && layoutSelectors.contains("div.cells"),
        layoutSelectors.toString());
    for (String selector : layoutSelectors) {
      String[] compounds = selector.split("[\\s>+~]+");
      String last = compounds[compounds.length - 1];
      String element = last.contains(".") ? last.substring(0, last.indexOf('.')) : last;
      List<String> classes =
          last.contains(".")
              ? List.of(last.substring(last.indexOf('.') + 1).split("\\."))
              : List.of();
      boolean couldBeATable = element.isEmpty() || element.equals("table") || element.equals("*");
      assertFalse(
          couldBeATable && classes.stream().anyMatch(tableClasses::contains),
          "'" + selector + "' lays out a table of the report: " + tableClasses);
    }
  }

  @Test
  void markupInMessagesIsEscapedAndThePageHasNoScriptAtAll() {
    assertTrue(html.contains(Markup.escape(SampleRun.SCRIPT_MESSAGE)));
    assertTrue(html.contains("&lt;script&gt;alert(&quot;boom&quot;)&lt;/script&gt; &amp; more"));
    assertFalse(html.toLowerCase(java.util.Locale.ROOT).contains("<script"));
  }

  @Test
  void thePageFetchesNothing() {
    String withoutNamespaces = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");

    assertFalse(withoutNamespaces.contains("http://") || withoutNamespaces.contains("https://"));
    assertFalse(html.contains(" src=") || html.contains("url(") || html.contains("@import"));
    assertTrue(html.contains("<style>") && html.contains("<link rel=\"icon\" href=\"data:,\"/>"));
  }

  @Test
  void theHeaderShowsOutcomeRunAndPhases() {
    assertTrue(html.contains(">FAILED</span>"));
    assertTrue(
        html.contains("nb-7f3a9c") && html.contains("TCG (no /dev/kvm; guests are emulated)"));
    assertTrue(html.contains("2025-06-14T09:31:07Z") && html.contains("101.45 s"));
    for (String phase : List.of("plan", "nodes", "boot", "steps", "teardown")) {
      assertTrue(html.contains(">" + phase + " <b>"), phase);
    }
  }

  @Test
  void theTopologyDrawsPartitionsInTheCellsTheyEndedOnAndSparesDashed() {
    String n1 = html.substring(html.indexOf("cell n1</div>"), html.indexOf("cell n2</div>"));
    String n2 =
        html.substring(html.indexOf("cell n2</div>"), html.indexOf("<div class=\"cell spare\">"));

    // p1 was placed on n1 and moved to n2 during the run; p2 stayed on n2
    assertTrue(n1.contains("no partition") && !n1.contains("<b>p1</b>"), n1);
    assertTrue(
        n2.contains("<b>p1</b>") && n2.contains("placed on n1") && n2.contains("<b>p2</b>"), n2);
    assertTrue(html.contains("<div class=\"cell spare\">"));
    assertTrue(html.contains("NUMA distances") && html.contains("<td>20</td>"));
  }

  @Test
  void eachSeriesNameGetsOneChartWithEverySubjectInItsLegend() {
    String heartbeat = svgs(html).get(2);

    assertEquals(1, count(html, "<h3>heartbeat-gap (ms)</h3>"));
    assertEquals(1, count(html, "<h3>migration of p1</h3>"));
    assertEquals(2, count(heartbeat, "<polyline"));
    assertTrue(heartbeat.contains(">p1</text>") && heartbeat.contains(">p2</text>"));
    assertTrue(heartbeat.contains(">heartbeat-gap (ms)</text>"));
    assertTrue(heartbeat.contains(">time since the run started (s)</text>"));
  }

  @Test
  void theTimelineHasARowPerStepAndHoverTitles() {
    String timeline = svgs(html).get(1);

    assertEquals(8, count(timeline, "<title>"));
    assertTrue(timeline.contains("05.2 move p1 to cells n2\nNOT_SUPPORTED after 15 ms"), timeline);
  }

  @Test
  void logsAreRelativeLinks() {
    assertTrue(html.contains("<a href=\"logs/p1.console.log\">logs/p1.console.log</a>"));
    assertTrue(html.contains("<a href=\"logs/run%20log.txt\">logs/run log.txt</a>"));
  }

  @Test
  void aRunWithNothingRecordedStillRenders() throws Exception {
    RunRecord empty =
        new RunRecord(
            "<empty>", null, null, null, null, 0, null, null, null, null, null, null, null, null,
            null, null);

    String page = HtmlReport.render(empty);

    parse(page);
    assertTrue(page.contains("No step ran.") && page.contains("No series were recorded."));
    assertTrue(page.contains("&lt;empty&gt;"));
  }

  @Test
  void aSeriesWithoutSamplesIsNamedNotDrawn() throws Exception {
    RunRecord s = SampleRun.create();
    RunRecord run =
        new RunRecord(
            s.scenario(),
            s.scenarioFile(),
            s.runId(),
            s.startedAt(),
            s.accelerator(),
            s.wallMs(),
            Outcome.PASSED,
            "",
            Map.of(),
            s.topology(),
            s.steps(),
            s.expectations(),
            List.of(
                new dev.nestbed.scenario.record.TimeSeries("heartbeat-gap", "p3", "ms", List.of())),
            s.cellsFree(),
            s.logs(),
            s.provenance());

    String page = HtmlReport.render(run);

    parse(page);
    assertTrue(page.contains("p3 (no samples)") && page.contains("no samples were recorded"));
  }

  static Document parse(String xml) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new InputSource(new StringReader(xml)));
  }

  static List<String> svgs(String html) {
    List<String> fragments = new ArrayList<>();
    Matcher m = SVG.matcher(html);
    while (m.find()) {
      fragments.add(m.group());
    }
    return fragments;
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
