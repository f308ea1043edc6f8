package dev.nestbed.scenario.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nestbed.scenario.record.ExpectationRecord;
import dev.nestbed.scenario.record.Metric;
import dev.nestbed.scenario.record.Outcome;
import dev.nestbed.scenario.record.RunRecord;
import dev.nestbed.scenario.record.StepRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Two runs compared step by step: what differs is marked and counted; a run against itself,
 * nothing.
 */
class CompareRunsTest {
  private final RunRecord a = SampleRun.passing();
  private final RunRecord b = slower(a);

  @Test
  void theMetricsThatChangedAreMarkedWithTheirDifferenceAndRatio() {
    String text = ComparisonText.render(RunComparison.of("a/results.json", a, "b/results.json", b));

    assertTrue(
        text.startsWith("A  a/results.json: pool-resize-demo, run nb-5e21d0, PASSED after 90 s"),
        text);
    assertTrue(
        text.contains(
            "\nB  b/results.json: pool-resize-demo, run nb-9c14e2, FAILED after 93.4 s\n\n"),
        text);
    assertTrue(
        Pattern.compile("\n    \\* guest-downtime +212 ms +3180 ms +\\+2968 ms +15\n")
            .matcher(text)
            .find(),
        text);
    assertTrue(
        Pattern.compile("\n    \\* downtime +48 ms +61 ms +\\+13 ms +1\\.271\n")
            .matcher(text)
            .find(),
        text);
    assertTrue(
        Pattern.compile("\n      total-time +5100 ms +5100 ms +0 +1\n").matcher(text).find(), text);
    assertTrue(text.contains("\n  migrate p1 to other: PASSED in both\n"), text);
    assertTrue(text.contains("\n* wait p1 #2: PASSED in A, FAILED in B\n"), text);
    assertTrue(
        text.contains(
            "\nSteps only in A (1)\n* add-node n3 to big: PASSED (add node n3 to pool big)\n"),
        text);
    assertTrue(
        text.contains(
            "\nSteps only in B (1)\n* remove-node n3 from big: PASSED (remove node n3 from pool"
                + " big)\n"),
        text);
    assertTrue(
        Pattern.compile(
                "\n\\* p1 guest-downtime of migrate <= 2s +PASSED, 212ms +FAILED, 3\\.18s\n")
            .matcher(text)
            .find(),
        text);
    assertTrue(
        text.endsWith(
            "\nDifferences (marked *): 2 of 14 metrics, 1 step outcome, 1 expectation, 1 step only"
                + " in A, 1 step only in B; 7 steps in both.\n"),
        text);
  }

  @Test
  void aRunComparedWithItselfHasNoDifferences() {
    RunComparison same = RunComparison.of("a/results.json", a, "a/results.json", a);
    String text = ComparisonText.render(same);

    assertTrue(same.summary().same());
    assertFalse(Pattern.compile("(?m)^\\s*\\*").matcher(text).find(), text);
    assertTrue(
        text.endsWith("\nNo differences: 8 steps in both, 14 metrics, every outcome the same.\n"),
        text);
    assertTrue(text.contains("\nSteps only in A (0)\n\nSteps only in B (0)\n"), text);
  }

  @Test
  void theJsonHoldsTheSameFacts() throws Exception {
    JsonNode json =
        new ObjectMapper().readTree(ComparisonJson.render(RunComparison.of("a", a, "b", b)));

    JsonNode migrate = json.get("steps").get(2);
    assertEquals("migrate p1 to other", migrate.get("name").asText());
    JsonNode gap = migrate.get("metrics").get(2);
    assertEquals("guest-downtime", gap.get("name").asText());
    assertEquals(212, gap.get("a").asDouble());
    assertEquals(3180, gap.get("b").asDouble());
    assertEquals(2968, gap.get("difference").asDouble());
    assertEquals(15, gap.get("ratio").asDouble());
    assertEquals("add-node n3 to big", json.get("onlyInA").get(0).get("name").asText());
    assertFalse(json.get("summary").get("same").asBoolean());
    assertTrue(
        new ObjectMapper()
            .readTree(ComparisonJson.render(RunComparison.of("a", a, "a", a)))
            .get("summary")
            .get("same")
            .asBoolean());
  }

  @Test
  void theHtmlPageIsSelfContainedWellFormedAndMarksWhatDiffers() throws Exception {
    String html = ComparisonHtml.render(RunComparison.of("a/results.json", a, "b/results.json", b));

    HtmlReportTest.parse(html);
    assertTrue(html.contains(ReportStyle.CSS));
    assertFalse(html.contains("<script") || html.contains(" src="));
    assertTrue(
        html.contains(
            "<tr class=\"diff\"><td class=\"metric mono\">guest-downtime</td><td class=\"num\">212 ms"
                + "</td><td class=\"num\">3180 ms</td><td class=\"num\">+2968 ms</td><td class=\"num\">15</td></tr>"),
        html);
    assertTrue(html.contains("<h2>Steps only in B (1)</h2>"));
  }

  /**
   * {@code run} measured again: a longer downtime, the last wait failing, a node leaving instead of
   * joining, the downtime expectation failed.
   */
  private static RunRecord slower(RunRecord run) {
    List<StepRecord> steps = new ArrayList<>();
    for (StepRecord s : run.steps()) {
      if (s.kind().equals("migrate")) {
        Map<String, Metric> metrics = new LinkedHashMap<>(s.metrics());
        metrics.put("guest-downtime", Metric.millis(3_180));
        metrics.put("downtime", Metric.millis(61));
        steps.add(with(s, s.outcome(), metrics));
      } else if (s.path().equals("4")) {
        steps.add(with(s, Outcome.FAILED, s.metrics()));
      } else if (s.kind().equals("add-node")) {
        steps.add(
            SampleRun.step(
                "5",
                "remove-node",
                List.of("big", "n3"),
                "remove node n3 from pool big",
                80_000,
                83_400,
                Outcome.PASSED,
                "",
                Map.of()));
      } else {
        steps.add(s);
      }
    }
    List<ExpectationRecord> expectations =
        List.of(
            run.expectations().get(0),
            new ExpectationRecord(
                "p1 guest-downtime of migrate <= 2s", "<= 2s", "3.18s", Outcome.FAILED, ""));
    return new RunRecord(
        run.scenario(),
        run.scenarioFile(),
        "nb-9c14e2",
        run.startedAt(),
        run.accelerator(),
        93_400,
        Outcome.FAILED,
        "a step failed",
        run.phases(),
        run.topology(),
        steps,
        expectations,
        run.series(),
        run.cellsFree(),
        run.logs(),
        run.provenance());
  }

  private static StepRecord with(StepRecord s, Outcome outcome, Map<String, Metric> metrics) {
    return new StepRecord(
        s.path(),
        s.kind(),
        s.subjects(),
        s.summary(),
        s.startMs(),
        s.endMs(),
        outcome,
        s.message(),
        metrics,
        s.children());
  }
}
