package dev.nestbed.scenario.parse;

import dev.nestbed.scenario.spec.Location;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Collects problems while a scenario is read, so that one run reports all of them. */
final class Problems {
  private final List<Problem> found = new ArrayList<>();

  void add(Location location, String message, @Nullable String hint) {
    found.add(new Problem(location, message, hint));
  }

  boolean isEmpty() {
    return found.isEmpty();
  }

  int size() {
    return found.size();
  }

  /** In file order, as a compiler lists them; problems at one place keep the order found. */
  List<Problem> sorted() {
    return found.stream()
        .sorted(
            Comparator.comparingInt((Problem p) -> p.location().line())
                .thenComparingInt(p -> p.location().column()))
        .toList();
  }
}
