package dev.nestbed.scenario.sim;

import dev.nestbed.aggregator.pool.Cell;
import dev.nestbed.core.model.MigrationPrediction;
import dev.nestbed.core.model.OperationModel;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.partitioner.placement.CellLedger;
import dev.nestbed.partitioner.placement.CellSnapshot;
import dev.nestbed.partitioner.placement.DestinationCell;
import dev.nestbed.partitioner.placement.Evacuation;
import dev.nestbed.partitioner.placement.Rebalancing;
import dev.nestbed.scenario.kind.Measures;
import dev.nestbed.scenario.kind.StepKind;
import dev.nestbed.scenario.kind.StepKinds;
import dev.nestbed.scenario.record.Metric;
import dev.nestbed.scenario.record.MigrationSeries;
import dev.nestbed.scenario.record.TimeSeries;
import dev.nestbed.scenario.sim.SimState.Part;
import dev.nestbed.scenario.sim.SimState.PoolState;
import dev.nestbed.scenario.spec.AddNodeStep;
import dev.nestbed.scenario.spec.MigrateStep;
import dev.nestbed.scenario.spec.MoveStep;
import dev.nestbed.scenario.spec.RebalanceStep;
import dev.nestbed.scenario.spec.RemoveNodeStep;
import dev.nestbed.scenario.spec.ResizeStep;
import dev.nestbed.scenario.spec.StartStep;
import dev.nestbed.scenario.spec.StepSpec;
import dev.nestbed.scenario.spec.StopStep;
import dev.nestbed.scenario.spec.WaitStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The simulation of each step kind, in one table, as {@code StepActions} holds the real actions:
 * each changes the {@link SimState} as the real step changes the pools and records the figures the
 * real step records, computed by the models (core's {@code dev.nestbed.core.model}). A test holds
 * the table to the registry, so a new kind without a simulation fails the build.
 */
final class SimActions {
  /** Simulates one step of kind {@code S}, which begins when {@code at} says. */
  @FunctionalInterface
  private interface Simulation<S extends StepSpec> {
    Simulated simulate(S step, SimState state, At at);
  }

  /**
   * When a step begins, and the bandwidth of the interconnect a migration gets: all of it alone,
   * else what {@link SimulatedMigrations#linkShares} gives it beside the migrations of its parallel
   * group, with the span its shares gave it and, for pre-copy, its figures stepped through them.
   */
  record At(
      long nowMs,
      double linkBytesPerSecond,
      OptionalLong spanMs,
      @Nullable MigrationPrediction stepped) {
    /** A step alone on the interconnect. */
    At(long nowMs, double linkBytesPerSecond) {
      this(nowMs, linkBytesPerSecond, OptionalLong.empty(), null);
    }
  }

  private record Entry<S extends StepSpec>(StepKind<S> kind, Simulation<S> simulation) {
    Simulated simulate(StepSpec step, SimState state, At at) {
      return simulation.simulate(kind.type().cast(step), state, at);
    }
  }

  private static final Map<StepKind<?>, Entry<?>> SIMULATIONS = new LinkedHashMap<>();

  static {
    put(StepKinds.START, SimActions::start);
    put(StepKinds.STOP, SimActions::stop);
    put(StepKinds.WAIT, SimActions::waitFor);
    put(StepKinds.RESIZE, SimActions::resize);
    put(StepKinds.MOVE, SimActions::move);
    put(StepKinds.MIGRATE, SimActions::migrate);
    put(StepKinds.ADD_NODE, SimActions::addNode);
    put(StepKinds.REMOVE_NODE, SimActions::removeNode);
    put(StepKinds.REBALANCE, SimActions::rebalance);
  }

  private SimActions() {}

  private static <S extends StepSpec> void put(StepKind<S> kind, Simulation<S> simulation) {
    SIMULATIONS.put(kind, new Entry<>(kind, simulation));
  }

  /** The kinds that have a simulation. */
  static Set<StepKind<?>> kinds() {
    return SIMULATIONS.keySet();
  }

  static Simulated simulate(StepSpec step, SimState state, At at) {
    Entry<?> entry = SIMULATIONS.get(StepKinds.of(step));
    if (entry == null) {
      throw new IllegalStateException("no simulation of step kind " + step.kind());
    }
    return entry.simulate(step, state, at);
  }

  /** Every partition starts at once; each is up when its first heartbeat arrives. */
  private static Simulated start(StartStep step, SimState state, At at) {
    OperationModel model = state.model;
    Simulated done = Simulated.passed(model.start().toMillis());
    for (String name : step.partitions()) {
      Part part = state.partition(name);
      part.running = true;
      // its first heartbeat is timed from its domain's start, as the real wait times it
      part.readyAtMs =
          at.nowMs() + Math.max(model.start().toMillis(), model.firstHeartbeat().toMillis());
      Measures.START.record(done.metrics(), name, model.start().toMillis());
      if (!part.cells.isEmpty()) {
        Measures.MODEL_MEMORY_LATENCY.record(
            done.metrics(), name, state.pool(part.pool).plan.memoryLatencyPercent(part.cells));
      }
    }
    return done;
  }

  /** Stopping is not measured yet, so it takes no simulated time. */
  private static Simulated stop(StopStep step, SimState state, At at) {
    step.partitions().forEach(name -> state.partition(name).running = false);
    return Simulated.passed(0);
  }

  /** Until the last first heartbeat asked for, then the duration. */
  private static Simulated waitFor(WaitStep step, SimState state, At at) {
    long until = at.nowMs();
    Map<String, Metric> beats = new LinkedHashMap<>();
    for (String name : step.heartbeat()) {
      Part part = state.partition(name);
      until = Math.max(until, part.readyAtMs);
      Measures.FIRST_HEARTBEAT.record(beats, name, state.model.firstHeartbeat().toMillis());
    }
    long ms = until - at.nowMs() + (step.duration() == null ? 0 : step.duration().toMillis());
    Simulated done = Simulated.passed(ms);
    done.metrics().putAll(beats);
    return done;
  }

  /** vCPUs, then memory, as the real resize asks; the cells give or take what changed. */
  private static Simulated resize(ResizeStep step, SimState state, At at) {
    Part part = state.partition(step.validPartition());
    int vcpus = step.vcpus() == null ? part.vcpus : step.vcpus();
    DataSize memory = step.memory() == null ? part.memory : step.memory();
    CellLedger ledger = state.snapshot(part.pool).ledger();
    int moreCpus = Math.max(0, vcpus - part.vcpus);
    DataSize moreMemory =
        memory.isGreaterThan(part.memory) ? memory.minus(part.memory) : DataSize.ZERO;
    if ((moreCpus > 0 || !moreMemory.isZero())
        && ledger.knows(part.cells)
        && ledger.take(part.cells, moreCpus, moreMemory).isPresent()) {
      return Simulated.failed(
          0,
          "partition "
              + part.name()
              + " cannot grow on its cells: "
              + ledger.shortfalls(part.cells, moreCpus, moreMemory));
    }
    long ms = 0;
    Simulated done = Simulated.passed(0);
    if (step.vcpus() != null) {
      long seen = state.model.vcpus().toMillis();
      ms += seen;
      Measures.SEEN_AFTER_VCPUS.record(done.metrics(), seen);
      Measures.VCPUS_ONLINE.record(done.metrics(), vcpus);
    }
    if (step.memory() != null) {
      long seen = state.model.memory(part.decl.validMemory(), part.memory, memory).toMillis();
      ms += seen;
      Measures.SEEN_AFTER_MEMORY.record(done.metrics(), seen);
      Measures.MEM_TOTAL.record(done.metrics(), Metric.mib(memory).value());
      DataSize plugged =
          memory.isGreaterThan(part.decl.validMemory())
              ? memory.minus(part.decl.validMemory())
              : DataSize.ZERO;
      Measures.MEMORY_PLUGGED.record(done.metrics(), Metric.mib(plugged).value());
    }
    part.vcpus = vcpus;
    part.memory = memory;
    return done.lasting(ms);
  }

  /** Its memory crosses to the new cells at the page-migration rate. */
  private static Simulated move(MoveStep step, SimState state, At at) {
    Part part = state.partition(step.validPartition());
    CellLedger ledger = state.snapshot(part.pool).ledger();
    ledger.give(part.cells, part.vcpus, part.memory);
    // the ledger is this step's own copy: taking from it only asks whether the cells have room
    if (!ledger.knows(step.toCells())
        || ledger.take(step.toCells(), part.vcpus, part.memory).isPresent()) {
      return Simulated.failed(
          0,
          "partition "
              + part.name()
              + " does not fit on cells "
              + step.toCells()
              + ": "
              + ledger.shortfalls(step.toCells(), part.vcpus, part.memory));
    }
    Duration took = state.model.move(part.memory, state.linkBytesPerSecond());
    long gap = state.model.moveGuestDowntime().toMillis();
    Simulated done = Simulated.passed(took.toMillis());
    Measures.TOTAL.record(done.metrics(), took.toMillis());
    Measures.MEMORY_MOVED.record(done.metrics(), Metric.mib(part.memory).value());
    Measures.MEMORY_ON_NEW_CELLS.record(done.metrics(), 100L);
    Measures.GUEST_DOWNTIME_GAP.record(done.metrics(), gap);
    Measures.LOST_BEATS.record(done.metrics(), 0L);
    part.cells = step.toCells();
    part.gap(gap);
    return done;
  }

  /**
   * Onto the destination pool's cell with the most free memory that fits, over the interconnect
   * (shared with the migrations of its parallel group as {@link SimulatedMigrations#linkShares}
   * says), as the mode's model predicts.
   */
  private static Simulated migrate(MigrateStep step, SimState state, At at) {
    Part part = state.partition(step.validPartition());
    CellSnapshot destination = state.snapshot(step.validToPool());
    Optional<String> cell = DestinationCell.choose(destination, part.vcpus, part.memory);
    if (cell.isEmpty()) {
      return Simulated.failed(
          0,
          "no cell of pool "
              + step.validToPool()
              + " has room for partition "
              + part.name()
              + " ("
              + part.vcpus
              + " vCPUs, "
              + part.memory
              + "): "
              + destination.ledger().describe(Set.of()));
    }
    double link = at.linkBytesPerSecond();
    double bandwidth =
        step.bandwidth() == null ? link : Math.min(link, step.bandwidth().bytesPerSecond());
    String mode = step.mode() == null ? MigrateStep.DEFAULT_MODE : step.mode();
    MigrationPrediction stepped = at.stepped();
    MigrationPrediction p =
        stepped != null ? stepped : SimulatedMigrations.predict(step, state, bandwidth);
    if (!p.converges()) {
      return Simulated.failed(
          0,
          "the "
              + mode
              + " model says the migration of "
              + part.name()
              + " never converges: its workload dirties "
              + part.decl.validWorkload().dirtyRate()
              + " of a "
              + part.decl.validWorkload().workingSet()
              + " working set, faster than "
              + String.format("%.0f MiB/s", bandwidth / (1 << 20))
              + " drains it within the downtime limit");
    }
    long took = at.spanMs().orElse(p.total().toMillis());
    Simulated done = Simulated.passed(took);
    Map<String, Metric> m = done.metrics();
    Measures.TOTAL.record(m, took);
    Measures.LIBVIRT_DOWNTIME.record(m, p.downtime().toMillis());
    Measures.GUEST_DOWNTIME_GAP.record(m, p.downtime().toMillis());
    Measures.LOST_HEARTBEATS.record(m, 0L);
    Measures.BYTES_SENT.record(m, p.bytesSent() / (double) (1 << 20));
    Measures.ITERATIONS.record(m, (long) p.rounds());
    Measures.DIRTY_RATE.record(
        m, part.decl.validWorkload().dirtyRate().bytesPerSecond() / (1 << 20));
    Measures.BANDWIDTH.record(m, bandwidth / (1 << 20));
    done.series().add(modelCurve(part.name(), at.nowMs(), p));
    state.relocate(part, step.validToPool(), List.of(cell.get()));
    part.gap(p.downtime().toMillis());
    return done;
  }

  /**
   * The model's curve as a real migration's report draws it beside the samples: what is left to
   * send where each pass begins, then nothing where it ends.
   */
  private static TimeSeries modelCurve(String partition, long startMs, MigrationPrediction p) {
    List<TimeSeries.Point> points = new ArrayList<>();
    for (MigrationPrediction.Pass pass : p.passes()) {
      points.add(
          new TimeSeries.Point(
              startMs + pass.start().toMillis(), pass.bytes() / (double) (1 << 20)));
    }
    points.add(new TimeSeries.Point(startMs + p.total().toMillis(), 0.0));
    return new TimeSeries(MigrationSeries.MODEL_REMAINING, partition, "MiB", points);
  }

  /** The spare's cell is usable inside the pool after the measured join. */
  private static Simulated addNode(AddNodeStep step, SimState state, At at) {
    PoolState pool = state.pool(step.validPool());
    Cell cell = pool.cell(step.validNode());
    pool.members.add(step.validNode());
    return node(state.model.nodeJoin(), cell, cell.cpus());
  }

  /** Its partitions move away first (with evacuate), then the cell leaves. */
  private static Simulated removeNode(RemoveNodeStep step, SimState state, At at) {
    PoolState pool = state.pool(step.validPool());
    List<String> residents =
        state.running(step.validPool()).stream()
            .filter(p -> p.cells.contains(step.validNode()))
            .map(Part::name)
            .toList();
    if (!residents.isEmpty() && !step.evacuate()) {
      return Simulated.failed(
          0,
          "node "
              + step.validNode()
              + " still hosts "
              + String.join(", ", residents)
              + "; without evacuate it cannot leave pool "
              + pool.plan.name());
    }
    Map<String, List<String>> targets;
    try {
      targets = Evacuation.plan(state.snapshot(step.validPool()), step.validNode(), residents);
    } catch (RuntimeException e) {
      return Simulated.failed(
          0, "cannot evacuate node " + step.validNode() + ": " + e.getMessage());
    }
    Simulated moves = moves(state, targets);
    Cell cell = pool.cell(step.validNode());
    pool.members.remove(step.validNode());
    Simulated change = node(state.model.nodeLeave(), cell, 0);
    change.metrics().putAll(moves.metrics());
    return change.lasting(moves.durationMs() + change.durationMs());
  }

  /** The rebalancing policy's moves, one after the other. */
  private static Simulated rebalance(RebalanceStep step, SimState state, At at) {
    Rebalancing.Plan plan = Rebalancing.plan(state.snapshot(step.validPool()));
    Map<String, List<String>> targets = new LinkedHashMap<>();
    for (Rebalancing.Move move : plan.moves()) {
      List<String> cells =
          targets.getOrDefault(move.partition(), state.partition(move.partition()).cells);
      targets.put(
          move.partition(),
          cells.stream().map(c -> c.equals(move.from()) ? move.to() : c).toList());
    }
    Simulated done = moves(state, targets);
    Measures.MOVES.record(done.metrics(), (long) plan.moves().size());
    Measures.CPU_SPREAD_BEFORE.record(done.metrics(), Math.round(plan.before().cpu() * 100));
    Measures.CPU_SPREAD_AFTER.record(done.metrics(), Math.round(plan.after().cpu() * 100));
    return done;
  }

  /** Partitions moved to their new cells in order, with each move's figures and the longest gap. */
  private static Simulated moves(SimState state, Map<String, List<String>> targets) {
    Simulated done = Simulated.passed(0);
    long ms = 0;
    long longest = 0;
    for (Map.Entry<String, List<String>> target : targets.entrySet()) {
      Part part = state.partition(target.getKey());
      long took = state.model.move(part.memory, state.linkBytesPerSecond()).toMillis();
      long gap = state.model.moveGuestDowntime().toMillis();
      Measures.MOVED_TOTAL.record(done.metrics(), part.name(), took);
      Measures.MOVED_MEMORY.record(done.metrics(), part.name(), Metric.mib(part.memory).value());
      Measures.MOVED_GUEST_DOWNTIME.record(done.metrics(), part.name(), gap);
      part.cells = target.getValue();
      part.gap(gap);
      ms += took;
      longest = Math.max(longest, gap);
    }
    if (!targets.isEmpty()) {
      Measures.GUEST_DOWNTIME_GAP.record(done.metrics(), longest);
    }
    return done.lasting(ms);
  }

  private static Simulated node(Duration seen, Cell cell, int cpus) {
    Simulated done = Simulated.passed(seen.toMillis());
    Map<String, Metric> m = done.metrics();
    Measures.SEEN_AFTER_NODE.record(m, seen.toMillis());
    Measures.CPUS.record(m, (long) cpus);
    Measures.CPUS_PLANNED.record(m, (long) cell.cpus());
    Measures.MEMORY.record(m, Metric.mib(cell.memory()).value());
    Measures.MEMORY_PLANNED.record(m, Metric.mib(cell.memory()).value());
    return done;
  }
}
