package dev.nestbed.scenario.report;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nestbed.scenario.record.ExpectationRecord;
import dev.nestbed.scenario.record.Outcome;
import dev.nestbed.scenario.record.RunRecord;
import dev.nestbed.scenario.record.StepRecord;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.SAXException;

/**
 * junit.xml against the two schemas CI systems read it by: junit-10.xsd of Jenkins' xUnit plugin
 * and JUnit.xsd of Apache Ant (origin and licences in src/test/resources/junit-schemas/README.md),
 * checked inside the JVM; {@link JunitXmlSchemaIT} checks the same files with xmllint, as a CI host
 * would.
 */
class JunitXmlSchemaTest {
  static final List<String> SCHEMAS = List.of("junit-10.xsd", "JUnit.xsd");

  @TempDir Path dir;

  @Test
  void passingAndFailingRunsValidateInTheJvmAgainstBothSchemas() throws Exception {
    List<Path> files = writeSamples(dir);

    for (String schema : SCHEMAS) {
      Validator validator =
          SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
              .newSchema(schema(schema).toFile())
              .newValidator();
      for (Path file : files) {
        try {
          validator.validate(new StreamSource(file.toFile()));
        } catch (SAXException e) {
          fail(file.getFileName() + " is not valid against " + schema + ": " + e.getMessage(), e);
        }
      }
    }
  }

  /**
   * A passing run; the sample failing run (a failing parallel group, a skipped step, a failed
   * expectation); a run that failed before its steps; an interrupted one; markup in a message.
   */
  static List<Path> writeSamples(Path dir) throws IOException {
    RunRecord failing = SampleRun.create();
    Map<String, RunRecord> runs = new LinkedHashMap<>();
    runs.put("passing", SampleRun.passing());
    runs.put("failing", failing);
    runs.put(
        "failed-before-the-steps", variant(List.of(), List.of(), Outcome.FAILED, "cannot boot n1"));
    runs.put(
        "interrupted",
        variant(
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
                new ExpectationRecord("p1 alive", "alive", "not measured", Outcome.SKIPPED, "")),
            Outcome.INTERRUPTED,
            "interrupted; torn down"));
    runs.put(
        "markup",
        variant(
            List.of(
                SampleRun.step(
                    "0",
                    "start",
                    List.of("p<1>"),
                    "start \"p<1>\"",
                    0,
                    10,
                    Outcome.ERROR,
                    "qemu said <error code=\"1\"> & \u0001 ]]> \ud800",
                    Map.of())),
            List.of(),
            Outcome.ERROR,
            "nestbed defect"));
    List<Path> files = new ArrayList<>();
    for (Map.Entry<String, RunRecord> run : runs.entrySet()) {
      Path file = dir.resolve(run.getKey() + ".junit.xml");
      JunitXml.write(run.getValue(), file);
      files.add(file);
    }
    return files;
  }

  private static RunRecord variant(
      List<StepRecord> steps,
      List<ExpectationRecord> expectations,
      Outcome outcome,
      String message) {
    RunRecord s = SampleRun.create();
    return new RunRecord(
        s.scenario(),
        s.scenarioFile(),
        s.runId(),
        s.startedAt(),
        s.accelerator(),
        10,
        outcome,
        message,
        s.phases(),
        s.topology(),
        steps,
        expectations,
        List.of(),
        List.of(),
        List.of(),
        s.provenance());
  }

  static Path schema(String name) throws URISyntaxException {
    URL url = JunitXmlSchemaTest.class.getResource("/junit-schemas/" + name);
    assertTrue(url != null, "no test resource junit-schemas/" + name);
    return Path.of(url.toURI());
  }
}
