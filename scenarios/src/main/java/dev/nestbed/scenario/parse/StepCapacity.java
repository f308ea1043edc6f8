package dev.nestbed.scenario.parse;

import dev.nestbed.core.value.DataSize;
import dev.nestbed.scenario.spec.Location;
import dev.nestbed.scenario.spec.StepSpec;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Memory admission for steps that change what a pool holds or offers: a partition that grows, a
 * partition that comes in, a node that leaves. Like {@link CapacityCheck} for the start, counted
 * per pool, not per cell. Each refusal is reported at the place the step's check gives.
 */
final class StepCapacity {
  private final PoolLedger ledger;
  private final Problems problems;

  StepCapacity(PoolLedger ledger, Problems problems) {
    this.ledger = ledger;
    this.problems = problems;
  }

  /** Checks the new size against the partition's pool, then records it. */
  void resize(StepSpec step, Location at, String partition, DataSize memory) {
    ledger
        .poolOf(partition)
        .ifPresent(
            pool ->
                ledger
                    .offer(pool)
                    .ifPresent(
                        offer -> {
                          DataSize others = ledger.memoryUsedIn(pool, partition);
                          if (others.plus(memory).isGreaterThan(offer.memory())) {
                            problems.add(
                                at,
                                step.kind()
                                    + " step: "
                                    + partition
                                    + " at "
                                    + memory
                                    + " does not fit pool "
                                    + pool
                                    + ": it offers "
                                    + offer.memory()
                                    + " ("
                                    + offer.memoryWorking()
                                    + ")"
                                    + (others.isZero()
                                        ? ""
                                        : " and " + usedBy(pool, partition, others)),
                                "grow it less, or move other partitions out of " + pool + " first");
                          }
                        }));
    ledger.resize(partition, memory);
  }

  /** Whether the partition fits the pool it is to go to; if not, it stays where it is. */
  boolean admits(StepSpec step, Location at, String partition, String pool) {
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
    problems.add(
        at,
        step.kind()
            + " step: "
            + partition
            + " needs "
            + memory
            + ", pool "
            + pool
            + " offers "
            + offer.memory()
            + " ("
            + offer.memoryWorking()
            + ")"
            + (others.isZero() ? "" : " and " + usedBy(pool, partition, others)),
        "give pool "
            + pool
            + " more or larger nodes, or shrink "
            + partition
            + " before migrating it");
    return false;
  }

  /** After the node has left: the partitions evacuated from it must fit the rest. */
  void afterRemoval(StepSpec step, Location at, String pool, String node) {
    ledger
        .offer(pool)
        .ifPresent(
            offer -> {
              DataSize used = ledger.memoryUsedIn(pool, null);
              if (used.isGreaterThan(offer.memory())) {
                problems.add(
                    at,
                    step.kind()
                        + " step: without "
                        + node
                        + ", pool "
                        + pool
                        + " offers "
                        + offer.memory()
                        + " ("
                        + offer.memoryWorking()
                        + ") but "
                        + usedBy(pool, null, used),
                    "migrate or shrink partitions of " + pool + " first");
              }
            });
  }

  private String usedBy(String pool, @Nullable String except, DataSize used) {
    List<String> partitions =
        ledger.partitionsIn(pool).stream().filter(p -> !p.equals(except)).toList();
    return String.join(", ", partitions) + (partitions.size() == 1 ? " uses " : " use ") + used;
  }
}
