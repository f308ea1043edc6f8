package dev.nestbed.scenario.sim;

import dev.nestbed.aggregator.pool.Cell;
import dev.nestbed.aggregator.pool.PoolPlan;
import dev.nestbed.core.model.OperationModel;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.partitioner.placement.CellLedger;
import dev.nestbed.partitioner.placement.CellRoom;
import dev.nestbed.partitioner.placement.CellSnapshot;
import dev.nestbed.partitioner.placement.Resident;
import dev.nestbed.scenario.plan.Placement;
import dev.nestbed.scenario.plan.ScenarioPlan;
import dev.nestbed.scenario.record.CellFree;
import dev.nestbed.scenario.spec.PartitionDecl;
import dev.nestbed.scenario.spec.ScenarioSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a simulated run has built at a moment of simulated time: each partition's life, size and
 * cells, each pool's member cells and what they have free. The steps change it in order; the
 * expectations read it at the end.
 */
final class SimState {
  /** One partition as the model has it. */
  static final class Part {
    final PartitionDecl decl;
    String pool;
    List<String> cells;
    boolean running;
    int vcpus;
    DataSize memory;

    /** When its agent's first heartbeat arrives, in simulated ms; -1 before its start. */
    long readyAtMs = -1;

    /** The longest heartbeat gap a step has caused inside it. */
    long longestGapMs;

    Part(PartitionDecl decl, Placement placement) {
      this.decl = decl;
      this.pool = placement.pool();
      this.cells = placement.cells();
      this.vcpus = decl.vcpus();
      this.memory = decl.validMemory();
    }

    String name() {
      return decl.validName();
    }

    void gap(long ms) {
      longestGapMs = Math.max(longestGapMs, ms);
    }
  }

  /** One pool: its cells (members and spares alike), and which of them are members now. */
  static final class PoolState {
    final PoolPlan plan;
    final Map<String, Cell> cells = new LinkedHashMap<>();
    final List<String> members = new ArrayList<>();

    /** A cell of the pool, member or spare; validation made sure the scenario names only those. */
    Cell cell(String node) {
      return Objects.requireNonNull(cells.get(node), () -> node + " is a cell of " + plan.name());
    }

    PoolState(PoolPlan plan) {
      this.plan = plan;
      plan.cells().forEach(c -> cells.put(c.node(), c));
      plan.spares().forEach(c -> cells.put(c.node(), c));
      plan.cells().forEach(c -> members.add(c.node()));
    }
  }

  final ScenarioSpec spec;
  final OperationModel model;
  private final Map<String, Part> partitions = new LinkedHashMap<>();
  private final Map<String, PoolState> pools = new LinkedHashMap<>();

  /** Per pool, the partitions placed in it: the account of a pool reads only its own. */
  private final Map<String, Map<String, Part>> byPool = new HashMap<>();

  SimState(ScenarioSpec spec, ScenarioPlan plan, OperationModel model) {
    this.spec = spec;
    this.model = model;
    plan.pools().forEach(p -> pools.put(p.name(), new PoolState(p)));
    for (PartitionDecl decl : spec.partitions()) {
      Part part = new Part(decl, plan.placement(decl.validName()));
      partitions.put(part.name(), part);
      byPool.computeIfAbsent(part.pool, k -> new LinkedHashMap<>()).put(part.name(), part);
    }
  }

  Part partition(String name) {
    return Objects.requireNonNull(partitions.get(name), () -> "partition " + name + " is declared");
  }

  Collection<Part> partitions() {
    return partitions.values();
  }

  PoolState pool(String name) {
    return Objects.requireNonNull(pools.get(name), () -> "pool " + name + " is declared");
  }

  Collection<PoolState> pools() {
    return pools.values();
  }

  /** Moves a partition's account to another pool. */
  void relocate(Part part, String pool, List<String> cells) {
    byPool.getOrDefault(part.pool, new HashMap<>()).remove(part.name());
    part.pool = pool;
    part.cells = cells;
    byPool.computeIfAbsent(pool, k -> new LinkedHashMap<>()).put(part.name(), part);
  }

  /** The running partitions of a pool. */
  List<Part> running(String pool) {
    return byPool.getOrDefault(pool, Map.of()).values().stream().filter(p -> p.running).toList();
  }

  /** The link between two cells or two pools: the scenario's interconnect. */
  double linkBytesPerSecond() {
    return spec.interconnect().validBandwidth().bytesPerSecond();
  }

  /**
   * The pool's member cells with what its running partitions leave free, as the placement library
   * decides from: vCPUs and memory shared evenly over a partition's cells, as placement shares
   * them.
   */
  CellSnapshot snapshot(String pool) {
    PoolState state = pool(pool);
    List<Resident> residents =
        running(pool).stream()
            .map(p -> new Resident(p.name(), p.vcpus, p.memory, p.cells))
            .toList();
    CellLedger ledger =
        new CellLedger(
            state.members.stream()
                .map(state.cells::get)
                .map(c -> CellRoom.empty(c.node(), c.cpus(), c.memory()))
                .toList());
    for (Resident r : residents) {
      for (int i = 0; i < r.cells().size(); i++) {
        String cell = r.cells().get(i);
        if (ledger.has(cell)) {
          ledger.take(
              cell,
              Placement.cpuShare(r.vcpus(), r.cells().size(), i),
              Placement.memoryShare(r.memory(), r.cells().size()));
        }
      }
    }
    List<CellRoom> rooms = ledger.cells().stream().map(ledger::room).toList();
    return CellSnapshot.of(pool, rooms, residents);
  }

  /** What each member cell of {@code pool} has free now, as the run's cell account records it. */
  List<CellFree> cellsFree(String afterStep, String pool) {
    List<CellFree> free = new ArrayList<>();
    for (CellRoom room : snapshot(pool).cells()) {
      free.add(
          new CellFree(
              afterStep,
              pool,
              room.cell(),
              room.cpusFree(),
              room.cpus(),
              room.memoryFreeBytes() / (1 << 20),
              room.memory().mib()));
    }
    return free;
  }
}
