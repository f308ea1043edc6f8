package dev.nestbed.scenario.record;

/** How a step, an expectation or a whole run ended. */
public enum Outcome {
  PASSED,
  FAILED,
  /** The step ran past its timeout and was stopped. */
  TIMED_OUT,
  /** The step's engine does not exist yet for this backend; never silently passed. */
  NOT_SUPPORTED,
  /** Not run, because an earlier step failed or the run was interrupted. */
  SKIPPED,
  INTERRUPTED;

  public boolean passed() {
    return this == PASSED;
  }
}
