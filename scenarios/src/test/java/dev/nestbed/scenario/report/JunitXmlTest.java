package dev.nestbed.scenario.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.scenario.record.ExpectationRecord;
import dev.nestbed.scenario.record.Outcome;
import dev.nestbed.scenario.record.RunRecord;
import dev.nestbed.scenario.record.StepRecord;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

class JunitXmlTest {
  @TempDir Path dir;

  @Test
  void everyStepAndExpectationIsATestCaseAndAFailingParallelGroupCountsOnce() throws Exception {
    Element suite = suite(write(SampleRun.create()));

    // 5 top-level steps + the 2 children of the parallel group (which is not a case of its own) + 3
    // expectations
    assertEquals(10, cases(suite).size());
    assertEquals("pool-resize-demo", suite.getAttribute("name"));
    assertEquals("10", suite.getAttribute("tests"));
    // the move inside the parallel group is NOT_SUPPORTED, one expectation failed: the group adds
    // none
    assertEquals("2", suite.getAttribute("failures"));
    assertEquals(2, suite.getElementsByTagName("failure").getLength());
    assertEquals("1", suite.getAttribute("skipped"));
    assertEquals(1, suite.getElementsByTagName("skipped").getLength());
    assertEquals("0", suite.getAttribute("errors"));
    assertEquals(0, suite.getElementsByTagName("error").getLength());
  }

  @Test
  void stepsAreNamedByKindAndSubjectsAndNumberedOnlyAmongEqualNames() throws Exception {
    assertEquals(
        List.of(
            "start p1, p2",
            "wait p1, p2",
            "resize p1",
            "wait",
            "resize p2",
            "move p1",
            "wait #2",
            "p1 alive, memory intact",
            "p2 heartbeat-gap <= 2s",
            "p1 seen-after of resize <= 30s"),
        names(suite(write(SampleRun.create()))));
    assertEquals(
        List.of(
            "start p1, p2",
            "wait p1, p2",
            "migrate p1 to other",
            "resize p2",
            "wait p1",
            "wait p1 #2",
            "add-node n3 to big",
            "p1 alive, memory intact",
            "p1 guest-downtime of migrate <= 2s"),
        names(suite(write(SampleRun.passing()))));

    List<Element> cases = cases(suite(write(SampleRun.create())));
    assertEquals("nestbed.pool-resize-demo.steps", cases.get(0).getAttribute("classname"));
    assertEquals("nestbed.pool-resize-demo.expect", cases.get(8).getAttribute("classname"));
  }

  @Test
  void namesStayWhenAStepIsInserted() throws Exception {
    RunRecord run = SampleRun.passing();
    List<StepRecord> steps =
        new ArrayList<>(
            List.of(
                SampleRun.step(
                    "0",
                    "remove-node",
                    List.of("big", "n2"),
                    "remove node n2 from pool big",
                    38_000,
                    38_200,
                    Outcome.PASSED,
                    "",
                    Map.of())));
    run.steps().forEach(s -> steps.add(shifted(s)));
    RunRecord inserted =
        new RunRecord(
            run.scenario(),
            run.scenarioFile(),
            run.runId(),
            run.startedAt(),
            run.accelerator(),
            run.wallMs(),
            run.outcome(),
            run.message(),
            run.phases(),
            run.topology(),
            steps,
            run.expectations(),
            run.series(),
            run.cellsFree(),
            run.logs(),
            run.provenance());

    List<String> before = names(suite(write(run)));
    List<String> after = names(suite(write(inserted)));

    assertEquals("remove-node n2 from big", after.get(0));
    assertEquals(before, after.subList(1, after.size()));
  }

  @Test
  void theSuiteTimeIsTheStepsOnceAndAGroupsTimeIsItsChildrens() throws Exception {
    Element suite = suite(write(SampleRun.create()));

    // The top-level steps one after the other (the group by its own 4.24 s): the steps phase.
    assertEquals("59.600", suite.getAttribute("time"));
    assertEquals(
        SampleRun.phases().get("steps") / 1000.0, Double.parseDouble(suite.getAttribute("time")));
    // The cases: 3.7 + 19.8 + 1.84 + 30.02 + (4.24 + 0.015 side by side in the group) + 0; no group
    // on top.
    BigDecimal sum = BigDecimal.ZERO;
    for (Element c : cases(suite)) {
      sum = sum.add(new BigDecimal(c.getAttribute("time")));
    }
    assertEquals(new BigDecimal("59.615"), sum);
    assertEquals("4.240", cases(suite).get(4).getAttribute("time"));
    assertEquals("0.015", cases(suite).get(5).getAttribute("time"));
  }

  @Test
  void aFailingStepCarriesItsMessageAndItsDetails() throws Exception {
    Element move = cases(suite(write(SampleRun.create()))).get(5);

    Element failure = (Element) move.getElementsByTagName("failure").item(0);
    assertEquals(
        "move inside a pool is not supported by the nested backend yet; try migrate",
        failure.getAttribute("message"));
    assertEquals("NOT_SUPPORTED", failure.getAttribute("type"));
    assertTrue(
        failure.getTextContent().contains("step 05.2: move p1 to cells n2"),
        failure.getTextContent());
  }

  @Test
  void testCasesHoldOnlyTheirOutcomeAndTheirDetailsAreInTheSuitesOutput() throws Exception {
    Element suite = suite(write(SampleRun.create()));

    for (Element c : cases(suite)) {
      assertTrue(
          elementChildren(c).size() <= 1,
          c.getAttribute("name") + " holds " + elementChildren(c).size());
    }
    assertEquals(
        List.of("properties", "testcase", "system-out", "system-err"),
        elementChildren(suite).stream().map(Element::getTagName).distinct().toList());
    String out = suite.getElementsByTagName("system-out").item(0).getTextContent();
    assertTrue(
        out.contains(
            "steps: resize p1: PASSED\n  step 03: resize p1 to 2 vCPUs, 384MiB\n"
                + "  from 61.7 s to 63.54 s after the run started\n  seen-after.vcpus = 830 ms"),
        out);
    assertTrue(
        out.contains(
            "expect: p2 heartbeat-gap <= 2s: FAILED: "
                + SampleRun.SCRIPT_MESSAGE
                + "\n  expected: <= 2s\n  measured: 2.31s"),
        out);
  }

  @Test
  void theRunsFactsAreSuitePropertiesAndTheTimestampIsAntsUtcWithoutZone() throws Exception {
    Document doc = document(write(SampleRun.passing()));
    Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);

    assertEquals(0, doc.getDocumentElement().getAttributes().getLength());
    assertEquals("2025-06-14T10:02:41", suite.getAttribute("timestamp"));
    assertFalse(suite.getAttribute("hostname").isBlank());
    assertEquals("2025-06-14T10:02:41.123456Z", property(suite, "started-at"));
    assertEquals("90.000", property(suite, "wall-time"));
    assertEquals("28.250", property(suite, "phase.boot"));
    assertEquals("1970-01-01T00:00:00", JunitXml.timestamp("yesterday"));
    assertEquals("2025-06-14T07:31:07", JunitXml.timestamp("2025-06-14T09:31:07+02:00"));
  }

  @Test
  void messagesWithMarkupAndControlCharactersStillMakeValidXml() throws Exception {
    String message =
        "qemu said <error code=\"1\"> & \u0001\u001b[31mred\u001b[0m ]]> \ud83d\ude80 \ud800";
    RunRecord run =
        withSteps(
            List.of(
                SampleRun.step(
                    "0",
                    "start",
                    List.of("p<1>"),
                    "start \"p<1>\"",
                    0,
                    10,
                    Outcome.FAILED,
                    message,
                    Map.of())),
            List.of());

    Element failure = (Element) suite(write(run)).getElementsByTagName("failure").item(0);

    assertTrue(
        failure.getAttribute("message").startsWith("qemu said <error code=\"1\"> & \ufffd"),
        failure.getAttribute("message"));
    assertTrue(
        failure.getAttribute("message").contains("\ud83d\ude80"), "a valid emoji was mangled");
  }

  @Test
  void aRunThatFailedOutsideEveryStepGetsATestCaseOfItsOwn() throws Exception {
    RunRecord run = withSteps(List.of(), List.of());

    List<Element> cases = cases(suite(write(run)));

    assertEquals(1, cases.size());
    assertEquals("run", cases.get(0).getAttribute("name"));
    assertEquals(
        "cannot boot n1",
        ((Element) cases.get(0).getElementsByTagName("failure").item(0)).getAttribute("message"));
  }

  @Test
  void anInterruptedStepIsAnError() throws Exception {
    RunRecord run =
        withSteps(
            List.of(
                SampleRun.step(
                    "0",
                    "wait",
                    List.of(),
                    "wait for 5m",
                    0,
                    10,
                    Outcome.INTERRUPTED,
                    "the run was interrupted",
                    Map.of())),
            List.of(
                new ExpectationRecord("p1 alive", "alive", "not measured", Outcome.SKIPPED, "")));

    Element suite = suite(write(run));

    assertEquals("1", suite.getAttribute("errors"));
    assertEquals("1", suite.getAttribute("skipped"));
    assertEquals(2, cases(suite).size());
  }

  @Test
  void aGroupIsACaseOfItsOwnOnlyWhenItsChildrenDoNotShowItsOutcome() throws Exception {
    StepRecord skipped =
        new StepRecord(
            "0",
            "parallel",
            List.of("p1", "p2"),
            "parallel: start p1 | start p2",
            5,
            5,
            Outcome.SKIPPED,
            "an earlier step failed",
            Map.of(),
            List.of());
    StepRecord lost =
        new StepRecord(
            "1",
            "parallel",
            List.of("p1"),
            "parallel: wait for 1s",
            5,
            1_005,
            Outcome.FAILED,
            "lost track of its children",
            Map.of(),
            List.of(
                SampleRun.step(
                    "1.0",
                    "wait",
                    List.of(),
                    "wait for 1s",
                    5,
                    1_005,
                    Outcome.PASSED,
                    "",
                    Map.of())));

    Element suite = suite(write(withSteps(List.of(skipped, lost), List.of())));

    // The skipped group never ran; the failed one shows, without time, since its child carries it.
    assertEquals(List.of("parallel p1, p2", "parallel p1", "wait"), names(suite));
    assertEquals("1", suite.getAttribute("failures"));
    assertEquals("1", suite.getAttribute("skipped"));
    assertEquals("0.000", cases(suite).get(1).getAttribute("time"));
    assertEquals("1.000", cases(suite).get(2).getAttribute("time"));
  }

  private static StepRecord shifted(StepRecord s) {
    String path =
        s.path().contains(".")
            ? (Integer.parseInt(s.path().substring(0, s.path().indexOf('.'))) + 1)
                + s.path().substring(s.path().indexOf('.'))
            : Integer.toString(Integer.parseInt(s.path()) + 1);
    return new StepRecord(
        path,
        s.kind(),
        s.subjects(),
        s.summary(),
        s.startMs(),
        s.endMs(),
        s.outcome(),
        s.message(),
        s.metrics(),
        s.children().stream().map(JunitXmlTest::shifted).toList());
  }

  private static RunRecord withSteps(List<StepRecord> steps, List<ExpectationRecord> expectations) {
    RunRecord s = SampleRun.create();
    return new RunRecord(
        s.scenario(),
        s.scenarioFile(),
        s.runId(),
        s.startedAt(),
        s.accelerator(),
        10,
        Outcome.FAILED,
        "cannot boot n1",
        s.phases(),
        s.topology(),
        steps,
        expectations,
        List.of(),
        List.of(),
        List.of(),
        s.provenance());
  }

  private Path write(RunRecord run) throws Exception {
    Path file = dir.resolve("junit.xml");
    JunitXml.write(run, file);
    return file;
  }

  private static Document document(Path file) throws Exception {
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    assertEquals("testsuites", doc.getDocumentElement().getTagName());
    return doc;
  }

  private static Element suite(Path file) throws Exception {
    return (Element) document(file).getElementsByTagName("testsuite").item(0);
  }

  private static String property(Element suite, String name) {
    NodeList properties = suite.getElementsByTagName("property");
    for (int i = 0; i < properties.getLength(); i++) {
      Element p = (Element) properties.item(i);
      if (p.getAttribute("name").equals(name)) {
        return p.getAttribute("value");
      }
    }
    throw new AssertionError("no property " + name);
  }

  private static List<String> names(Element suite) {
    return cases(suite).stream().map(c -> c.getAttribute("name")).toList();
  }

  private static List<Element> cases(Element suite) {
    NodeList nodes = suite.getElementsByTagName("testcase");
    List<Element> cases = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      cases.add((Element) nodes.item(i));
    }
    return cases;
  }

  private static List<Element> elementChildren(Element parent) {
    List<Element> children = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        children.add(e);
      }
    }
    return children;
  }
}
