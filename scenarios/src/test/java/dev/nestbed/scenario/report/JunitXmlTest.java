package dev.nestbed.scenario.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.scenario.record.ExpectationRecord;
import dev.nestbed.scenario.record.Outcome;
import dev.nestbed.scenario.record.RunRecord;
import dev.nestbed.scenario.record.StepRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitXmlTest {
  @TempDir
  Path dir;

  @Test
  void everyStepChildAndExpectationIsATestCaseWithTheRightCounts() throws Exception {
    Element suite = suite(write(SampleRun.create()));

    // 6 top-level steps + 2 children of the parallel group + 3 expectations
    assertEquals(11, cases(suite).size());
    assertEquals("pool-resize-demo", suite.getAttribute("name"));
    assertEquals("11", suite.getAttribute("tests"));
    // the parallel group and its move are NOT_SUPPORTED; one expectation failed
    assertEquals("3", suite.getAttribute("failures"));
    assertEquals(3, suite.getElementsByTagName("failure").getLength());
    assertEquals("1", suite.getAttribute("skipped"));
    assertEquals(1, suite.getElementsByTagName("skipped").getLength());
    assertEquals("0", suite.getAttribute("errors"));
    assertEquals("101.450", suite.getAttribute("time"));
  }

  @Test
  void stepsAreNamedByNumberAndSummaryWithTheirTimeInSeconds() throws Exception {
    List<Element> cases = cases(suite(write(SampleRun.create())));

    Element resize = cases.get(2);
    assertEquals("03 resize p1 to 2 vCPUs, 384MiB", resize.getAttribute("name"));
    assertEquals("nestbed.pool-resize-demo.steps", resize.getAttribute("classname"));
    assertEquals("1.840", resize.getAttribute("time"));
    assertTrue(resize.getTextContent().contains("seen-after.vcpus = 830 ms"), resize.getTextContent());
    assertEquals("05.2 move p1 to cells n2", cases.get(6).getAttribute("name"));
    assertEquals("nestbed.pool-resize-demo.expect", cases.get(9).getAttribute("classname"));
    assertEquals("p2 heartbeat-gap <= 2s", cases.get(9).getAttribute("name"));
  }

  @Test
  void notSupportedIsAFailureThatCarriesTheMessage() throws Exception {
    Element move = cases(suite(write(SampleRun.create()))).get(6);

    Element failure = (Element) move.getElementsByTagName("failure").item(0);
    assertEquals("move inside a pool is not supported by the nested backend yet; try migrate",
        failure.getAttribute("message"));
    assertEquals("NOT_SUPPORTED", failure.getAttribute("type"));
  }

  @Test
  void metricsBecomePropertiesOfTheirTestCase() throws Exception {
    Element wait = cases(suite(write(SampleRun.create()))).get(1);

    Element property = (Element) wait.getElementsByTagName("property").item(0);
    assertEquals("p1.first-heartbeat", property.getAttribute("name"));
    assertEquals("17030 ms", property.getAttribute("value"));
  }

  @Test
  void messagesWithMarkupAndControlCharactersStillMakeValidXml() throws Exception {
    String message = "qemu said <error code=\"1\"> & \u0001\u001b[31mred\u001b[0m ]]> \ud83d\ude80 \ud800";
    RunRecord run = withSteps(List.of(SampleRun.step("0", "start", List.of("p<1>"), "start \"p<1>\"", 0, 10,
        Outcome.FAILED, message, Map.of())), List.of());

    Element failure = (Element) suite(write(run)).getElementsByTagName("failure").item(0);

    assertTrue(failure.getAttribute("message").startsWith("qemu said <error code=\"1\"> & \ufffd"),
        failure.getAttribute("message"));
    assertTrue(failure.getAttribute("message").contains("\ud83d\ude80"), "a valid emoji was mangled");
  }

  @Test
  void aRunThatFailedOutsideEveryStepGetsATestCaseOfItsOwn() throws Exception {
    RunRecord run = withSteps(List.of(), List.of());

    List<Element> cases = cases(suite(write(run)));

    assertEquals(1, cases.size());
    assertEquals("run", cases.get(0).getAttribute("name"));
    assertEquals("cannot boot n1", ((Element) cases.get(0).getElementsByTagName("failure").item(0))
        .getAttribute("message"));
  }

  @Test
  void anInterruptedStepIsAnError() throws Exception {
    RunRecord run = withSteps(List.of(SampleRun.step("0", "wait", List.of(), "wait for 5m", 0, 10,
        Outcome.INTERRUPTED, "the run was interrupted", Map.of())), List.of(new ExpectationRecord("p1 alive",
            "alive", "not measured", Outcome.SKIPPED, "")));

    Element suite = suite(write(run));

    assertEquals("1", suite.getAttribute("errors"));
    assertEquals("1", suite.getAttribute("skipped"));
    assertEquals(2, cases(suite).size());
  }

  private static RunRecord withSteps(List<StepRecord> steps, List<ExpectationRecord> expectations) {
    RunRecord s = SampleRun.create();
    return new RunRecord(s.scenario(), s.scenarioFile(), s.runId(), s.startedAt(), s.accelerator(), 10,
        Outcome.FAILED, "cannot boot n1", s.phases(), s.topology(), steps, expectations, List.of(), List.of(), List.of());
  }

  private Path write(RunRecord run) throws Exception {
    Path file = dir.resolve("junit.xml");
    JunitXml.write(run, file);
    return file;
  }

  private static Element suite(Path file) throws Exception {
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    assertEquals("testsuites", doc.getDocumentElement().getTagName());
    return (Element) doc.getElementsByTagName("testsuite").item(0);
  }

  private static List<Element> cases(Element suite) {
    NodeList nodes = suite.getElementsByTagName("testcase");
    List<Element> cases = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      cases.add((Element) nodes.item(i));
    }
    return cases;
  }
}
