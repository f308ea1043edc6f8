package dev.nestbed.scenario.parse;

import dev.nestbed.core.value.DataSize;
import dev.nestbed.scenario.kind.Pools;
import dev.nestbed.scenario.spec.Location;
import dev.nestbed.scenario.spec.PartitionDecl;
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
  private final Problems problems;
  private final DimmStacks dimms = new DimmStacks();

  LedgerPools(ScenarioSpec spec, PoolLedger ledger, Problems problems) {
    this.spec = spec;
    this.ledger = ledger;
    this.capacity = new StepCapacity(ledger, problems);
    this.problems = problems;
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
        return node
            + " is in pool "
            + other.name()
            + "; members of "
            + pool
            + " then: "
            + String.join(", ", ledger.members(pool));
      }
    }
    return Suggest.closest(node, ledger.members(pool))
        .map(s -> "did you mean '" + s + "'?")
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

  /**
   * A dimm partition grows by whole DIMMs and shrinks only by DIMMs it plugged before; then the
   * pool must hold the new size.
   */
  @Override
  public void resize(StepSpec step, Location at, String partition, DataSize memory) {
    PartitionDecl declared = spec.partition(partition).orElse(null);
    if (declared != null
        && PartitionDecl.DIMM.equals(declared.memoryDevice())
        && declared.memory() != null) {
      DataSize boot = declared.memory();
      if (memory.isGreaterThan(boot)
          && (memory.bytes() - boot.bytes()) % PartitionBinder.DIMM_SECTION.bytes() != 0) {
        problems.add(
            at,
            "resize step: memory "
                + memory
                + " is not the boot size "
                + boot
                + " of partition "
                + partition
                + " plus whole "
                + PartitionBinder.DIMM_SECTION
                + " DIMMs",
            "grow a dimm partition in steps of "
                + PartitionBinder.DIMM_SECTION
                + ", or give it memory-device: virtio-mem");
        return;
      }
      DataSize known = ledger.memoryOf(partition);
      DataSize now = known == null ? boot : known;
      DataSize from = now.isGreaterThan(boot) ? now.minus(boot) : DataSize.ZERO;
      DataSize to = memory.isGreaterThan(boot) ? memory.minus(boot) : DataSize.ZERO;
      String refused = dimms.resize(partition, from, to);
      if (refused != null) {
        problems.add(
            at,
            "resize step: partition "
                + partition
                + " cannot go from "
                + now
                + " to "
                + memory
                + ": "
                + refused,
            "a DIMM leaves whole; shrink to a size the DIMMs plugged"
                + " before add up to, or give it memory-device: virtio-mem");
        return;
      }
    }
    capacity.resize(step, at, partition, memory);
  }

  @Override
  public void relocate(StepSpec step, Location at, String partition, String toPool) {
    if (capacity.admits(step, at, partition, toPool)) {
      ledger.migrate(partition, toPool);
    }
  }
}
