package dev.nestbed.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.nestbed.scenario.kind.ExpectKinds;
import dev.nestbed.scenario.kind.StepKind;
import dev.nestbed.scenario.kind.StepKinds;
import dev.nestbed.scenario.spec.ParallelStep;
import dev.nestbed.scenario.spec.ScenarioSpec;
import dev.nestbed.scenario.spec.StepSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The kinds bind what the language means: a fixture with every kind comes back as those kinds. */
class StepKindBindingTest {
  @Test
  void everyKindBindsToItsOwnSpecAndSummarizes() throws Exception {
    ScenarioSpec spec =
        ScenarioLoader.load(Path.of(getClass().getResource("/valid/every-key.yaml").toURI()));
    List<StepSpec> steps = flatten(spec.steps());
    Set<String> seen = new LinkedHashSet<>();
    List<Executable> checks = new ArrayList<>();
    for (StepSpec step : steps) {
      StepKind<?> kind = StepKinds.of(step);
      seen.add(kind.keyword());
      checks.add(
          () -> assertEquals(step.kind(), kind.keyword(), "the spec's keyword is its kind's"));
      checks.add(() -> assertFalse(kind.summarize(step).isBlank(), kind + " summarizes"));
    }
    assertAll(checks);
    assertEquals(Set.copyOf(StepKinds.keywords()), seen, "every-key.yaml has a step of every kind");
  }

  @Test
  void keysAndKeywordsComeFromTheKinds() {
    assertEquals(StepKinds.keywords(), Keys.STEP_KEYWORDS);
    StepKinds.ALL.forEach(
        kind -> assertEquals(kind.keyNames(), Keys.BY_DEFINITION.get(kind.keyword())));
    ExpectKinds.ALL.forEach(
        kind -> assertEquals(kind.keyNames(), Keys.BY_DEFINITION.get(kind.definition())));
    assertEquals(
        List.of("partition", "alive", "memory-intact", "vcpus-online", "on-cells", "heartbeat-gap"),
        ExpectKinds.PARTITION.keyNames());
    assertEquals(
        List.of("step", "partition", "guest-downtime", "downtime", "total-time", "seen-after"),
        ExpectKinds.STEP.keyNames());
    assertEquals(List.of("pool", "cells"), ExpectKinds.POOL.keyNames());
  }

  private static List<StepSpec> flatten(List<StepSpec> steps) {
    List<StepSpec> all = new ArrayList<>();
    for (StepSpec step : steps) {
      all.add(step);
      if (step instanceof ParallelStep group) {
        all.addAll(flatten(group.steps()));
      }
    }
    return all;
  }
}
