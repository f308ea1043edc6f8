package dev.nestbed.scenario.run;

import dev.nestbed.scenario.kind.StepKinds;
import dev.nestbed.scenario.spec.StepSpec;

/**
 * One line per step for people: "resize p1 to 2 vCPUs, 192MiB". Each kind words its own; this stays
 * as the run's one entry point to them.
 */
final class StepSummaries {
  private StepSummaries() {}

  static String of(StepSpec step) {
    return StepKinds.of(step).summarize(step);
  }
}
