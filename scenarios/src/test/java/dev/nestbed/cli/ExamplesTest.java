package dev.nestbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nestbed.scenario.parse.ScenarioLoader;
import dev.nestbed.scenario.plan.ScenarioPlan;
import dev.nestbed.scenario.plan.ScenarioPlanner;
import dev.nestbed.scenario.spec.ScenarioSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped example parses and plans, so documentation cannot drift from the code. */
class ExamplesTest {
  static List<Path> examples() throws IOException {
    Path dir = NestbedProcess.HOME.resolve("scenarios/examples");
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  /** The examples that run for real: those of real nodes (a simulated one defines no domains). */
  static List<Path> realExamples() throws IOException {
    List<Path> real = new java.util.ArrayList<>();
    for (Path example : examples()) {
      if (!"sim".equals(ScenarioLoader.load(example).nodes().provider())) {
        real.add(example);
      }
    }
    return real;
  }

  /** The scenarios 'nestbed bench calibrate' runs, which its users read as examples too. */
  static List<Path> calibrationScenarios() throws IOException {
    try (Stream<Path> files = Files.list(NestbedProcess.HOME.resolve("scenarios/calibrate"))) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @ParameterizedTest
  @MethodSource({"examples", "calibrationScenarios"})
  void parsesAndPlans(Path example) {
    ScenarioSpec spec = ScenarioLoader.load(example);
    ScenarioPlan plan = ScenarioPlanner.plan(spec);
    assertEquals(
        spec.partitions().size(),
        plan.placements().size(),
        example + " leaves a partition unplaced");
  }
}
