package dev.nestbed.scenario.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nestbed.scenario.record.Outcome;
import dev.nestbed.scenario.record.RunRecord;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsJsonTest {
  @TempDir
  Path dir;

  @Test
  void aRunRecordRoundTripsUnchanged() throws IOException {
    RunRecord run = SampleRun.create();
    Path file = dir.resolve("results.json");

    ResultsJson.write(run, file);

    assertEquals(run, ResultsJson.read(file));
  }

  @Test
  void fieldsComeInTheOrderTheRecordsDeclareThem() throws IOException {
    JsonNode root = new ObjectMapper().readTree(ResultsJson.toJson(SampleRun.create()));

    assertEquals(componentNames(RunRecord.class), fieldNames(root));
    assertEquals(List.of("path", "kind", "subjects", "summary", "startMs", "endMs", "outcome", "message", "metrics",
        "children"), fieldNames(root.get("steps").get(0)));
    assertEquals(List.of("plan", "nodes", "boot", "steps", "teardown"), fieldNames(root.get("phases")));
  }

  @Test
  void numbersAreJsonNumbersAndTheOutputIsPrettyPrinted() throws IOException {
    String json = ResultsJson.toJson(SampleRun.create());
    JsonNode root = new ObjectMapper().readTree(json);

    assertTrue(root.get("wallMs").isIntegralNumber(), json);
    assertTrue(root.get("steps").get(0).get("metrics").get("p1.define").get("value").isNumber());
    assertTrue(root.get("series").get(0).get("points").get(0).get("value").isNumber());
    assertEquals("FAILED", root.get("outcome").asText());
    assertTrue(json.contains("\n  \"scenario\" : \"pool-resize-demo\""), json.substring(0, 200));
  }

  @Test
  void aRunThatEndedBeforeAnythingWasBuiltRoundTripsToo() throws IOException {
    RunRecord run = new RunRecord("s", "s.yaml", "nb-1", "2025-01-01T00:00:00Z", "KVM", 12, Outcome.FAILED,
        "cannot start node n1: <qemu> said \"no\"", Map.of("plan", 12L), null, List.of(), List.of(), List.of(), List.of(), null);
    Path file = dir.resolve("results.json");

    ResultsJson.write(run, file);

    assertEquals(run, ResultsJson.read(file));
  }

  @Test
  void fieldsANewerNestbedAddsAreIgnoredOnReading() throws IOException {
    Path file = dir.resolve("results.json");
    ResultsJson.write(SampleRun.create(), file);
    Files.writeString(file, Files.readString(file).replaceFirst("\\{", "{ \"addedLater\" : 1,"));

    assertEquals(SampleRun.create(), ResultsJson.read(file));
  }

  @Test
  void anUnreadableFileNamesItself() {
    Path file = dir.resolve("broken.json");
    IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> {
      Files.writeString(file, "{ \"scenario\" : ");
      ResultsJson.read(file);
    });
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  private static List<String> componentNames(Class<? extends Record> type) {
    return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
