package dev.nestbed.scenario.kind;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.scenario.spec.StepSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class StepKindsTest {
  @Test
  void everyStepSpecHasExactlyOneKindAndEveryKeywordOne() {
    Set<Class<?>> specs = Set.of(StepSpec.class.getPermittedSubclasses());
    Set<Class<?>> covered = new HashSet<>();
    StepKinds.ALL.forEach(
        kind -> assertTrue(covered.add(kind.type()), kind + " is registered once"));
    assertEquals(specs, covered, "the registry lists one kind per permitted StepSpec");
    assertEquals(
        StepKinds.ALL.size(), new HashSet<>(StepKinds.keywords()).size(), "keywords are unique");
  }

  @Test
  void everyKindDescribesItselfCompletely() {
    List<Executable> checks = new ArrayList<>();
    for (StepKind<?> kind : StepKinds.ALL) {
      checks.add(
          () ->
              assertEquals(
                  Key.TIMEOUT,
                  kind.keys().get(kind.keys().size() - 1),
                  kind + ": timeout is its last key"));
      checks.add(
          () ->
              assertEquals(
                  kind.keys().size(),
                  new HashSet<>(kind.keyNames()).size(),
                  kind + ": key names are unique"));
      checks.add(
          () ->
              assertFalse(
                  kind.description().isBlank()
                      || kind.form().isBlank()
                      || kind.documentation().isBlank(),
                  kind + " is described"));
      checks.add(
          () ->
              assertTrue(
                  kind.example().startsWith(kind.keyword() + ": "),
                  kind + ": its example begins with its keyword"));
      for (Key key : kind.keys()) {
        checks.add(() -> assertFalse(key.description().isBlank(), kind + "." + key.name()));
        if (key.required() || key.type().isList()) {
          checks.add(
              () -> assertNotNull(key.example(), kind + "." + key.name() + " has an example"));
        }
        if (key.type() == KeyType.CHOICE) {
          checks.add(
              () ->
                  assertTrue(
                      key.fallback() == null || key.choices().contains(key.fallback()),
                      kind + "." + key.name() + ": its fallback is one of its choices"));
        }
      }
      kind.shortForm()
          .ifPresent(
              form ->
                  checks.add(
                      () ->
                          assertTrue(
                              kind.keys().contains(form.key()),
                              kind + ": its short form stands for one of its keys")));
      checks.add(
          () ->
              assertEquals(
                  kind.measures().size(),
                  kind.measures().stream()
                      .map(m -> (m.perPartition() ? "<p>." : "") + m.name())
                      .distinct()
                      .count(),
                  kind + " records each figure under its own name"));
    }
    assertAll(checks);
  }

  @Test
  void everyExpectationMetricIsAnsweredByAKindAndTotalTimeByAll() {
    for (ExpectedMetric metric : ExpectedMetric.values()) {
      assertFalse(StepKinds.answering(metric).isEmpty(), metric + " is measured by some kind");
    }
    assertEquals(StepKinds.keywords(), StepKinds.answering(ExpectedMetric.TOTAL_TIME));
  }

  @Test
  void whatTheActionsRecordAnswersTheExpectationsAsTheyWereDocumented() {
    assertEquals(
        List.of("move", "migrate", "remove-node", "rebalance"),
        StepKinds.answering(ExpectedMetric.GUEST_DOWNTIME));
    assertEquals(List.of("migrate"), StepKinds.answering(ExpectedMetric.DOWNTIME));
    assertEquals(
        List.of("resize", "add-node", "remove-node"),
        StepKinds.answering(ExpectedMetric.SEEN_AFTER));
  }

  @Test
  void aFigureRecordedPerPartitionHasNoKeyOfItsOwn() {
    assertEquals("p1.start", Measures.START.key("p1"));
    assertEquals("guest-downtime", Measures.GUEST_DOWNTIME_GAP.key());
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, Measures.START::key);
  }
}
