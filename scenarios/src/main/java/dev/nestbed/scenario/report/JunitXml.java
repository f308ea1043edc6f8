package dev.nestbed.scenario.report;

import dev.nestbed.scenario.record.RunRecord;
import dev.nestbed.scenario.record.Simulation;
import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * junit.xml: the test cases of {@link JunitCases} as one test suite, so CI systems show a run like
 * a test run. NOT_SUPPORTED is a failure, never a silent pass; INTERRUPTED is an error.
 *
 * <p>The file is valid against both schemas CI tools check such files with, the JUnit schema of
 * Jenkins' xUnit plugin (junit-10.xsd) and Apache Ant's (JUnit.xsd), which together shape it: a
 * bare {@code <testsuites>}; one {@code <testsuite>} with the run's facts as properties, a time
 * stamp in UTC without zone, and a host name; test cases holding nothing but their outcome; their
 * details (when, what was measured) in the suite's {@code <system-out>}, one block per case.
 */
final class JunitXml {
  static final String FILE_NAME = "junit.xml";

  private static final DateTimeFormatter ANT_TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private JunitXml() {}

  static void write(RunRecord run, Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      write(run, JunitCases.of(run), xml);
      xml.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void write(RunRecord run, List<JunitCases.Case> cases, XMLStreamWriter xml)
      throws XMLStreamException {
    String scenario =
        run.scenario() == null || run.scenario().isBlank() ? "scenario" : run.scenario();
    xml.writeStartDocument("UTF-8", "1.0");
    newline(xml, 0);
    xml.writeStartElement("testsuites");
    newline(xml, 1);
    xml.writeStartElement("testsuite");
    attribute(xml, "name", scenario);
    attribute(xml, "package", "nestbed");
    attribute(xml, "id", "0");
    attribute(xml, "tests", Integer.toString(cases.size()));
    attribute(xml, "failures", count(cases, "failure"));
    attribute(xml, "errors", count(cases, "error"));
    attribute(xml, "skipped", count(cases, "skipped"));
    attribute(xml, "time", seconds(JunitCases.stepsMs(run)));
    attribute(xml, "timestamp", timestamp(run.startedAt()));
    attribute(xml, "hostname", hostname());
    newline(xml, 2);
    properties(xml, run);
    for (JunitCases.Case c : cases) {
      newline(xml, 2);
      testcase(xml, "nestbed." + scenario + "." + c.group(), c);
    }
    newline(xml, 2);
    xml.writeStartElement("system-out");
    xml.writeCharacters(Markup.clean(systemOut(cases)));
    xml.writeEndElement();
    // Empty, but Ant's schema requires it.
    newline(xml, 2);
    xml.writeEmptyElement("system-err");
    newline(xml, 1);
    xml.writeEndElement();
    newline(xml, 0);
    xml.writeEndElement();
    newline(xml, 0);
    xml.writeEndDocument();
  }

  /** The run's facts; the phases too, since the suite's time is its steps' alone. */
  private static void properties(XMLStreamWriter xml, RunRecord run) throws XMLStreamException {
    xml.writeStartElement("properties");
    property(xml, "run-id", run.runId());
    property(xml, "scenario-file", run.scenarioFile());
    property(xml, "started-at", run.startedAt());
    property(xml, "accelerator", run.accelerator());
    Simulation simulation = run.simulation();
    if (simulation != null) {
      property(
          xml,
          "simulated",
          "calibrated on "
              + simulation.calibrationWhere()
              + ", "
              + simulation.calibrationWhen()
              + " ("
              + simulation.calibrationSource()
              + ")");
    }
    property(xml, "outcome", String.valueOf(run.outcome()));
    property(xml, "message", run.message());
    property(xml, "wall-time", seconds(run.wallMs()));
    for (Map.Entry<String, Long> phase :
        Objects.requireNonNullElse(run.phases(), Map.<String, Long>of()).entrySet()) {
      property(
          xml, "phase." + phase.getKey(), seconds(phase.getValue() == null ? 0 : phase.getValue()));
    }
    newline(xml, 2);
    xml.writeEndElement();
  }

  private static void testcase(XMLStreamWriter xml, String classname, JunitCases.Case c)
      throws XMLStreamException {
    String element = c.element();
    if (element.isEmpty()) {
      xml.writeEmptyElement("testcase");
    } else {
      xml.writeStartElement("testcase");
    }
    attribute(xml, "name", c.name());
    attribute(xml, "classname", classname);
    attribute(xml, "time", seconds(c.timeMs()));
    if (element.isEmpty()) {
      return;
    }
    newline(xml, 3);
    xml.writeStartElement(element);
    String message =
        c.message() == null || c.message().isBlank() ? String.valueOf(c.outcome()) : c.message();
    attribute(xml, "message", message);
    if (!element.equals("skipped")) {
      // Ant's schema allows no type on <skipped/> and requires one on the others.
      attribute(xml, "type", String.valueOf(c.outcome()));
      xml.writeCharacters(Markup.clean(c.outcome() + ": " + message + "\n" + c.details()));
    }
    xml.writeEndElement();
    newline(xml, 2);
    xml.writeEndElement();
  }

  /**
   * Every case's details under its name and outcome, since a test case may hold none of its own.
   */
  private static String systemOut(List<JunitCases.Case> cases) {
    StringBuilder out = new StringBuilder();
    for (JunitCases.Case c : cases) {
      out.append(out.length() == 0 ? "" : "\n\n")
          .append(c.group())
          .append(": ")
          .append(c.name())
          .append(": ")
          .append(c.outcome())
          .append(c.message() == null || c.message().isBlank() ? "" : ": " + c.message());
      for (String line : c.details().split("\n", -1)) {
        out.append("\n  ").append(line);
      }
    }
    return out.toString();
  }

  /**
   * When the run started, as Ant writes it: UTC, to the second, without a zone. A start that cannot
   * be read (a record made by hand) gives the epoch; the started-at property shows what it held.
   */
  static String timestamp(String startedAt) {
    try {
      return ANT_TIMESTAMP.format(Instant.parse(Objects.requireNonNullElse(startedAt, "")));
    } catch (DateTimeParseException e) {
      return ANT_TIMESTAMP.format(Instant.EPOCH);
    }
  }

  /** The host the run was driven from; "localhost" when it has no name, as Ant's schema says. */
  private static String hostname() {
    try {
      String name = InetAddress.getLocalHost().getHostName();
      return name == null || name.isBlank() ? "localhost" : name;
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  private static String count(List<JunitCases.Case> cases, String element) {
    return Long.toString(cases.stream().filter(c -> c.element().equals(element)).count());
  }

  private static void property(XMLStreamWriter xml, String name, String value)
      throws XMLStreamException {
    newline(xml, 3);
    xml.writeEmptyElement("property");
    attribute(xml, "name", name);
    attribute(xml, "value", value);
  }

  private static void attribute(XMLStreamWriter xml, String name, String value)
      throws XMLStreamException {
    xml.writeAttribute(name, Markup.clean(Objects.requireNonNullElse(value, "")));
  }

  private static void newline(XMLStreamWriter xml, int depth) throws XMLStreamException {
    xml.writeCharacters("\n" + "  ".repeat(depth));
  }

  private static String seconds(long ms) {
    return String.format(Locale.ROOT, "%.3f", Math.max(0, ms) / 1000.0);
  }
}
