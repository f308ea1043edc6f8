package dev.nestbed.scenario.kind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's tables of step and expectation kinds are the ones the kinds write: a kind added, or
 * a figure it records, shows up there or this fails. With {@code -Dnestbed.readme.write=true} it
 * rewrites them instead.
 */
class ReadmeTablesTest {
  private static final String HOW =
      "regenerate with: mvn -o -q -B test -pl scenarios -am"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dtest=ReadmeTablesTest -Dnestbed.readme.write=true";

  @Test
  void theStepTableIsTheOneTheKindsWrite() throws IOException {
    agrees(StepTable.BEGIN, StepTable.END, StepTable.markdown());
  }

  @Test
  void theExpectationTableIsTheOneTheExpectationKindsWrite() throws IOException {
    agrees(ExpectTable.BEGIN, ExpectTable.END, ExpectTable.markdown());
  }

  private static void agrees(String begin, String end, String generated) throws IOException {
    Path readme = readme();
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    int from = text.indexOf(begin + "\n");
    int to = text.indexOf(end, from + 1);
    assertTrue(from >= 0 && to > from, "README.md has the markers " + begin + " and " + end);
    String written = text.substring(from + begin.length() + 1, to);
    if (Boolean.getBoolean("nestbed.readme.write") && !written.equals(generated)) {
      Files.writeString(
          readme,
          text.substring(0, from + begin.length() + 1) + generated + text.substring(to),
          StandardCharsets.UTF_8);
      return;
    }
    assertEquals(
        generated,
        written,
        "README.md's table between "
            + begin
            + " and "
            + end
            + " is not what the step kinds say; "
            + HOW);
  }

  /** The repository's README: up from the test classes to the directory with the modules. */
  private static Path readme() {
    Path directory = Path.of("").toAbsolutePath();
    for (; directory != null; directory = directory.getParent()) {
      if (Files.exists(directory.resolve("README.md"))
          && Files.isDirectory(directory.resolve("scenarios"))) {
        return directory.resolve("README.md");
      }
    }
    throw new AssertionError("no README.md above " + Path.of("").toAbsolutePath());
  }
}
