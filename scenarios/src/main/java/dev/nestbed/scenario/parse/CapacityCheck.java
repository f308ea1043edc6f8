package dev.nestbed.scenario.parse;

import dev.nestbed.core.value.DataSize;
import dev.nestbed.scenario.spec.HostSpec;
import dev.nestbed.scenario.spec.PartitionDecl;
import dev.nestbed.scenario.spec.PoolSpec;
import dev.nestbed.scenario.spec.ScenarioSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Admission at the start: the partitions of each pool must fit the memory its member nodes offer
 * after their reserve, and no partition may want more vCPUs than the pool has CPUs (more vCPUs in
 * total than CPUs is fine: that is ordinary overcommit). Where on the cells each partition lands is
 * the planner's concern; this catches what no placement could fix.
 */
final class CapacityCheck {
  private final ScenarioSpec spec;
  private final Problems problems;
  private final Sources sources;

  CapacityCheck(ScenarioSpec spec, Problems problems, Sources sources) {
    this.spec = spec;
    this.problems = problems;
    this.sources = sources;
  }

  @SuppressWarnings("ReferenceEquality") // only the first pool declared under a name
  void run() {
    PoolLedger ledger = new PoolLedger(spec);
    for (PoolSpec pool : spec.pools()) {
      if (pool.name() != null && spec.pool(pool.name()).orElse(null) == pool && reserveFits(pool)) {
        ledger.offer(pool.name()).ifPresent(offer -> admit(pool, offer));
      }
    }
  }

  private boolean reserveFits(PoolSpec pool) {
    DataSize reserve = pool.reservePerNodeMemory();
    if (reserve == null || spec.nodes() == null) {
      return false;
    }
    for (String node : pool.nodes()) {
      Optional<HostSpec> host = spec.host(node);
      if (host.isPresent()
          && host.get().memory() != null
          && !reserve.isLessThan(host.get().memory())) {
        problems.add(
            sources.at(pool.location(), "reserve-per-node"),
            "pool "
                + pool.name()
                + ": reserve-per-node "
                + reserve
                + " leaves nothing of node "
                + node
                + "'s "
                + host.get().memory(),
            "lower reserve-per-node below the memory of every member");
        return false;
      }
    }
    return true;
  }

  private void admit(PoolSpec pool, PoolOffer offer) {
    String poolName = pool.name();
    List<PartitionDecl> inPool =
        spec.partitions().stream()
            .filter(p -> poolName != null && poolName.equals(p.pool()) && p.name() != null)
            .filter(p -> p.memory() != null)
            .toList();
    boolean alone = false;
    for (PartitionDecl partition : inPool) {
      DataSize memory = partition.memory(); // never null: filtered above
      if (memory != null && memory.isGreaterThan(offer.memory())) {
        alone = true;
        problems.add(
            sources.at(partition.location(), "memory"),
            "partition "
                + partition.name()
                + " needs "
                + partition.memory()
                + ", pool "
                + pool.name()
                + " offers "
                + offer.memory()
                + " ("
                + offer.memoryWorking()
                + ")",
            hint(pool));
      }
      if (partition.vcpus() > offer.cpus()) {
        problems.add(
            sources.at(partition.location(), "vcpus"),
            "partition "
                + partition.name()
                + " needs "
                + partition.vcpus()
                + " vCPUs, pool "
                + pool.name()
                + " has "
                + offer.cpus()
                + " CPUs ("
                + offer.cpusWorking()
                + ")",
            "give it fewer vCPUs, or add nodes to pool " + pool.name());
      }
    }
    DataSize total =
        inPool.stream().map(PartitionDecl::memory).reduce(DataSize.ZERO, DataSize::plus);
    if (!alone && total.isGreaterThan(offer.memory())) {
      problems.add(
          sources.at(pool.location(), "name"),
          "partitions "
              + String.join(
                  ", ", inPool.stream().map(PartitionDecl::name).filter(Objects::nonNull).toList())
              + " need "
              + total
              + ", pool "
              + pool.name()
              + " offers "
              + offer.memory()
              + " ("
              + offer.memoryWorking()
              + ")",
          hint(pool));
    }
  }

  private static String hint(PoolSpec pool) {
    return "shrink the partitions, add nodes to pool "
        + pool.name()
        + ", or lower its reserve-per-node";
  }
}
