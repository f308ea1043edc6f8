package dev.nestbed.scenario.parse;

import dev.nestbed.core.value.DataSize;
import dev.nestbed.scenario.spec.HostSpec;
import dev.nestbed.scenario.spec.PartitionDecl;
import dev.nestbed.scenario.spec.PoolSpec;
import dev.nestbed.scenario.spec.ScenarioSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which nodes each pool has and which partitions each pool holds, as the steps change them, so that
 * a step can be checked against the state the steps before it left. An approximation: the steps of
 * a parallel group are applied in file order.
 */
final class PoolLedger {
  private final ScenarioSpec spec;
  private final Map<String, List<String>> members = new LinkedHashMap<>();
  private final Map<String, List<String>> spares = new LinkedHashMap<>();
  private final Map<String, String> poolOfPartition = new LinkedHashMap<>();
  private final Map<String, DataSize> memoryOfPartition = new LinkedHashMap<>();

  /**
   * The sum of memoryOfPartition per pool, kept as they change: asked on every step that grows one.
   */
  private final Map<String, DataSize> memoryInPool = new HashMap<>();

  PoolLedger(ScenarioSpec spec) {
    this.spec = spec;
    for (PoolSpec pool : spec.pools()) {
      if (pool.name() != null) {
        members.putIfAbsent(pool.name(), new ArrayList<>(pool.nodes()));
        spares.putIfAbsent(pool.name(), new ArrayList<>(pool.spare()));
      }
    }
    for (PartitionDecl partition : spec.partitions()) {
      if (partition.name() != null
          && partition.pool() != null
          && partition.memory() != null
          && poolOfPartition.putIfAbsent(partition.name(), partition.pool()) == null) {
        memoryOfPartition.put(partition.name(), partition.memory());
        memoryInPool.merge(partition.pool(), partition.memory(), DataSize::plus);
      }
    }
  }

  List<String> members(String pool) {
    return members.getOrDefault(pool, List.of());
  }

  List<String> spares(String pool) {
    return spares.getOrDefault(pool, List.of());
  }

  Optional<String> poolOf(String partition) {
    return Optional.ofNullable(poolOfPartition.get(partition));
  }

  void addNode(String pool, String node) {
    spares.computeIfAbsent(pool, k -> new ArrayList<>()).remove(node);
    members.computeIfAbsent(pool, k -> new ArrayList<>()).add(node);
  }

  /** The node leaves the pool but stays its spare: it may join again. */
  void removeNode(String pool, String node) {
    members.computeIfAbsent(pool, k -> new ArrayList<>()).remove(node);
    spares.computeIfAbsent(pool, k -> new ArrayList<>()).add(node);
  }

  void migrate(String partition, String toPool) {
    String from = poolOfPartition.put(partition, toPool);
    DataSize memory = memoryOfPartition.get(partition);
    if (memory != null) {
      if (from != null) {
        memoryInPool.merge(from, memory, DataSize::minus);
      }
      memoryInPool.merge(toPool, memory, DataSize::plus);
    }
  }

  void resize(String partition, DataSize memory) {
    DataSize before = memoryOfPartition.put(partition, memory);
    String pool = poolOfPartition.get(partition);
    if (pool != null) {
      DataSize total = memoryInPool.getOrDefault(pool, DataSize.ZERO);
      memoryInPool.put(pool, (before == null ? total : total.minus(before)).plus(memory));
    }
  }

  @Nullable DataSize memoryOf(String partition) {
    return memoryOfPartition.get(partition);
  }

  /** The partitions the pool holds now. */
  List<String> partitionsIn(String pool) {
    return poolOfPartition.entrySet().stream()
        .filter(e -> e.getValue().equals(pool))
        .map(Map.Entry::getKey)
        .toList();
  }

  DataSize memoryUsedIn(String pool, @Nullable String except) {
    DataSize used = memoryInPool.getOrDefault(pool, DataSize.ZERO);
    DataSize excepted = except == null ? null : memoryOfPartition.get(except);
    return excepted != null && pool.equals(poolOfPartition.get(except))
        ? used.minus(excepted)
        : used;
  }

  /** A host pool adopting a machine by uri: its cells are only known at run time. */
  static boolean isDiscovered(PoolSpec pool) {
    return "host".equals(pool.backend()) && (pool.uri() != null || pool.nodes().isEmpty());
  }

  /**
   * What the pool's current members offer; empty for a {@code host} pool adopted by uri, whose size
   * is only known at run time, and when a member is not a declared node with memory.
   */
  Optional<PoolOffer> offer(String pool) {
    PoolSpec declared = spec.pool(pool).orElse(null);
    if (declared == null || isDiscovered(declared) || declared.reservePerNodeMemory() == null) {
      return Optional.empty();
    }
    List<HostSpec> hosts = new ArrayList<>();
    for (String node : members(pool)) {
      Optional<HostSpec> host = spec.nodes() == null ? Optional.empty() : spec.host(node);
      if (host.isEmpty() || host.get().memory() == null) {
        return Optional.empty();
      }
      hosts.add(host.get());
    }
    return hosts.isEmpty()
        ? Optional.empty()
        : Optional.of(new PoolOffer(hosts, declared.reservePerNodeMemory()));
  }
}
