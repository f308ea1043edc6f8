package dev.nestbed.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus under {@code src/test/resources/invalid/}: each {@code NN-name.yaml} is rejected with
 * exactly the problems in {@code NN-name.expected}, one {@code file:line:col: message} line each,
 * hints indented below. Reviewing a change to a message means reading the diff of these files.
 */
class InvalidScenariosTest {

  static Stream<Path> scenarios() throws IOException, URISyntaxException {
    Path directory = Path.of(InvalidScenariosTest.class.getResource("/invalid").toURI());
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void isRejectedWithExactlyTheExpectedProblems(Path scenario) throws IOException {
    String name = scenario.getFileName().toString();
    Path expectedFile = scenario.resolveSibling(name.replace(".yaml", ".expected"));
    String expected = Files.readString(expectedFile).strip();

    ScenarioInvalidException e =
        assertThrows(
            ScenarioInvalidException.class,
            () -> ScenarioLoader.load(name, Files.readString(scenario)));

    String actual = e.problems().stream().map(Problem::format).collect(Collectors.joining("\n"));
    assertEquals(expected, actual);
    e.problems()
        .forEach(p -> assertTrue(e.getMessage().contains(p.format()), "the message lists " + p));
  }

  @Test
  void theCorpusIsLargeAndEveryScenarioHasItsExpectations() throws Exception {
    List<Path> all = scenarios().toList();
    assertTrue(all.size() >= 25, "at least 25 invalid scenarios, found " + all.size());
    for (Path scenario : all) {
      Path expected =
          scenario.resolveSibling(scenario.getFileName().toString().replace(".yaml", ".expected"));
      assertTrue(Files.exists(expected), "missing " + expected.getFileName());
      assertTrue(
          Files.readString(expected)
              .lines()
              .allMatch(
                  l -> l.startsWith(scenario.getFileName() + ":") || l.startsWith("  hint: ")),
          expected.getFileName() + " holds only problem lines and hints");
    }
  }
}
