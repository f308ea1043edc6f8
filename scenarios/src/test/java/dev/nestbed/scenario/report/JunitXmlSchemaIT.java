package dev.nestbed.scenario.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The junit.xml samples of {@link JunitXmlSchemaTest}, checked with xmllint (Debian's
 * libxml2-utils, installed by ci/setup-host.sh) against both schemas, as a CI host would. A host
 * without xmllint fails the test rather than skip it: a skipped check would pass unnoticed.
 */
class JunitXmlSchemaIT {
  @TempDir Path dir;

  @Test
  void passingAndFailingRunsValidateWithXmllintAgainstBothSchemas() throws Exception {
    List<Path> files = JunitXmlSchemaTest.writeSamples(dir);

    for (String schema : JunitXmlSchemaTest.SCHEMAS) {
      List<String> command =
          new ArrayList<>(
              List.of(
                  "xmllint", "--noout", "--schema", JunitXmlSchemaTest.schema(schema).toString()));
      files.forEach(f -> command.add(f.toString()));
      String output = run(command);
      for (Path file : files) {
        assertTrue(
            output.contains(file + " validates"), "xmllint against " + schema + ":\n" + output);
      }
    }
  }

  /** Runs a command to its end and returns what it printed, both streams. */
  private static String run(List<String> command) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError(
          command.get(0)
              + " cannot be run ("
              + e.getMessage()
              + "); it comes with the Debian"
              + " package libxml2-utils: run ci/setup-host.sh as root",
          e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "xmllint did not finish within 60 s");
    assertEquals(0, process.exitValue(), String.join(" ", command) + ":\n" + output);
    return output;
  }
}
