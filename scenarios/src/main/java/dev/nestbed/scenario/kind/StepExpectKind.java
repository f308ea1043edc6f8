package dev.nestbed.scenario.kind;

import dev.nestbed.scenario.spec.Bound;
import dev.nestbed.scenario.spec.StepExpect;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** {@code {step: migrate, partition: p1, guest-downtime: {max: 2s}}}: times measured on steps. */
final class StepExpectKind extends ExpectKind<StepExpect> {
  static final Key STEP =
      Key.choice("step", StepKinds.keywords(), null, "The step keyword.")
          .asRequired("step: migrate");
  static final Key PARTITION =
      Key.optional("partition", KeyType.PARTITION, "The partition the step acts on.");

  StepExpectKind() {
    super(
        "step",
        StepExpect.class,
        "Times measured on steps of one kind.",
        Stream.concat(
                Stream.of(STEP, PARTITION),
                Stream.of(ExpectedMetric.values())
                    .map(m -> Key.optional(m.keyword(), KeyType.BOUND, m.description())))
            .toList(),
        List.of(ExpectedMetric.values()),
        List.of(
            new Row(
                "{step: K, partition: p, seen-after: {max: D}}",
                "the last step of kind K on p saw its"
                    + " change within D (also `total-time`, `guest-downtime`, `downtime`; `min:` too)."
                    + " `validate` refuses a metric the step kind does not record: "
                    + answering())));
  }

  @Override
  public StepExpect bind(ExpectArguments arguments) {
    String kind = arguments.keyword(STEP);
    String partition = arguments.name(PARTITION);
    arguments.about("expectation on " + kind + (partition == null ? "" : " of " + partition));
    List<Key> metricKeys = keys().subList(2, keys().size());
    Map<String, Bound> metrics = new LinkedHashMap<>();
    for (Key metric : metricKeys) {
      Bound bound = arguments.bound(metric);
      if (bound != null) {
        metrics.put(metric.name(), bound);
      }
    }
    if (metricKeys.stream().noneMatch(arguments::has)) {
      arguments.problem(
          arguments.context() + ": nothing to check",
          "add one of "
              + String.join(", ", metricKeys.stream().map(Key::name).toList())
              + ", e.g. guest-downtime: {max: 2s}");
    }
    return new StepExpect(kind, partition, metrics, arguments.anchor());
  }

  @Override
  public Optional<String> elsewhere(String key) {
    return keyNames().contains(key)
        ? Optional.of(key + " is measured on a step; add e.g. 'step: migrate'")
        : Optional.empty();
  }

  /** {@code `seen-after` on resize, add-node, remove-node; ...}, from the step kinds' measures. */
  private static String answering() {
    return Stream.of(ExpectedMetric.values())
        .filter(m -> !m.onEveryStep())
        .map(m -> "`" + m.keyword() + "` on " + String.join(", ", StepKinds.answering(m)))
        .collect(Collectors.joining("; "));
  }

  /**
   * Each metric is one its step kind records (what the kinds' units say; total-time: all), its
   * partition is declared, and a step of that kind acts on it.
   */
  @Override
  void check(StepExpect expect, ExpectWalk walk) {
    String context =
        "expectation on "
            + expect.step()
            + (expect.partition() == null ? "" : " of " + expect.partition());
    Optional<StepKind<?>> kind =
        expect.step() == null ? Optional.empty() : StepKinds.named(expect.step());
    for (String metric : expect.metrics().keySet()) {
      Optional<ExpectedMetric> known = ExpectedMetric.of(metric);
      if (known.isPresent() && kind.isPresent() && !kind.get().answers(known.get())) {
        walk.problem(
            walk.at(expect, metric),
            context + ": " + metric + " is not measured on " + expect.step() + " steps",
            metric
                + " is measured on "
                + String.join(", ", StepKinds.answering(known.get()))
                + " steps");
      }
    }
    if (expect.partition() != null && walk.partition(expect, expect.partition()).isEmpty()) {
      return;
    }
    if (kind.isEmpty() || !walk.stepsComplete()) {
      return;
    }
    boolean measured =
        StepKinds.all(walk.spec().steps())
            .filter(s -> s.kind().equals(expect.step()))
            .anyMatch(s -> expect.partition() == null || s.subjects().contains(expect.partition()));
    if (!measured) {
      walk.problem(
          walk.at(expect, "step"),
          context
              + ": no "
              + expect.step()
              + " step "
              + (expect.partition() == null ? "in the scenario" : "acts on " + expect.partition()),
          "nothing would be measured; check the step and partition");
    }
  }
}
