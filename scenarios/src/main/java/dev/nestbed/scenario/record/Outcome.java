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
  INTERRUPTED,
  /**
   * nestbed itself broke: an exception it did not expect (one of its own defects), not a result of
   * the experiment. Recorded with the error's type and message; the stack trace is in the logs.
   */
  ERROR;

  public boolean passed() {
    return this == PASSED;
  }

  /**
   * The worse of two outcomes, for a run that collects them: a defect over a failure over a pass.
   */
  public Outcome worst(Outcome other) {
    return severity() >= other.severity() ? this : other;
  }

  private int severity() {
    return switch (this) {
      case PASSED, SKIPPED -> 0;
      case NOT_SUPPORTED, TIMED_OUT, FAILED -> 1;
      case INTERRUPTED -> 2;
      case ERROR -> 3;
    };
  }
}
