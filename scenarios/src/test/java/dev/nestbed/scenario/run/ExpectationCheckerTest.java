package dev.nestbed.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nestbed.core.value.TimeSpan;
import dev.nestbed.scenario.kind.ExpectKinds;
import dev.nestbed.scenario.kind.Measures;
import dev.nestbed.scenario.kind.StepKinds;
import dev.nestbed.scenario.record.ExpectationRecord;
import dev.nestbed.scenario.record.Metric;
import dev.nestbed.scenario.record.Outcome;
import dev.nestbed.scenario.record.StepRecord;
import dev.nestbed.scenario.spec.Bound;
import dev.nestbed.scenario.spec.ExpectSpec;
import dev.nestbed.scenario.spec.Location;
import dev.nestbed.scenario.spec.StepExpect;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Step expectations read what the step's kind says answers them, from the step's record. */
class ExpectationCheckerTest {
  private static final Location AT = new Location("t.yaml", 9, 5);
  private static final Bound AT_MOST_2S = new Bound(null, TimeSpan.ofSeconds(2));

  @Test
  void everyKindOfExpectationHasACheck() {
    assertEquals(Set.copyOf(ExpectKinds.ALL), Set.copyOf(ExpectationChecker.kinds()));
  }

  @Test
  void seenAfterIsTheLongerOfTheVcpuAndMemoryFigures() {
    Map<String, Metric> metrics = new LinkedHashMap<>();
    Measures.SEEN_AFTER_VCPUS.record(metrics, 300L);
    Measures.SEEN_AFTER_MEMORY.record(metrics, 2500L);
    Measures.VCPUS_ONLINE.record(metrics, 9000L); // not a time: never read as one
    ExpectationRecord seen =
        check(step("resize", 0, 4000, Outcome.PASSED, metrics), "resize", "seen-after");
    assertEquals("2.5s", seen.measured());
    assertEquals(Outcome.FAILED, seen.outcome());
  }

  @Test
  void totalTimeIsWhatTheKindRecordsElseTheStepsOwnSpan() {
    Map<String, Metric> migrated = new LinkedHashMap<>();
    Measures.TOTAL.record(migrated, 1200L);
    assertEquals(
        "1.2s",
        check(step("migrate", 0, 9000, Outcome.PASSED, migrated), "migrate", "total-time")
            .measured());
    assertEquals(
        "1.5s",
        check(step("wait", 500, 2000, Outcome.PASSED, Map.of()), "wait", "total-time").measured());
    assertEquals(
        "not measured",
        check(step("wait", 500, 2000, Outcome.FAILED, Map.of()), "wait", "total-time").measured());
  }

  @Test
  void aFigureRecordedPerPartitionDoesNotAnswerForTheStep() {
    Map<String, Metric> metrics = new LinkedHashMap<>();
    Measures.MOVED_GUEST_DOWNTIME.record(metrics, "p1", 700L);
    ExpectationRecord gap =
        check(step("rebalance", 0, 1, Outcome.PASSED, metrics), "rebalance", "guest-downtime");
    assertEquals("not measured", gap.measured());
    Measures.GUEST_DOWNTIME_GAP.record(metrics, 700L);
    assertEquals(
        Outcome.PASSED,
        check(step("rebalance", 0, 1, Outcome.PASSED, metrics), "rebalance", "guest-downtime")
            .outcome());
  }

  @Test
  void libvirtsDowntimeIsReadFromAMigration() {
    Map<String, Metric> metrics = new LinkedHashMap<>();
    Measures.LIBVIRT_DOWNTIME.record(metrics, 146L);
    assertEquals(
        "146ms",
        check(
                step(StepKinds.MIGRATE.keyword(), 0, 1, Outcome.PASSED, metrics),
                "migrate",
                "downtime")
            .measured());
  }

  private static StepRecord step(
      String kind, long start, long end, Outcome outcome, Map<String, Metric> metrics) {
    return new StepRecord(
        "0", kind, List.of("p1"), kind, start, end, outcome, "", metrics, List.of());
  }

  private static ExpectationRecord check(StepRecord record, String kind, String metric) {
    RunState state = new RunState(null, null, null, null, null);
    List<ExpectSpec> expect = List.of(new StepExpect(kind, "p1", Map.of(metric, AT_MOST_2S), AT));
    return new ExpectationChecker(state, List.of(record)).check(expect).get(0);
  }
}
