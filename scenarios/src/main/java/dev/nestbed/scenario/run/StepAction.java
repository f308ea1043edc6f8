package dev.nestbed.scenario.run;

import dev.nestbed.scenario.record.Metric;
import java.util.Map;

/** The work of one step kind; returns what it measured. Throws to fail the step. */
interface StepAction {
  Map<String, Metric> run(RunState state) throws Exception;

  /** Said about a step that passed (what it could not do that is not a failure); read after run. */
  default String note() {
    return "";
  }
}
