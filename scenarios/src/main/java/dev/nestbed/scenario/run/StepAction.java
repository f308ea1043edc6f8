package dev.nestbed.scenario.run;

import dev.nestbed.scenario.record.Metric;
import java.time.Duration;
import java.util.Map;

/** The work of one step kind; returns what it measured. Throws to fail the step. */
interface StepAction {
  Map<String, Metric> run(RunState state) throws Exception;

  /**
   * How long the step may run past its own timeout, asked before it runs: a migration is aborted at
   * its timeout and then still checks the partition, which takes its agent's time.
   */
  default Duration overrun(RunState state) {
    return Duration.ZERO;
  }

  /** Said about a step that passed (what it could not do that is not a failure); read after run. */
  default String note() {
    return "";
  }
}
