package dev.nestbed.scenario.parse;

import dev.nestbed.scenario.kind.ExpectKinds;
import dev.nestbed.scenario.kind.ExpectWalk;
import dev.nestbed.scenario.spec.ExpectSpec;
import dev.nestbed.scenario.spec.Location;
import dev.nestbed.scenario.spec.PartitionDecl;
import dev.nestbed.scenario.spec.PoolSpec;
import dev.nestbed.scenario.spec.ScenarioSpec;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Checks that each expectation can be measured: its partition or pool exists, a step of the kind it
 * names acts on that partition, and the metric is one that kind of step produces. What each kind of
 * expectation needs is its kind's own check; this class is what those checks see.
 */
final class ExpectCheck implements ExpectWalk {
  private final ScenarioSpec spec;
  private final Problems problems;
  private final Sources sources;

  ExpectCheck(ScenarioSpec spec, Problems problems, Sources sources) {
    this.spec = spec;
    this.problems = problems;
    this.sources = sources;
  }

  void run() {
    for (ExpectSpec expect : spec.expectations()) {
      ExpectKinds.of(expect).checkOf(expect, this);
    }
  }

  @Override
  public ScenarioSpec spec() {
    return spec;
  }

  @Override
  public Location at(ExpectSpec expect, String key) {
    return sources.at(expect.location(), key);
  }

  @Override
  public void problem(Location at, String message, @Nullable String hint) {
    problems.add(at, message, hint);
  }

  @Override
  public Optional<PartitionDecl> partition(ExpectSpec expect, @Nullable String name) {
    if (name == null) {
      return Optional.empty();
    }
    Optional<PartitionDecl> partition = spec.partition(name);
    if (partition.isEmpty() && sources.complete("partitions")) {
      problems.add(
          sources.at(expect.location(), "partition"),
          "expectation: partition '" + name + "' is not declared",
          Suggest.hint(
              name,
              spec.partitions().stream().map(PartitionDecl::name).filter(Objects::nonNull).toList(),
              "declared partitions"));
    }
    return partition;
  }

  @Override
  public Optional<PoolSpec> pool(ExpectSpec expect, @Nullable String name) {
    if (name == null) {
      return Optional.empty();
    }
    Optional<PoolSpec> pool = spec.pool(name);
    if (pool.isEmpty() && sources.complete("pools")) {
      problems.add(
          sources.at(expect.location(), "pool"),
          "expectation: pool '" + name + "' is not declared",
          Suggest.hint(
              name,
              spec.pools().stream().map(PoolSpec::name).filter(Objects::nonNull).toList(),
              "declared pools"));
    }
    return pool;
  }

  @Override
  public boolean stepsComplete() {
    return sources.complete("steps");
  }
}
