package dev.nestbed.scenario.run;

import dev.nestbed.aggregator.pool.Pool;
import dev.nestbed.core.NestbedException;
import dev.nestbed.partitioner.MemoryDeviceModel;
import dev.nestbed.partitioner.Partition;
import dev.nestbed.partitioner.PartitionEnvironment;
import dev.nestbed.partitioner.PartitionSpec;
import dev.nestbed.partitioner.agent.HeartbeatLog;
import dev.nestbed.scenario.plan.Placement;
import dev.nestbed.scenario.plan.ScenarioPlan;
import dev.nestbed.scenario.record.TimeSeries;
import dev.nestbed.scenario.spec.PartitionDecl;
import dev.nestbed.scenario.spec.ScenarioSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What a run has built so far, shared by its steps: the pools, the running partitions, where each
 * partition is now (the plan's placement until a migration moves it), the heartbeat logs of every
 * partition that ever ran (kept after it stops, for the report) and the series steps recorded.
 */
final class RunState {
  final ScenarioSpec spec;
  final ScenarioPlan plan;
  final RunClock clock;
  final Progress progress;
  final PartitionEnvironment environment;
  private final Map<String, Pool> pools = new LinkedHashMap<>();
  private final Map<String, Partition> running = new ConcurrentHashMap<>();
  private final Map<String, HeartbeatLog> heartbeats = new ConcurrentHashMap<>();
  private final Map<String, Long> startedAtMs = new ConcurrentHashMap<>();

  /** Partitions that moved or migrated: where they are now, instead of where the plan put them. */
  private final Map<String, Placement> moved = new ConcurrentHashMap<>();

  private final List<TimeSeries> series = new ArrayList<>();

  /** Why the state takes no more records: a cancelled step's action that would not stop. */
  private volatile @Nullable String sealedBecause;

  RunState(
      ScenarioSpec spec,
      ScenarioPlan plan,
      RunClock clock,
      Progress progress,
      PartitionEnvironment environment) {
    this.spec = spec;
    this.plan = plan;
    this.clock = clock;
    this.progress = progress;
    this.environment = environment;
  }

  /** Pools are built in parallel: each adds itself from its own thread. */
  synchronized void addPool(Pool pool) {
    pools.put(pool.name(), pool);
  }

  synchronized List<Pool> pools() {
    return List.copyOf(pools.values());
  }

  synchronized Pool pool(String name) {
    Pool pool = pools.get(name);
    if (pool == null) {
      throw new NestbedException("pool " + name + " is not running");
    }
    return pool;
  }

  void addPartition(Partition partition) {
    running.put(partition.spec().name(), partition);
    heartbeats.put(partition.spec().name(), partition.heartbeats());
    startedAtMs.put(partition.spec().name(), clock.nowMs());
  }

  Optional<Partition> partition(String name) {
    return Optional.ofNullable(running.get(name));
  }

  /** The running partition, or a clear error naming it when it is not running. */
  Partition running(String name) {
    return partition(name)
        .orElseThrow(
            () ->
                new NestbedException(
                    "partition " + name + " is not running", "start it with a 'start' step first"));
  }

  /** Where the partition is now: its plan's placement, or where a move or a migration took it. */
  Placement placement(String name) {
    return moved.getOrDefault(name, plan.placement(name));
  }

  /** The partitions a move or migration took elsewhere, and where they are now. */
  Map<String, Placement> movedPlacements() {
    return Map.copyOf(moved);
  }

  /** Records that a move took the partition to {@code cells} of its pool. */
  void moved(String name, List<String> cells) {
    if (acceptsRecords("the move of " + name)) {
      moved.put(name, new Placement(name, placement(name).pool(), cells));
    }
  }

  /**
   * Records that a migration placed the partition in another pool; later steps and teardown follow
   * it.
   */
  void relocate(Placement placement) {
    if (acceptsRecords("the migration of " + placement.partition())) {
      moved.put(placement.partition(), placement);
    }
  }

  synchronized void addSeries(TimeSeries added) {
    if (acceptsRecords("series " + added.name())) {
      series.add(added);
    }
  }

  /**
   * Takes no more records from now on: a step's action outlived its cancel, and what it still does
   * must not change results already taken. Partitions it starts are still tracked, so that teardown
   * removes them.
   */
  void seal(String because) {
    if (sealedBecause == null) {
      sealedBecause = because;
    }
  }

  /** Why the state was sealed, if it was. */
  Optional<String> sealedBecause() {
    return Optional.ofNullable(sealedBecause);
  }

  private boolean acceptsRecords(String what) {
    if (sealedBecause != null) {
      org.slf4j.LoggerFactory.getLogger(RunState.class)
          .warn("not recorded: {} ({})", what, sealedBecause);
      return false;
    }
    return true;
  }

  synchronized List<TimeSeries> series() {
    return List.copyOf(series);
  }

  Optional<Partition> remove(String name) {
    return Optional.ofNullable(running.remove(name));
  }

  Map<String, HeartbeatLog> heartbeatLogs() {
    return Map.copyOf(heartbeats);
  }

  Map<String, Partition> runningPartitions() {
    return Map.copyOf(running);
  }

  PartitionDecl declaration(String name) {
    return spec.partition(name)
        .orElseThrow(() -> new NestbedException("no partition " + name + " in the scenario"));
  }

  /** The partitioner's spec of a scenario partition. */
  PartitionSpec partitionSpec(String name) {
    return partitionSpec(declaration(name));
  }

  /** What the partitioner is given of a declared partition. */
  static PartitionSpec partitionSpec(PartitionDecl d) {
    return new PartitionSpec(
        d.validName(),
        d.vcpus(),
        d.maxVcpus(),
        d.validMemory(),
        d.validMaxMemory(),
        d.validWorkload().workingSet(),
        d.validWorkload().dirtyRate(),
        MemoryDeviceModel.named(d.memoryDevice()),
        d.machine() == null ? PartitionSpec.DEFAULT_MACHINE : d.machine());
  }
}
