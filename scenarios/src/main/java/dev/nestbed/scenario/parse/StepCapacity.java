package dev.nestbed.scenario.parse;

import dev.nestbed.core.value.DataSize;
import dev.nestbed.scenario.spec.MigrateStep;
import dev.nestbed.scenario.spec.RemoveNodeStep;
import dev.nestbed.scenario.spec.ResizeStep;
import java.util.List;
import java.util.Optional;

/**
 * Memory admission for steps that change what a pool holds or offers: a resize that grows a
 * partition, a migration into a pool, a node leaving. Like {@link CapacityCheck} for the start,
 * counted per pool, not per cell.
 */
final class StepCapacity {
  private final PoolLedger ledger;
  private final Problems problems;
  private final Sources sources;

  StepCapacity(PoolLedger ledger, Problems problems, Sources sources) {
    this.ledger = ledger;
    this.problems = problems;
    this.sources = sources;
  }

  /** Checks the new size against the partition's pool, then records it. */
  void resize(ResizeStep step, String partition, DataSize memory) {
    ledger.poolOf(partition).ifPresent(pool -> ledger.offer(pool).ifPresent(offer -> {
      DataSize others = ledger.memoryUsedIn(pool, partition);
      if (others.plus(memory).isGreaterThan(offer.memory())) {
        problems.add(sources.at(step.location(), "memory"), "resize step: " + partition + " at "
            + memory + " does not fit pool " + pool + ": it offers " + offer.memory() + " ("
            + offer.memoryWorking() + ")" + (others.isZero() ? ""
                : " and " + usedBy(pool, partition, others)),
            "grow it less, or move other partitions out of " + pool + " first");
      }
    }));
    ledger.resize(partition, memory);
  }

  /** Whether the partition fits its target pool; if not, it stays where it is. */
  boolean migrate(MigrateStep step, String partition) {
    String pool = step.toPool();
    DataSize memory = ledger.memoryOf(partition);
    Optional<PoolOffer> target = ledger.offer(pool);
    if (memory == null || target.isEmpty()) {
      return true;
    }
    PoolOffer offer = target.get();
    DataSize others = ledger.memoryUsedIn(pool, partition);
    if (!others.plus(memory).isGreaterThan(offer.memory())) {
      return true;
    }
    problems.add(sources.at(step.location(), "to-pool"), "migrate step: " + partition
        + " needs " + memory + ", pool " + pool + " offers " + offer.memory() + " ("
        + offer.memoryWorking() + ")" + (others.isZero() ? "" : " and "
        + usedBy(pool, partition, others)), "give pool " + pool
        + " more or larger nodes, or shrink " + partition + " before migrating it");
    return false;
  }

  /** After the node has left: the partitions evacuated from it must fit the rest. */
  void afterRemoval(RemoveNodeStep step) {
    String pool = step.pool();
    ledger.offer(pool).ifPresent(offer -> {
      DataSize used = ledger.memoryUsedIn(pool, null);
      if (used.isGreaterThan(offer.memory())) {
        problems.add(sources.at(step.location(), "node"), "remove-node step: without "
            + step.node() + ", pool " + pool + " offers " + offer.memory() + " ("
            + offer.memoryWorking() + ") but " + usedBy(pool, null, used),
            "migrate or shrink partitions of " + pool + " first");
      }
    });
  }

  private String usedBy(String pool, String except, DataSize used) {
    List<String> partitions = ledger.partitionsIn(pool).stream()
        .filter(p -> !p.equals(except)).toList();
    return String.join(", ", partitions) + (partitions.size() == 1 ? " uses " : " use ") + used;
  }
}
