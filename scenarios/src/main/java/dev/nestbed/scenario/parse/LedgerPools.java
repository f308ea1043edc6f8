package dev.nestbed.scenario.parse;

import dev.nestbed.core.value.DataSize;
import dev.nestbed.scenario.kind.Pools;
import dev.nestbed.scenario.spec.Location;
import dev.nestbed.scenario.spec.PoolSpec;
import dev.nestbed.scenario.spec.ScenarioSpec;
import dev.nestbed.scenario.spec.StepSpec;
import java.util.List;
import java.util.Optional;

/**
 * The pools as the step kinds' checks see them during the walk: the {@link PoolLedger}'s members
 * and partitions, with {@link StepCapacity}'s memory admission before every change that brings
 * memory into a pool.
 */
final class LedgerPools implements Pools {
  private final ScenarioSpec spec;
  private final PoolLedger ledger;
  private final StepCapacity capacity;

  LedgerPools(ScenarioSpec spec, PoolLedger ledger, Problems problems) {
    this.spec = spec;
    this.ledger = ledger;
    this.capacity = new StepCapacity(ledger, problems);
  }

  @Override
  public List<String> members(String pool) {
    return ledger.members(pool);
  }

  @Override
  public List<String> spares(String pool) {
    return ledger.spares(pool);
  }

  @Override
  public Optional<String> poolOf(String partition) {
    return ledger.poolOf(partition);
  }

  @Override
  public boolean cellsKnown(String pool) {
    return spec.pool(pool).map(p -> !PoolLedger.isDiscovered(p)).orElse(false);
  }

  @Override
  public String whyNotMember(String node, String pool) {
    if (ledger.spares(pool).contains(node)) {
      return node + " is a spare of " + pool + "; add it with add-node before this step";
    }
    for (PoolSpec other : spec.pools()) {
      if (other.name() != null && ledger.members(other.name()).contains(node)) {
        return node + " is in pool " + other.name() + "; members of " + pool + " then: "
            + String.join(", ", ledger.members(pool));
      }
    }
    return Suggest.closest(node, ledger.members(pool)).map(s -> "did you mean '" + s + "'?")
        .orElse("members of " + pool + " then: " + String.join(", ", ledger.members(pool)));
  }

  @Override
  public void join(String pool, String node) {
    ledger.addNode(pool, node);
  }

  @Override
  public void leave(StepSpec step, Location at, String pool, String node, boolean evacuate) {
    ledger.removeNode(pool, node);
    if (evacuate) {
      capacity.afterRemoval(step, at, pool, node);
    }
  }

  @Override
  public void resize(StepSpec step, Location at, String partition, DataSize memory) {
    capacity.resize(step, at, partition, memory);
  }

  @Override
  public void relocate(StepSpec step, Location at, String partition, String toPool) {
    if (capacity.admits(step, at, partition, toPool)) {
      ledger.migrate(partition, toPool);
    }
  }
}
