package dev.nestbed.scenario.report;

import dev.nestbed.scenario.kind.StepKinds;
import dev.nestbed.scenario.record.ExpectationRecord;
import dev.nestbed.scenario.record.Metric;
import dev.nestbed.scenario.record.Outcome;
import dev.nestbed.scenario.record.RunRecord;
import dev.nestbed.scenario.record.StepRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The test cases of a run's junit.xml: one per step that does something (a parallel group is shown
 * by its children, whose outcomes make its own, so that it fails once and its time counts once) and
 * one per expectation. A run that failed outside every step (a node that never booted) gets one
 * more, "run", so that it cannot show green.
 *
 * <p>CI systems know a test by its name and track it from run to run, so a step is named by its
 * kind and subjects ("migrate p1 to other"), not by its position: inserting a step renames no
 * other. Equal names are numbered in order from the second on ("wait p1", "wait p1 #2").
 */
final class JunitCases {
  /**
   * One test case.
   *
   * @param group the last part of the classname: "steps", "expect" or "run"
   * @param details what CI shows beside the outcome: the step's number and summary, when it ran,
   *     what it measured; or what an expectation required and what was measured
   */
  record Case(
      String group, String name, long timeMs, Outcome outcome, String message, String details) {
    /** The child element of the test case: "failure", "error", "skipped", or "" for a pass. */
    String element() {
      if (outcome == null) {
        return "error";
      }
      return switch (outcome) {
        case PASSED -> "";
        case FAILED, TIMED_OUT, NOT_SUPPORTED -> "failure";
        case SKIPPED -> "skipped";
        case INTERRUPTED, ERROR -> "error";
      };
    }
  }

  private JunitCases() {}

  static List<Case> of(RunRecord run) {
    List<Case> cases = new ArrayList<>();
    for (StepRows.Row row : StepRows.of(run.steps())) {
      StepRecord step = row.step();
      List<StepRecord> children = Objects.requireNonNullElse(step.children(), List.of());
      // A group that ran is shown by its children, which carry its outcome and its time; the group
      // itself only if it failed while none of them did, and then without time (they carry it).
      boolean shown =
          children.isEmpty()
              || (failed(step.outcome()) && children.stream().noneMatch(c -> failed(c.outcome())));
      if (shown) {
        cases.add(
            new Case(
                "steps",
                stepName(step),
                children.isEmpty() ? row.durationMs() : 0,
                step.outcome(),
                step.message(),
                stepDetails(row)));
      }
    }
    for (ExpectationRecord e :
        Objects.requireNonNullElse(run.expectations(), List.<ExpectationRecord>of())) {
      String message =
          e.outcome() == Outcome.FAILED && blank(e.message())
              ? "expected " + e.expected() + ", measured " + e.measured()
              : e.message();
      cases.add(
          new Case(
              "expect",
              blank(e.description()) ? "expectation" : e.description(),
              0,
              e.outcome(),
              message,
              "expected: " + e.expected() + "\nmeasured: " + e.measured()));
    }
    if (run.outcome() != Outcome.PASSED && cases.stream().noneMatch(c -> failed(c.outcome()))) {
      cases.add(
          new Case(
              "run",
              "run",
              0,
              Objects.requireNonNullElse(run.outcome(), Outcome.FAILED),
              run.message(),
              "the run ended "
                  + run.outcome()
                  + " outside any step, after "
                  + HumanFormat.duration(run.wallMs())));
    }
    return numbered(cases);
  }

  /**
   * The time the steps took, each moment once: the sum of the top-level steps, a parallel group by
   * its own span (not by its children's, which overlap).
   */
  static long stepsMs(RunRecord run) {
    return Objects.requireNonNullElse(run.steps(), List.<StepRecord>of()).stream()
        .mapToLong(s -> Math.max(0, s.endMs() - s.startMs()))
        .sum();
  }

  /**
   * "migrate p1 to other", "add-node n3 to big", "wait p1, p2", "wait": the kind and its subjects,
   * in the order the step's spec lists them (a migration: partition, pool; a node: pool, node).
   */
  static String stepName(StepRecord step) {
    String kind = blank(step.kind()) ? "step" : step.kind();
    List<String> s = Objects.requireNonNullElse(step.subjects(), List.of());
    String subjects =
        StepKinds.named(kind)
            .<String>map(k -> k.subjectsNamed(s))
            .orElseGet(() -> String.join(", ", s));
    return subjects.isEmpty() ? kind : kind + " " + subjects;
  }

  private static String stepDetails(StepRows.Row row) {
    StepRecord s = row.step();
    StringBuilder out =
        new StringBuilder("step ")
            .append(row.number())
            .append(": ")
            .append(Objects.requireNonNullElse(s.summary(), s.kind()))
            .append("\nfrom ")
            .append(HumanFormat.duration(s.startMs()))
            .append(" to ")
            .append(HumanFormat.duration(s.endMs()))
            .append(" after the run started");
    Objects.requireNonNullElse(s.metrics(), Map.<String, Metric>of())
        .forEach(
            (name, value) ->
                out.append('\n').append(name).append(" = ").append(HumanFormat.metric(value)));
    return out.toString();
  }

  /** Numbers equal names of a group in order, the first one as it is. */
  private static List<Case> numbered(List<Case> cases) {
    Map<String, Integer> seen = new HashMap<>();
    List<Case> out = new ArrayList<>();
    for (Case c : cases) {
      int n = seen.merge(c.group() + "\n" + c.name(), 1, Integer::sum);
      out.add(
          n == 1
              ? c
              : new Case(
                  c.group(),
                  c.name() + " #" + n,
                  c.timeMs(),
                  c.outcome(),
                  c.message(),
                  c.details()));
    }
    return out;
  }

  /** Whether an outcome shows as a failure or an error (a skip does not). */
  private static boolean failed(Outcome outcome) {
    return outcome != Outcome.PASSED && outcome != Outcome.SKIPPED;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
