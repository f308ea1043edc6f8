package dev.nestbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nestbed.scenario.parse.ScenarioLoader;
import dev.nestbed.scenario.plan.ScenarioPlanner;
import dev.nestbed.scenario.spec.ScenarioSpec;
import org.junit.jupiter.api.Test;

/** The validate bench times valid scenarios: what it generates validates and plans. */
class ValidateBenchTest {
  @Test
  void theGeneratedScenarioIsValidAndOfTheSizeAskedFor() {
    ScenarioSpec spec =
        ScenarioLoader.load(
            "generated.yaml", ValidateBenchCommand.GeneratedScenario.text(24, 768, 400));
    assertEquals(24, spec.nodes().hosts().size());
    assertEquals(3, spec.pools().size());
    assertEquals(768, spec.partitions().size());
    assertEquals(400, spec.steps().size());
    assertEquals(768, ScenarioPlanner.plan(spec).placements().size());
  }

  @Test
  void beyondOneRunsAddressPlanItIsWrittenForSimulatedNodesAndStillValid() {
    ScenarioSpec spec =
        ScenarioLoader.load(
            "generated.yaml", ValidateBenchCommand.GeneratedScenario.text(1024, 2048, 40));
    assertEquals("sim", spec.nodes().provider());
    assertEquals(128, spec.pools().size());
    assertEquals(2048, ScenarioPlanner.plan(spec).placements().size());
  }
}
