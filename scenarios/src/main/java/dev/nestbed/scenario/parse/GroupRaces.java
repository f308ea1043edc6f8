package dev.nestbed.scenario.parse;

import dev.nestbed.scenario.kind.Effect.Membership;
import dev.nestbed.scenario.kind.StepKinds;
import dev.nestbed.scenario.spec.MigrateStep;
import dev.nestbed.scenario.spec.MoveStep;
import dev.nestbed.scenario.spec.ParallelStep;
import dev.nestbed.scenario.spec.RebalanceStep;
import dev.nestbed.scenario.spec.RemoveNodeStep;
import dev.nestbed.scenario.spec.ScenarioSpec;
import dev.nestbed.scenario.spec.StepSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Steps of one parallel group that race: two acting on one partition, a node joining or leaving
 * a pool while another step of the group places a partition on that pool's cells, or a node's
 * evacuation while another step acts on a partition it may move. Which
 * happens first is up to timing, so the run could not be reproduced.
 */
final class GroupRaces {
  private final ScenarioSpec spec;
  private final Problems problems;
  private final Sources sources;

  GroupRaces(ScenarioSpec spec, Problems problems, Sources sources) {
    this.spec = spec;
    this.problems = problems;
    this.sources = sources;
  }

  /** A fresh record of the partitions the steps of one group act on. */
  Busy group() {
    return new Busy();
  }

  /** The partitions the steps of one group act on so far. */
  final class Busy {
    private final Map<String, StepSpec> busy = new HashMap<>();

    /** Adds a step of the group; a partition another step of it acts on already is reported. */
    void add(StepSpec step) {
      for (String subject : actedOn(step)) {
        if (busy.putIfAbsent(subject, step) != null) {
          problems.add(step.location(), "parallel step: partition " + subject
              + " is acted on by two steps at once (" + busy.get(subject).kind() + " at line "
              + busy.get(subject).location().line() + ")", "run them one after the other");
        }
      }
    }
  }

  /**
   * The partitions a step changes. Watching one ({@code wait}) does not compete with acting on it,
   * also inside a nested group.
   */
  private List<String> actedOn(StepSpec step) {
    if (StepKinds.WAIT.type().isInstance(step)) {
      return List.of();
    }
    if (step instanceof ParallelStep inner) {
      return inner.steps().stream().flatMap(s -> actedOn(s).stream()).distinct().toList();
    }
    return step.subjects().stream().filter(s -> spec.partition(s).isPresent()).toList();
  }

  /**
   * A node joining or leaving a pool while, in the same group, a partition moves onto that node's
   * cell or the pool is rebalanced: which happens first is up to timing, so the run could not be
   * reproduced.
   */
  void nodeRaces(ParallelStep group) {
    Map<String, StepSpec> changing = new HashMap<>();
    for (StepSpec step : flatten(group)) {
      Membership change = membership(step);
      String node = change == null ? null : change.node();
      if (node == null) {
        continue;
      }
      StepSpec first = changing.putIfAbsent(node, step);
      if (first != null) {
        problems.add(sources.at(step.location(), "node"), "parallel step: " + step.kind() + " of node " + node
            + " races " + first.kind() + " of the same node (line " + first.location().line() + ")",
            "join and leave one after the other");
      }
    }
    if (changing.isEmpty()) {
      return;
    }
    evacuationRaces(flatten(group));
    for (StepSpec step : flatten(group)) {
      if (step instanceof MoveStep move) {
        for (int i = 0; i < move.toCells().size(); i++) {
          StepSpec other = changing.get(move.toCells().get(i));
          if (other != null) {
            problems.add(sources.at(move.location(), "to-cells", i), "parallel step: move of " + move.partition()
                + " onto cell " + move.toCells().get(i) + " races " + other.kind() + " of that node (line "
                + other.location().line() + ")", "run the " + other.kind() + " step before or after the group");
          }
        }
      } else if (step instanceof RebalanceStep rebalance) {
        changingIn(changing, rebalance.pool()).ifPresent(other -> problems.add(rebalance.location(),
            "parallel step: rebalance of pool " + rebalance.pool() + " races " + other.kind() + " in that pool (line "
                + other.location().line() + ")", "run the " + other.kind() + " step before or after the group"));
      } else if (step instanceof MigrateStep migrate) {
        // The destination cell is chosen from what the pool's cells have free when the migration starts.
        changingIn(changing, migrate.toPool()).ifPresent(other -> problems.add(
            sources.at(migrate.location(), "to-pool"), "parallel step: migration of " + migrate.partition()
                + " into pool " + migrate.toPool() + " races " + other.kind() + " in that pool (line "
                + other.location().line() + ")", "run the " + other.kind() + " step before or after the group"));
      }
    }
  }

  /**
   * An evacuating {@code remove-node} moves the partitions it finds on the leaving node's cell at
   * that moment; another step of the group acting on a partition of that pool may find it before,
   * during or after its move. Which partitions sit on the cell then depends on the group's timing
   * too, so every partition of the pool counts.
   */
  @SuppressWarnings("ReferenceEquality") // every step of the group but the evacuation itself
  private void evacuationRaces(List<StepSpec> steps) {
    for (StepSpec step : steps) {
      if (!(step instanceof RemoveNodeStep remove) || !remove.evacuate() || remove.pool() == null) {
        continue;
      }
      for (StepSpec other : steps) {
        if (other == step) {
          continue;
        }
        actedOn(other).stream()
            .filter(p -> spec.partition(p).map(d -> remove.pool().equals(d.pool())).orElse(false))
            .findFirst()
            .ifPresent(p -> problems.add(other.location(), "parallel step: " + other.kind() + " of " + p
                + " races the evacuation of node " + remove.node() + " from pool " + remove.pool() + " (line "
                + remove.location().line() + "), which may move " + p,
                "run the remove-node step before or after the group"));
      }
    }
  }

  /** A node joining or leaving {@code pool} in the group, if any. */
  private static Optional<StepSpec> changingIn(Map<String, StepSpec> changing, String pool) {
    return changing.values().stream().filter(step -> pool != null && pool.equals(membership(step).pool()))
        .findFirst();
  }

  /** The node a step adds to or removes from a pool, as its kind declares; null for none. */
  private static Membership membership(StepSpec step) {
    return StepKinds.of(step).effectOf(step).membership();
  }

  private static List<StepSpec> flatten(ParallelStep group) {
    return group.steps().stream().flatMap(s -> s instanceof ParallelStep inner ? flatten(inner).stream()
        : Stream.of(s)).toList();
  }
}
