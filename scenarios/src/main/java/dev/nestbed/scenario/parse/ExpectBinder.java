package dev.nestbed.scenario.parse;

import dev.nestbed.scenario.kind.ExpectKind;
import dev.nestbed.scenario.kind.ExpectKinds;
import dev.nestbed.scenario.spec.ExpectSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Binds the {@code expect} list. The keys decide the kind ({@link ExpectKinds#DECIDING}), and the
 * kind binds the rest.
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
    Optional<ExpectKind<?>> kind =
        ExpectKinds.DECIDING.stream()
            .filter(k -> fields.map().entries().containsKey(k.keyword()))
            .findFirst();
    if (kind.isPresent()) {
      return Optional.of(kind.get().bind(new ExpectFields(kind.get(), fields)));
    }
    problems.add(
        item.location(),
        "expectation: say what it is about with partition, step or pool",
        "e.g. {partition: p1, alive: true} or {step: migrate, partition: p1, "
            + "guest-downtime: {max: 2s}}");
    return Optional.empty();
  }
}
