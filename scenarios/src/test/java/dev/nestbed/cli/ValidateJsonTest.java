package dev.nestbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nestbed.scenario.report.HumanFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code validate --json} gives the verdict the text gives, fact for fact, on stdout alone. */
class ValidateJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static List<Path> examples() throws IOException {
    return ExamplesTest.examples();
  }

  static List<Path> invalid() throws IOException {
    try (Stream<Path> files =
        Files.list(NestbedProcess.HOME.resolve("scenarios/src/test/resources/invalid"))) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void aValidScenarioCarriesItsCountsAndExitCode(Path example) throws IOException {
    InProcessCli text = InProcessCli.run("validate", example.toString());
    InProcessCli json = InProcessCli.run("validate", "--json", example.toString());

    assertEquals(0, json.exitCode(), json.stderr());
    assertEquals("", json.stderr());
    JsonNode verdict = JSON.readTree(json.stdout());
    assertTrue(verdict.get("valid").asBoolean());
    assertEquals(text.exitCode(), verdict.get("exitCode").asInt());
    assertEquals(0, verdict.get("problems").size());
    JsonNode counts = verdict.get("counts");
    assertEquals(
        String.format(
            "%s: valid (%s, %s, %s, %s, %s)%n",
            verdict.get("file").asText(),
            HumanFormat.count(counts.get("nodes").asLong(), "node"),
            HumanFormat.count(counts.get("pools").asLong(), "pool"),
            HumanFormat.count(counts.get("partitions").asLong(), "partition"),
            HumanFormat.count(counts.get("steps").asLong(), "step"),
            HumanFormat.count(counts.get("expectations").asLong(), "expectation")),
        text.stdout());
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void anInvalidScenarioCarriesEveryProblemOfTheText(Path file) throws IOException {
    InProcessCli text = InProcessCli.run("validate", file.toString());
    InProcessCli json = InProcessCli.run("validate", "--json", file.toString());

    assertEquals(2, json.exitCode(), json.stderr());
    assertEquals("", json.stderr());
    JsonNode verdict = JSON.readTree(json.stdout());
    assertEquals(false, verdict.get("valid").asBoolean());
    assertEquals(text.exitCode(), verdict.get("exitCode").asInt());
    List<String> rebuilt = new ArrayList<>();
    for (JsonNode problem : verdict.get("problems")) {
      assertEquals(
          problem.get("location").asText(),
          problem.get("file").asText()
              + ":"
              + problem.get("line").asInt()
              + ":"
              + problem.get("column").asInt());
      rebuilt.add(problem.get("location").asText() + ": " + problem.get("message").asText());
      if (!problem.get("hint").isNull()) {
        rebuilt.add("  hint: " + problem.get("hint").asText());
      }
    }
    rebuilt.add(
        file
            + ": "
            + HumanFormat.count(verdict.get("problems").size(), "problem")
            + "; nothing was started");
    assertEquals(String.join("\n", rebuilt) + "\n", text.stderr());
  }

  @Test
  void aFileThatCannotBeReadIsOneProblemWithItsHint(@TempDir Path dir) throws IOException {
    Path missing = dir.resolve("missing.yaml");
    InProcessCli text = InProcessCli.run("validate", missing.toString());
    InProcessCli json = InProcessCli.run("validate", "--json", missing.toString());

    assertEquals(2, json.exitCode());
    JsonNode problem = JSON.readTree(json.stdout()).get("problems").get(0);
    assertTrue(problem.get("line").isNull());
    assertEquals(
        "error: "
            + problem.get("message").asText()
            + "\nhint: "
            + problem.get("hint").asText()
            + "\n",
        text.stderr());
  }
}
