package dev.nestbed.scenario.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestbed.scenario.record.Outcome;
import dev.nestbed.scenario.record.RunRecord;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsJsonTest {
  @TempDir Path dir;

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
    assertEquals(
        List.of(
            "path",
            "kind",
            "subjects",
            "summary",
            "startMs",
            "endMs",
            "outcome",
            "message",
            "metrics",
            "children"),
        fieldNames(root.get("steps").get(0)));
    assertEquals(
        List.of("plan", "nodes", "boot", "steps", "teardown"), fieldNames(root.get("phases")));
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
    RunRecord run =
        new RunRecord(
            "s",
            "s.yaml",
            "nb-1",
            "2025-01-01T00:00:00Z",
            "KVM",
            12,
            Outcome.FAILED,
            "cannot start node n1: <qemu> said \"no\"",
            Map.of("plan", 12L),
            null,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            null,
            null);
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
    IOException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IOException.class,
            () -> {
              Files.writeString(file, "{ \"scenario\" : ");
              ResultsJson.read(file);
            });
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void theProvenanceBlockParsesAndCarriesEveryField() throws Exception {
    JsonNode provenance =
        new ObjectMapper().readTree(ResultsJson.toJson(SampleRun.create())).get("provenance");

    assertEquals(
        List.of("nestbed", "commandLine", "host", "accelerator", "nodes", "scenario"),
        fieldNames(provenance));
    assertEquals("0.1.0-SNAPSHOT", provenance.at("/nestbed/version/value").asText());
    assertEquals(
        "bd69333c0b7e2f4a9d1e5c8b3a6f0e2d4c7b9a18",
        provenance.at("/nestbed/commit/value").asText());
    List<String> commandLine = new ArrayList<>();
    provenance.get("commandLine").forEach(word -> commandLine.add(word.asText()));
    assertEquals(
        List.of(
            "nestbed",
            "run",
            "scenarios/examples/pool-resize-demo.yaml",
            "--out",
            "runs/monday morning"),
        commandLine);
    assertEquals("6.1.0-27-amd64", provenance.at("/host/kernel/value").asText());
    assertEquals(
        "QEMU emulator version 10.0.2 (Debian 1:10.0.2+ds-2+deb13u1~bpo12+1)",
        provenance.at("/host/qemu/value").asText());
    assertEquals(
        "TCG (no /dev/kvm; guests are emulated)", provenance.at("/accelerator/value").asText());
    assertEquals(List.of("name", "provider", "about"), fieldNames(provenance.at("/nodes/0")));
    assertEquals("n3", provenance.at("/nodes/2/name").asText());
    assertEquals(List.of("path", "sha256", "text"), fieldNames(provenance.get("scenario")));
    assertEquals(SampleRun.SCENARIO_TEXT, provenance.at("/scenario/text").asText());
  }

  @Test
  void aFactThatCouldNotBeReadHasNoValueOnlyWhy() throws Exception {
    JsonNode libvirt =
        new ObjectMapper()
            .readTree(ResultsJson.toJson(SampleRun.create()))
            .at("/provenance/host/libvirt");

    assertEquals(List.of("whyUnknown"), fieldNames(libvirt));
    assertTrue(
        libvirt.get("whyUnknown").asText().startsWith("libvirtd is not installed"),
        libvirt.toString());
  }

  @Test
  void theScenarioHashIsTheSha256OfTheRecordedText() throws Exception {
    JsonNode scenario =
        new ObjectMapper()
            .readTree(ResultsJson.toJson(SampleRun.create()))
            .at("/provenance/scenario");
    byte[] text = scenario.get("text").asText().getBytes(StandardCharsets.UTF_8);

    assertEquals(
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text)),
        scenario.get("sha256").asText());
  }

  @Test
  void resultsOfANestbedThatRecordedNoProvenanceStillRead() throws IOException {
    Path file = dir.resolve("results.json");
    ResultsJson.write(SampleRun.create(), file);
    ObjectNode root = (ObjectNode) new ObjectMapper().readTree(file.toFile());
    root.remove("provenance");
    Files.writeString(file, root.toString());

    RunRecord read = ResultsJson.read(file);

    assertNull(read.provenance());
    assertEquals(SampleRun.create().steps(), read.steps());
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
