package dev.nestbed.scenario.parse;

import dev.nestbed.scenario.kind.Key;
import dev.nestbed.scenario.kind.Pools;
import dev.nestbed.scenario.kind.StepKind;
import dev.nestbed.scenario.kind.StepKinds;
import dev.nestbed.scenario.kind.StepWalk;
import dev.nestbed.scenario.spec.HostSpec;
import dev.nestbed.scenario.spec.Location;
import dev.nestbed.scenario.spec.PartitionDecl;
import dev.nestbed.scenario.spec.PoolSpec;
import dev.nestbed.scenario.spec.ScenarioSpec;
import dev.nestbed.scenario.spec.StepSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Walks the steps in order against a {@link PoolLedger}: every name a step uses must exist, and
 * must make sense at that point (a node added must be a spare then, a partition migrated must not
 * already be in the target pool, a resize must stay within the partition's maximum). What makes
 * sense is each kind's own check; this class is the walk those checks see.
 */
final class StepCheck implements StepWalk {
  private final ScenarioSpec spec;
  private final Problems problems;
  private final Sources sources;
  private final LedgerPools pools;
  private final GroupRaces races;

  /** How many parallel groups the check is inside now. */
  private int groupDepth;

  StepCheck(ScenarioSpec spec, Problems problems, Sources sources) {
    this.spec = spec;
    this.problems = problems;
    this.sources = sources;
    this.pools = new LedgerPools(spec, new PoolLedger(spec), problems);
    this.races = new GroupRaces(spec, problems, sources, this);
  }

  void run() {
    spec.steps().forEach(this::check);
  }

  /** A group's steps are checked one by one, then for races; any other step by its kind. */
  private void check(StepSpec step) {
    StepKind<?> kind = StepKinds.of(step);
    List<StepSpec> group = kind.effectOf(step).group();
    if (group.isEmpty()) {
      kind.checkOf(step, this);
    } else {
      group(group);
    }
  }

  private void group(List<StepSpec> steps) {
    GroupRaces.Busy busy = races.group();
    groupDepth++;
    for (StepSpec step : steps) {
      check(step);
      busy.add(step);
    }
    groupDepth--;
    if (groupDepth == 0) {
      races.nodeRaces(steps); // over the whole outermost group, nested ones included: reported once
    }
  }

  @Override
  public Location at(StepSpec step, Key key) {
    return sources.at(step.location(), key.name());
  }

  @Override
  public Location at(StepSpec step, Key key, int index) {
    return sources.at(step.location(), key.name(), index);
  }

  @Override
  public void problem(Location at, String message, @Nullable String hint) {
    problems.add(at, message, hint);
  }

  @Override
  public Optional<PartitionDecl> partition(StepSpec step, @Nullable String name, Location at) {
    if (name == null) {
      return Optional.empty();
    }
    Optional<PartitionDecl> partition = spec.partition(name);
    if (partition.isEmpty() && sources.complete("partitions")) {
      problems.add(
          at,
          step.kind() + " step: partition '" + name + "' is not declared",
          Suggest.hint(
              name,
              spec.partitions().stream().map(PartitionDecl::name).filter(Objects::nonNull).toList(),
              "declared partitions"));
    }
    return partition;
  }

  @Override
  public Optional<PoolSpec> pool(StepSpec step, @Nullable String name, Location at) {
    if (name == null) {
      return Optional.empty();
    }
    Optional<PoolSpec> pool = spec.pool(name);
    if (pool.isEmpty() && sources.complete("pools")) {
      problems.add(
          at,
          step.kind() + " step: pool '" + name + "' is not declared",
          Suggest.hint(
              name,
              spec.pools().stream().map(PoolSpec::name).filter(Objects::nonNull).toList(),
              "declared pools"));
    }
    return pool;
  }

  @Override
  public boolean node(StepSpec step, @Nullable String name, Location at) {
    if (name == null) {
      return false;
    }
    List<String> hosts =
        spec.nodes() == null
            ? List.of()
            : spec.nodes().hosts().stream().map(HostSpec::name).filter(Objects::nonNull).toList();
    if (!hosts.contains(name)) {
      if (sources.complete("hosts")) {
        problems.add(
            at,
            step.kind() + " step: node '" + name + "' is not declared under nodes.hosts",
            Suggest.hint(name, hosts, "declared nodes"));
      }
      return false;
    }
    return true;
  }

  @Override
  public Pools pools() {
    return pools;
  }
}
