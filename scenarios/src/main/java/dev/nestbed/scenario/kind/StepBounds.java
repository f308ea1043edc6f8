package dev.nestbed.scenario.kind;

import dev.nestbed.core.value.TimeSpan;
import dev.nestbed.scenario.record.ExpectationRecord;
import dev.nestbed.scenario.record.Metric;
import dev.nestbed.scenario.record.Outcome;
import dev.nestbed.scenario.record.StepPaths;
import dev.nestbed.scenario.record.StepRecord;
import dev.nestbed.scenario.spec.Bound;
import dev.nestbed.scenario.spec.StepExpect;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Checks a step expectation ({@code {step: migrate, guest-downtime: {max: 2s}}}) against the steps
 * a run recorded: the last step of that kind (on that partition, when one is named), the figure its
 * kind records for the metric, within the bound. Real and simulated runs check the same way, from
 * the same records; a value that was never recorded fails, it does not pass.
 */
public final class StepBounds {
  private final List<StepRecord> steps;

  /** The checks over {@code steps}, parallel groups' children included. */
  public StepBounds(List<StepRecord> steps) {
    this.steps = flatten(steps);
  }

  /** One record per metric the expectation bounds. */
  public List<ExpectationRecord> check(StepExpect expect) {
    return expect.metrics().entrySet().stream()
        .map(m -> check(expect, m.getKey(), m.getValue()))
        .toList();
  }

  private ExpectationRecord check(StepExpect s, String metric, Bound bound) {
    Optional<StepRecord> step =
        steps.stream()
            .filter(r -> r.kind().equals(s.step()))
            .filter(r -> s.partition() == null || r.subjects().contains(s.partition()))
            .reduce((first, second) -> second);
    if (step.isEmpty()) {
      return record(
          s.describe(metric), bound.toString(), "not measured", false, "no such step ran");
    }
    OptionalDouble value = measure(step.get(), metric);
    if (value.isEmpty()) {
      return record(
          s.describe(metric),
          bound.toString(),
          "not measured",
          false,
          "step "
              + StepPaths.display(step.get().path())
              + " ("
              + step.get().outcome()
              + ") recorded no "
              + metric);
    }
    TimeSpan measured = TimeSpan.ofMillis(Math.round(value.getAsDouble()));
    return record(
        s.describe(metric),
        bound.toString(),
        measured.toString(),
        bound.contains(measured),
        "step " + StepPaths.display(step.get().path()));
  }

  /**
   * The value of an expectation metric on a step: the largest of the figures its kind records for
   * it (seen-after: of vCPUs and of memory). total-time is every step's own span unless the kind
   * records a narrower one: a migrate step records the migration's own time, without the checks
   * around it.
   */
  private static OptionalDouble measure(StepRecord step, String metric) {
    Optional<ExpectedMetric> known = ExpectedMetric.of(metric);
    if (known.isEmpty()) {
      return Optional.ofNullable(step.metrics().get(metric))
          .map(Metric::value)
          .map(OptionalDouble::of)
          .orElse(OptionalDouble.empty());
    }
    OptionalDouble recorded =
        StepKinds.named(step.kind()).stream()
            .flatMap(kind -> kind.measures().stream())
            .filter(m -> m.feeds() == known.get() && !m.perPartition())
            .map(m -> step.metrics().get(m.key()))
            .filter(Objects::nonNull)
            .mapToDouble(Metric::value)
            .max();
    if (!known.get().onEveryStep()) {
      return recorded;
    }
    return !step.outcome().passed()
        ? OptionalDouble.empty()
        : recorded.isPresent()
            ? recorded
            : OptionalDouble.of((double) (step.endMs() - step.startMs()));
  }

  /** An expectation's record: passed or failed, with what was expected and measured. */
  public static ExpectationRecord record(
      String description, String expected, String measured, boolean passed, String message) {
    return new ExpectationRecord(
        description, expected, measured, passed ? Outcome.PASSED : Outcome.FAILED, message);
  }

  private static List<StepRecord> flatten(List<StepRecord> steps) {
    List<StepRecord> all = new ArrayList<>();
    for (StepRecord step : steps) {
      all.add(step);
      all.addAll(flatten(step.children()));
    }
    return all;
  }
}
