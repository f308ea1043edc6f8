package dev.nestbed.scenario.parse;

import dev.nestbed.scenario.kind.Effect.Membership;
import dev.nestbed.scenario.kind.StepGroup;
import dev.nestbed.scenario.kind.StepKinds;
import dev.nestbed.scenario.kind.StepWalk;
import dev.nestbed.scenario.spec.PartitionDecl;
import dev.nestbed.scenario.spec.ScenarioSpec;
import dev.nestbed.scenario.spec.StepSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Steps of one parallel group that race: two acting on one partition, or a node joining or leaving
 * a pool while another step of the group uses that pool (each kind says how it would, as a move
 * onto the node's cell does). Which happens first is up to timing, so the run could not be
 * reproduced.
 */
final class GroupRaces {
  private final ScenarioSpec spec;
  private final Problems problems;
  private final Sources sources;
  private final StepWalk walk;

  GroupRaces(ScenarioSpec spec, Problems problems, Sources sources, StepWalk walk) {
    this.spec = spec;
    this.problems = problems;
    this.sources = sources;
    this.walk = walk;
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
          problems.add(
              step.location(),
              "parallel step: partition "
                  + subject
                  + " is acted on by two steps at once ("
                  + busy.get(subject).kind()
                  + " at line "
                  + busy.get(subject).location().line()
                  + ")",
              "run them one after the other");
        }
      }
    }
  }

  /** The declared partitions a step changes, as its kind says, also inside a nested group. */
  private List<String> actedOn(StepSpec step) {
    return StepKinds.of(step).actsOnOf(step).stream()
        .filter(s -> spec.partition(s).isPresent())
        .toList();
  }

  /**
   * A node joining or leaving a pool twice in one group, or while another step of the group uses
   * that pool as its kind says.
   */
  void nodeRaces(List<StepSpec> group) {
    List<StepSpec> steps = flatten(group);
    Map<String, StepSpec> changing = new HashMap<>();
    for (StepSpec step : steps) {
      Membership change = membership(step);
      String node = change == null ? null : change.node();
      if (node == null) {
        continue;
      }
      StepSpec first = changing.putIfAbsent(node, step);
      if (first != null) {
        problems.add(
            sources.at(step.location(), "node"),
            "parallel step: "
                + step.kind()
                + " of node "
                + node
                + " races "
                + first.kind()
                + " of the same node (line "
                + first.location().line()
                + ")",
            "join and leave one after the other");
      }
    }
    if (changing.isEmpty()) {
      return;
    }
    StepGroup view = new View(steps, changing);
    for (StepSpec step : steps) {
      StepKinds.of(step).racesOf(step, view, walk);
    }
  }

  /** The group as the kinds' race checks see it. */
  private final class View implements StepGroup {
    private final List<StepSpec> steps;
    private final Map<String, StepSpec> changing;

    View(List<StepSpec> steps, Map<String, StepSpec> changing) {
      this.steps = steps;
      this.changing = changing;
    }

    @Override
    public List<StepSpec> steps() {
      return steps;
    }

    @Override
    public Optional<StepSpec> changing(String node) {
      return Optional.ofNullable(changing.get(node));
    }

    @Override
    public Optional<StepSpec> changingIn(@Nullable String pool) {
      return changing.values().stream()
          .filter(
              step -> {
                Membership change = membership(step);
                return pool != null && change != null && pool.equals(change.pool());
              })
          .findFirst();
    }

    @Override
    public List<PartitionDecl> actedOn(StepSpec step) {
      return GroupRaces.this.actedOn(step).stream()
          .map(spec::partition)
          .flatMap(Optional::stream)
          .toList();
    }
  }

  /** The node a step adds to or removes from a pool, as its kind declares; null for none. */
  private static @Nullable Membership membership(StepSpec step) {
    return StepKinds.of(step).effectOf(step).membership();
  }

  /** The steps of a group and of the groups in it, but not the groups themselves. */
  private static List<StepSpec> flatten(List<StepSpec> group) {
    return group.stream()
        .flatMap(
            s -> {
              List<StepSpec> inner = StepKinds.of(s).effectOf(s).group();
              return inner.isEmpty() ? Stream.of(s) : flatten(inner).stream();
            })
        .toList();
  }
}
