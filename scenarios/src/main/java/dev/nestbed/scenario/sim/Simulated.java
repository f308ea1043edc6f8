package dev.nestbed.scenario.sim;

import dev.nestbed.scenario.record.Metric;
import dev.nestbed.scenario.record.Outcome;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one simulated step did: how long it took in simulated time, the figures its kind records
 * (the same names a real run records), and how it ended.
 */
record Simulated(long durationMs, Map<String, Metric> metrics, Outcome outcome, String message) {
  /** A step that passed after {@code durationMs}, its figures still to be recorded. */
  static Simulated passed(long durationMs) {
    return new Simulated(durationMs, new LinkedHashMap<>(), Outcome.PASSED, "");
  }

  /** A step the model says cannot succeed, and why, after {@code durationMs}. */
  static Simulated failed(long durationMs, String why) {
    return new Simulated(durationMs, new LinkedHashMap<>(), Outcome.FAILED, why);
  }

  /** The same step, with its duration extended to {@code durationMs}. */
  Simulated lasting(long ms) {
    return new Simulated(ms, metrics, outcome, message);
  }
}
