package dev.nestbed.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Damaged versions of the valid scenarios must be rejected with problems, never with another
 * exception: a user with a half-edited file should see what is wrong, not a stack trace.
 */
class RobustnessTest {
  private static final String[] SOURCES = {"scenario-md-example.yaml", "every-key.yaml"};
  private static final String[] DAMAGE = {
    "", "x", "-", ":", "[", "}", "0", "1.5", "true", " ", "~", "'", "max-", "p9", "n9", "{}", "[]"
  };

  private static List<String> lines(String name) throws Exception {
    Path file = Path.of(RobustnessTest.class.getResource("/valid/" + name).toURI());
    return Files.readAllLines(file);
  }

  private static Executable loadsOrReportsProblems(String label, String text) {
    return () -> {
      try {
        ScenarioLoader.load(label, text);
      } catch (ScenarioInvalidException e) {
        assertFalse(e.problems().isEmpty(), label);
      } catch (RuntimeException e) {
        throw new AssertionError(label + " threw " + e + " for:\n" + text, e);
      }
    };
  }

  @Test
  void everyPrefixAndEveryMissingLineIsReportedNotThrown() throws Exception {
    List<Executable> checks = new ArrayList<>();
    for (String source : SOURCES) {
      List<String> lines = lines(source);
      for (int i = 0; i < lines.size(); i++) {
        checks.add(
            loadsOrReportsProblems(
                source + " first " + i + " lines", String.join("\n", lines.subList(0, i))));
        List<String> without = new ArrayList<>(lines);
        without.remove(i);
        checks.add(
            loadsOrReportsProblems(
                source + " without line " + (i + 1), String.join("\n", without)));
      }
    }
    assertAll(checks);
  }

  @Test
  void randomDamageIsReportedNotThrown() throws Exception {
    Random random = new Random(42);
    List<Executable> checks = new ArrayList<>();
    for (String source : SOURCES) {
      String text = String.join("\n", lines(source));
      for (int i = 0; i < 1500; i++) {
        int at = random.nextInt(text.length());
        int length = random.nextInt(6);
        String damage = DAMAGE[random.nextInt(DAMAGE.length)];
        String damaged =
            text.substring(0, at) + damage + text.substring(Math.min(text.length(), at + length));
        checks.add(loadsOrReportsProblems(source + " damage " + i, damaged));
      }
    }
    assertAll(checks);
  }
}
