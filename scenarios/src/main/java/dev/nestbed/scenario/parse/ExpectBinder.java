package dev.nestbed.scenario.parse;

import static dev.nestbed.scenario.kind.ExpectKinds.ALIVE;
import static dev.nestbed.scenario.kind.ExpectKinds.CELLS;
import static dev.nestbed.scenario.kind.ExpectKinds.HEARTBEAT_GAP;
import static dev.nestbed.scenario.kind.ExpectKinds.MEMORY_INTACT;
import static dev.nestbed.scenario.kind.ExpectKinds.ON_CELLS;
import static dev.nestbed.scenario.kind.ExpectKinds.VCPUS_ONLINE;

import dev.nestbed.core.value.TimeSpan;
import dev.nestbed.scenario.spec.Bound;
import dev.nestbed.scenario.spec.ExpectSpec;
import dev.nestbed.scenario.spec.PartitionExpect;
import dev.nestbed.scenario.spec.PoolExpect;
import dev.nestbed.scenario.spec.StepExpect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Binds the {@code expect} list. The keys decide the kind: {@code step} makes a step expectation,
 * else {@code pool} a pool one, else {@code partition} a partition one.
 */
final class ExpectBinder {
  private final Problems problems;
  private final Sources sources;

  ExpectBinder(Problems problems, Sources sources) {
    this.problems = problems;
    this.sources = sources;
  }

  List<ExpectSpec> expectations(Fields scenario) {
    List<ExpectSpec> bound = new ArrayList<>();
    scenario
        .list("expect", "a list of expectations")
        .ifPresent(list -> list.items().forEach(item -> expectation(item).ifPresent(bound::add)));
    return bound;
  }

  private Optional<ExpectSpec> expectation(YamlNode item) {
    Optional<Fields> found =
        Fields.of(
            item,
            item.location(),
            "expectation",
            "a map such as {partition: p1, alive: true}",
            problems);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = found.get();
    sources.remember(item.location(), fields.map());
    if (fields.map().entries().containsKey("step")) {
      return Optional.of(step(fields));
    }
    if (fields.map().entries().containsKey("pool")) {
      return Optional.of(pool(fields));
    }
    if (fields.map().entries().containsKey("partition")) {
      return Optional.of(partition(fields));
    }
    problems.add(
        item.location(),
        "expectation: say what it is about with partition, step or pool",
        "e.g. {partition: p1, alive: true} or {step: migrate, partition: p1, "
            + "guest-downtime: {max: 2s}}");
    return Optional.empty();
  }

  private ExpectSpec partition(Fields fields) {
    String partition = fields.text("partition");
    Fields named = fields.named("expectation on " + partition);
    named.allowOnly(Keys.EXPECT_PARTITION, key -> misplaced(key, Keys.EXPECT_PARTITION));
    PartitionExpect expect =
        new PartitionExpect(
            partition,
            named.bool(ALIVE.name()),
            named.bool(MEMORY_INTACT.name()),
            named.integer(VCPUS_ONLINE.name(), 1),
            named.bool(ON_CELLS.name()),
            bound(named, HEARTBEAT_GAP.name()),
            fields.anchor());
    if (Keys.EXPECT_PARTITION.stream().skip(1).noneMatch(named::has)) {
      problems.add(
          fields.anchor(),
          named.context() + ": nothing to check",
          "add "
              + String.join(
                  ", ", Keys.EXPECT_PARTITION.subList(1, Keys.EXPECT_PARTITION.size() - 1))
              + " or "
              + Keys.EXPECT_PARTITION.get(Keys.EXPECT_PARTITION.size() - 1));
    }
    return expect;
  }

  private ExpectSpec step(Fields fields) {
    String kind = fields.text("step");
    if (kind != null && !Keys.STEP_KEYWORDS.contains(kind)) {
      problems.add(
          fields.at("step"),
          "expectation: unknown step '" + kind + "'",
          Suggest.hint(kind, Keys.STEP_KEYWORDS, "steps are"));
    }
    String partition = fields.text("partition");
    Fields named =
        fields.named("expectation on " + kind + (partition == null ? "" : " of " + partition));
    named.allowOnly(Keys.EXPECT_STEP, key -> misplaced(key, Keys.EXPECT_STEP));
    Map<String, Bound> metrics = new LinkedHashMap<>();
    for (String metric : Keys.EXPECT_STEP.subList(2, Keys.EXPECT_STEP.size())) {
      Bound bound = bound(named, metric);
      if (bound != null) {
        metrics.put(metric, bound);
      }
    }
    if (Keys.EXPECT_STEP.stream().skip(2).noneMatch(named::has)) {
      problems.add(
          fields.anchor(),
          named.context() + ": nothing to check",
          "add one of "
              + String.join(", ", Keys.EXPECT_STEP.subList(2, Keys.EXPECT_STEP.size()))
              + ", e.g. guest-downtime: {max: 2s}");
    }
    return new StepExpect(kind, partition, metrics, fields.anchor());
  }

  private ExpectSpec pool(Fields fields) {
    String pool = fields.text("pool");
    Fields named = fields.named("expectation on pool " + pool);
    named.allowOnly(Keys.EXPECT_POOL, key -> misplaced(key, Keys.EXPECT_POOL));
    Integer cells =
        named.require(CELLS.name(), CELLS.example()) ? named.integer(CELLS.name(), 0) : null;
    return new PoolExpect(pool, cells, fields.anchor());
  }

  /** A hint for a key that belongs to another kind of expectation, else a did-you-mean. */
  private static String misplaced(String key, List<String> allowed) {
    if (Keys.EXPECT_STEP.contains(key)) {
      return key + " is measured on a step; add e.g. 'step: migrate'";
    }
    if (Keys.EXPECT_PARTITION.contains(key)) {
      return key + " is checked on a partition; write it in its own expectation with partition";
    }
    return Suggest.hint(key, allowed, "known keys");
  }

  /** {@code {max: 2s}} or {@code {min: 1s, max: 2s}}; null when absent or malformed. */
  private @Nullable Bound bound(Fields fields, String key) {
    String written = fields.written(key);
    Optional<Fields> found =
        fields.object(
            key,
            fields.context() + " " + key,
            "a range such as {max: 2s}",
            written == null ? null : "write {max: " + written + "}");
    if (found.isEmpty()) {
      return null;
    }
    Fields range = found.get();
    range.allowOnly(Keys.BOUND);
    TimeSpan min = range.duration("min");
    TimeSpan max = range.duration("max");
    if (!range.has("min") && !range.has("max")) {
      problems.add(
          range.anchor(),
          range.context() + ": give min, max, or both",
          "e.g. " + key + ": {max: 2s}");
      return null;
    }
    if (min != null && max != null && min.isGreaterThan(max)) {
      problems.add(
          range.at("min"), range.context() + ": min " + min + " is above max " + max, "swap them");
      return null;
    }
    return (range.has("min") && min == null) || (range.has("max") && max == null)
        ? null
        : new Bound(min, max);
  }
}
