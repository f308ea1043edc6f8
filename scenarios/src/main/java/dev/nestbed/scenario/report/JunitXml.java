package dev.nestbed.scenario.report;

import dev.nestbed.scenario.record.ExpectationRecord;
import dev.nestbed.scenario.record.Metric;
import dev.nestbed.scenario.record.Outcome;
import dev.nestbed.scenario.record.RunRecord;
import dev.nestbed.scenario.record.StepRecord;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * junit.xml: one test case per step (children of parallel groups included) and per expectation,
 * so CI systems show a run like a test suite. NOT_SUPPORTED is a failure, never a silent pass;
 * INTERRUPTED is an error. A run that failed outside every step (a node that never booted) gets
 * one more test case, "run", so that it cannot show green.
 */
final class JunitXml {
  static final String FILE_NAME = "junit.xml";

  /** One test case before it is written. */
  private record Case(String name, String classname, long timeMs, Outcome outcome, String message,
      Map<String, Metric> metrics, String details) {}

  private JunitXml() {}

  static void write(RunRecord run, Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      write(run, cases(run), xml);
      xml.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static List<Case> cases(RunRecord run) {
    String prefix = "nestbed." + Objects.requireNonNullElse(run.scenario(), "scenario");
    List<Case> cases = new ArrayList<>();
    for (StepRows.Row row : StepRows.of(run.steps())) {
      StepRecord s = row.step();
      String details = "kind: " + s.kind()
          + "\nsubjects: " + String.join(", ", Objects.requireNonNullElse(s.subjects(), List.of()))
          + "\nfrom " + HumanFormat.duration(s.startMs()) + " to " + HumanFormat.duration(s.endMs())
          + " after the run started";
      cases.add(new Case(row.title(), prefix + ".steps", row.durationMs(), s.outcome(), s.message(), s.metrics(),
          details));
    }
    for (ExpectationRecord e : Objects.requireNonNullElse(run.expectations(), List.<ExpectationRecord>of())) {
      String message = e.outcome() == Outcome.FAILED && blank(e.message())
          ? "expected " + e.expected() + ", measured " + e.measured() : e.message();
      cases.add(new Case(e.description(), prefix + ".expect", 0, e.outcome(), message, Map.of(),
          "expected: " + e.expected() + "\nmeasured: " + e.measured()));
    }
    boolean shownFailed = cases.stream()
        .anyMatch(c -> c.outcome() != null && !c.outcome().passed() && c.outcome() != Outcome.SKIPPED);
    if (run.outcome() != Outcome.PASSED && !shownFailed) {
      cases.add(new Case("run", prefix + ".run", run.wallMs(), run.outcome() == null ? Outcome.FAILED : run.outcome(),
          run.message(), Map.of(), "the run ended " + run.outcome() + " outside any step"));
    }
    return cases;
  }

  private static void write(RunRecord run, List<Case> cases, XMLStreamWriter xml) throws XMLStreamException {
    long failures = cases.stream().filter(c -> kindOf(c.outcome()).equals("failure")).count();
    long errors = cases.stream().filter(c -> kindOf(c.outcome()).equals("error")).count();
    long skipped = cases.stream().filter(c -> kindOf(c.outcome()).equals("skipped")).count();
    String scenario = Objects.requireNonNullElse(run.scenario(), "scenario");
    xml.writeStartDocument("UTF-8", "1.0");
    newline(xml, 0);
    xml.writeStartElement("testsuites");
    counts(xml, "nestbed " + scenario, cases.size(), failures, errors, skipped, run.wallMs());
    newline(xml, 1);
    xml.writeStartElement("testsuite");
    counts(xml, scenario, cases.size(), failures, errors, skipped, run.wallMs());
    attribute(xml, "timestamp", run.startedAt());
    newline(xml, 2);
    xml.writeStartElement("properties");
    property(xml, "run-id", run.runId(), 3);
    property(xml, "scenario-file", run.scenarioFile(), 3);
    property(xml, "accelerator", run.accelerator(), 3);
    property(xml, "outcome", String.valueOf(run.outcome()), 3);
    property(xml, "message", run.message(), 3);
    newline(xml, 2);
    xml.writeEndElement();
    for (Case c : cases) {
      newline(xml, 2);
      testcase(xml, c);
    }
    newline(xml, 1);
    xml.writeEndElement();
    newline(xml, 0);
    xml.writeEndElement();
    newline(xml, 0);
    xml.writeEndDocument();
  }

  private static void testcase(XMLStreamWriter xml, Case c) throws XMLStreamException {
    xml.writeStartElement("testcase");
    attribute(xml, "name", c.name());
    attribute(xml, "classname", c.classname());
    attribute(xml, "time", seconds(c.timeMs()));
    Map<String, Metric> metrics = Objects.requireNonNullElse(c.metrics(), Map.of());
    if (!metrics.isEmpty()) {
      newline(xml, 3);
      xml.writeStartElement("properties");
      for (Map.Entry<String, Metric> m : metrics.entrySet()) {
        property(xml, m.getKey(), HumanFormat.metric(m.getValue()), 4);
      }
      newline(xml, 3);
      xml.writeEndElement();
    }
    String kind = kindOf(c.outcome());
    if (!kind.isEmpty()) {
      newline(xml, 3);
      xml.writeStartElement(kind);
      String message = blank(c.message()) ? String.valueOf(c.outcome()) : c.message();
      attribute(xml, "message", message);
      if (!kind.equals("skipped")) {
        attribute(xml, "type", String.valueOf(c.outcome()));
        xml.writeCharacters(Markup.clean(c.outcome() + ": " + message));
      }
      xml.writeEndElement();
    }
    newline(xml, 3);
    xml.writeStartElement("system-out");
    StringBuilder out = new StringBuilder(c.details());
    metrics.forEach((name, value) -> out.append('\n').append(name).append(" = ").append(HumanFormat.metric(value)));
    xml.writeCharacters(Markup.clean(out.toString()));
    xml.writeEndElement();
    newline(xml, 2);
    xml.writeEndElement();
  }

  /** The child element an outcome becomes: "" for a pass. */
  static String kindOf(Outcome outcome) {
    if (outcome == null) {
      return "error";
    }
    return switch (outcome) {
      case PASSED -> "";
      case FAILED, TIMED_OUT, NOT_SUPPORTED -> "failure";
      case SKIPPED -> "skipped";
      case INTERRUPTED, ERROR -> "error";
    };
  }

  private static void counts(XMLStreamWriter xml, String name, long tests, long failures, long errors, long skipped,
      long wallMs) throws XMLStreamException {
    attribute(xml, "name", name);
    attribute(xml, "tests", Long.toString(tests));
    attribute(xml, "failures", Long.toString(failures));
    attribute(xml, "errors", Long.toString(errors));
    attribute(xml, "skipped", Long.toString(skipped));
    attribute(xml, "time", seconds(wallMs));
  }

  private static void property(XMLStreamWriter xml, String name, String value, int depth) throws XMLStreamException {
    newline(xml, depth);
    xml.writeEmptyElement("property");
    attribute(xml, "name", name);
    attribute(xml, "value", value);
  }

  private static void attribute(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
    xml.writeAttribute(name, Markup.clean(Objects.requireNonNullElse(value, "")));
  }

  private static void newline(XMLStreamWriter xml, int depth) throws XMLStreamException {
    xml.writeCharacters("\n" + "  ".repeat(depth));
  }

  private static String seconds(long ms) {
    return String.format(Locale.ROOT, "%.3f", Math.max(0, ms) / 1000.0);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
