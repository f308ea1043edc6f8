package dev.nestbed.scenario.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.nestbed.core.model.OperationCalibration;
import dev.nestbed.scenario.parse.ScenarioLoader;
import dev.nestbed.scenario.plan.ScenarioPlanner;
import dev.nestbed.scenario.record.Fact;
import dev.nestbed.scenario.record.Outcome;
import dev.nestbed.scenario.record.Provenance;
import dev.nestbed.scenario.record.RunRecord;
import dev.nestbed.scenario.record.StepRecord;
import dev.nestbed.scenario.report.ReportWriter;
import dev.nestbed.scenario.run.RunOrigin;
import dev.nestbed.scenario.spec.ScenarioSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped example, with its nodes simulated and its pools {@code backend: sim}, validates,
 * runs in simulated time with every step passing, and writes the three reports: the simulator
 * covers the whole language the examples use.
 */
class SimulatedExamplesTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path out;

  static List<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("../scenarios/examples"))) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void runsSimulatedWithEveryStepPassingAndWritesTheReports(Path example) throws Exception {
    String yaml = simulated(Files.readString(example));
    ScenarioSpec spec = ScenarioLoader.load(example.getFileName().toString(), yaml);

    RunRecord run =
        new SimulatedRun(
                spec,
                ScenarioPlanner.plan(spec),
                OperationCalibration.MEASURED_HERE,
                example.toString(),
                origin(yaml),
                Duration.ofMinutes(5))
            .run(0);
    ReportWriter.writeAll(run, out);

    for (StepRecord step : run.steps()) {
      assertEquals(Outcome.PASSED, step.outcome(), step.summary() + ": " + step.message());
    }
    assertNotNull(run.simulation());
    assertTrue(Files.size(out.resolve("results.json")) > 0);
    assertTrue(Files.readString(out.resolve("report.html")).contains("<b>Simulated.</b>"));
    assertTrue(Files.readString(out.resolve("junit.xml")).contains("name=\"simulated\""));
  }

  /**
   * The example with provider sim and every pool backend sim (a pool's uri and a node's uri and
   * image dropped).
   */
  static String simulated(String yaml) throws IOException {
    ObjectNode root = (ObjectNode) YAML.readTree(yaml);
    ObjectNode nodes = (ObjectNode) root.get("nodes");
    nodes.put("provider", "sim");
    nodes.remove("libvirt");
    for (JsonNode host : nodes.get("hosts")) {
      ((ObjectNode) host).remove("uri");
      ((ObjectNode) host).remove("image");
    }
    for (JsonNode pool : root.get("pools")) {
      ((ObjectNode) pool).put("backend", "sim");
      ((ObjectNode) pool).remove("uri");
    }
    return YAML.writeValueAsString(root);
  }

  private static RunOrigin origin(String yaml) {
    return new RunOrigin(
        new Provenance.Build(Fact.known("0.1.0"), Fact.unknown("not a checkout")),
        List.of("nestbed", "run"),
        new Provenance.Host(Fact.known("6.1.0"), Fact.known("none"), Fact.known("none")),
        Provenance.ScenarioSource.of("/example.yaml", yaml));
  }
}
