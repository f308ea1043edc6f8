package dev.nestbed.scenario.sim;

import dev.nestbed.scenario.record.Metric;
import dev.nestbed.scenario.record.Outcome;
import dev.nestbed.scenario.record.TimeSeries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one simulated step did: how long it took in simulated time, the figures its kind records
 * (the same names a real run records), how it ended, and the series it drew for the report's plots
 * (times in milliseconds of simulated time since the run began, as a real run's are).
 */
record Simulated(
    long durationMs,
    Map<String, Metric> metrics,
    Outcome outcome,
    String message,
    List<TimeSeries> series) {
  Simulated(long durationMs, Map<String, Metric> metrics, Outcome outcome, String message) {
    this(durationMs, metrics, outcome, message, new ArrayList<>());
  }

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
    return new Simulated(ms, metrics, outcome, message, series);
  }
}
