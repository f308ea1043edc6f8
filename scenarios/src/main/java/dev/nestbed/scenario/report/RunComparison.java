package dev.nestbed.scenario.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.nestbed.scenario.record.ExpectationRecord;
import dev.nestbed.scenario.record.Metric;
import dev.nestbed.scenario.record.Outcome;
import dev.nestbed.scenario.record.RunRecord;
import dev.nestbed.scenario.record.StepRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Two runs side by side: the steps of both, matched by name the way junit.xml names its test cases
 * (kind and subjects, equal names numbered from the second on), every metric of a step in both with
 * A, B, B−A and B/A, the steps only one run has, and the expectations (matched by description,
 * numbered the same way) with their outcomes. Serialized as is by {@code --json}.
 *
 * @param a the first run, the baseline
 * @param b the second run, compared with it
 * @param steps the steps both runs have, in A's order
 * @param onlyInA steps only A has
 * @param onlyInB steps only B has
 */
public record RunComparison(
    Run a,
    Run b,
    List<StepPair> steps,
    List<StepAlone> onlyInA,
    List<StepAlone> onlyInB,
    List<ExpectationPair> expectations,
    Summary summary) {

  /** Which run a side is. */
  public record Run(
      String file, String scenario, String runId, String startedAt, Outcome outcome, long wallMs) {}

  /** A step both runs have, with each run's outcome and every metric either recorded. */
  public record StepPair(
      String name, String summary, Outcome outcomeA, Outcome outcomeB, List<MetricRow> metrics) {
    boolean outcomeDiffers() {
      return outcomeA != outcomeB;
    }
  }

  /** A step only one run has. */
  public record StepAlone(String name, String summary, Outcome outcome) {}

  /**
   * One metric of a step: null where a run did not record it; {@code difference} (B−A) and {@code
   * ratio} (B/A) null where they are not defined (a side missing, units that differ, A 0).
   */
  public record MetricRow(
      String name,
      String unit,
      @Nullable Double a,
      @Nullable Double b,
      @Nullable Double difference,
      @Nullable Double ratio) {
    boolean differs() {
      return difference == null || difference != 0;
    }
  }

  /** An expectation of either run: null fields on the side that did not have it. */
  public record ExpectationPair(
      String description,
      String expected,
      @Nullable Outcome outcomeA,
      @Nullable String measuredA,
      @Nullable Outcome outcomeB,
      @Nullable String measuredB) {
    boolean differs() {
      return outcomeA != outcomeB || !Objects.equals(measuredA, measuredB);
    }
  }

  /** How much differs; all zero but the first two when the runs measured the same. */
  public record Summary(
      int stepsInBoth,
      int metricsCompared,
      int metricsDiffering,
      int stepOutcomesDiffering,
      int expectationsDiffering,
      int stepsOnlyInA,
      int stepsOnlyInB) {
    /** Nothing differs. */
    @JsonProperty("same")
    public boolean same() {
      return metricsDiffering
              + stepOutcomesDiffering
              + expectationsDiffering
              + stepsOnlyInA
              + stepsOnlyInB
          == 0;
    }
  }

  /** Compares run {@code b} (read from {@code fileB}) with run {@code a} (from {@code fileA}). */
  public static RunComparison of(String fileA, RunRecord a, String fileB, RunRecord b) {
    Map<String, StepRecord> stepsA = named(a.steps());
    Map<String, StepRecord> stepsB = named(b.steps());
    List<StepPair> both = new ArrayList<>();
    List<StepAlone> onlyA = new ArrayList<>();
    stepsA.forEach(
        (name, step) -> {
          StepRecord other = stepsB.get(name);
          if (other == null) {
            onlyA.add(new StepAlone(name, step.summary(), step.outcome()));
          } else {
            both.add(
                new StepPair(
                    name, step.summary(), step.outcome(), other.outcome(), metrics(step, other)));
          }
        });
    List<StepAlone> onlyB = new ArrayList<>();
    stepsB.forEach(
        (name, step) -> {
          if (!stepsA.containsKey(name)) {
            onlyB.add(new StepAlone(name, step.summary(), step.outcome()));
          }
        });
    List<ExpectationPair> expectations = expectations(a.expectations(), b.expectations());
    List<MetricRow> rows = both.stream().flatMap(p -> p.metrics().stream()).toList();
    Summary summary =
        new Summary(
            both.size(),
            rows.size(),
            (int) rows.stream().filter(MetricRow::differs).count(),
            (int) both.stream().filter(StepPair::outcomeDiffers).count(),
            (int) expectations.stream().filter(ExpectationPair::differs).count(),
            onlyA.size(),
            onlyB.size());
    return new RunComparison(
        run(fileA, a), run(fileB, b), both, onlyA, onlyB, expectations, summary);
  }

  private static Run run(String file, RunRecord r) {
    return new Run(file, r.scenario(), r.runId(), r.startedAt(), r.outcome(), r.wallMs());
  }

  /** Every step, a parallel group and then its children, by the name junit.xml gives it. */
  private static Map<String, StepRecord> named(List<StepRecord> steps) {
    Map<String, StepRecord> named = new LinkedHashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    for (StepRows.Row row : StepRows.of(steps)) {
      String name = JunitCases.stepName(row.step());
      int n = seen.merge(name, 1, Integer::sum);
      named.put(n == 1 ? name : name + " #" + n, row.step());
    }
    return named;
  }

  private static List<MetricRow> metrics(StepRecord a, StepRecord b) {
    Map<String, Metric> ma = Objects.requireNonNullElse(a.metrics(), Map.of());
    Map<String, Metric> mb = Objects.requireNonNullElse(b.metrics(), Map.of());
    Set<String> names = new LinkedHashSet<>(ma.keySet());
    names.addAll(mb.keySet());
    List<MetricRow> rows = new ArrayList<>();
    for (String name : names) {
      Metric x = ma.get(name);
      Metric y = mb.get(name);
      String unitA = x == null ? null : Objects.requireNonNullElse(x.unit(), "");
      String unitB = y == null ? null : Objects.requireNonNullElse(y.unit(), "");
      String unit =
          unitA == null
              ? Objects.requireNonNullElse(unitB, "")
              : unitB == null || unitA.equals(unitB) ? unitA : unitA + " | " + unitB;
      Double difference = null;
      Double ratio = null;
      if (x != null && y != null && unitA != null && unitA.equals(unitB)) {
        difference = y.value() - x.value();
        ratio = x.value() != 0 ? y.value() / x.value() : null;
      }
      rows.add(
          new MetricRow(
              name,
              unit,
              x == null ? null : x.value(),
              y == null ? null : y.value(),
              difference,
              ratio));
    }
    return rows;
  }

  private static List<ExpectationPair> expectations(
      List<ExpectationRecord> a, List<ExpectationRecord> b) {
    Map<String, ExpectationRecord> ea = described(a);
    Map<String, ExpectationRecord> eb = described(b);
    List<ExpectationPair> pairs = new ArrayList<>();
    Set<String> all = new LinkedHashSet<>(ea.keySet());
    all.addAll(eb.keySet());
    for (String description : all) {
      ExpectationRecord x = ea.get(description);
      ExpectationRecord y = eb.get(description);
      ExpectationRecord either =
          Objects.requireNonNull(x != null ? x : y, "each description is from a or b");
      pairs.add(
          new ExpectationPair(
              description,
              either.expected(),
              x == null ? null : x.outcome(),
              x == null ? null : x.measured(),
              y == null ? null : y.outcome(),
              y == null ? null : y.measured()));
    }
    return pairs;
  }

  private static Map<String, ExpectationRecord> described(List<ExpectationRecord> expectations) {
    Map<String, ExpectationRecord> described = new LinkedHashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    for (ExpectationRecord e :
        Objects.requireNonNullElse(expectations, List.<ExpectationRecord>of())) {
      String description = Objects.requireNonNullElse(e.description(), "expectation");
      int n = seen.merge(description, 1, Integer::sum);
      described.put(n == 1 ? description : description + " #" + n, e);
    }
    return described;
  }
}
