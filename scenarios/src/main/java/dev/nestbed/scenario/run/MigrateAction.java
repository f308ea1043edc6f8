package dev.nestbed.scenario.run;

import dev.nestbed.aggregator.pool.CellBinding;
import dev.nestbed.aggregator.pool.CellGroup;
import dev.nestbed.aggregator.pool.Pool;
import dev.nestbed.core.NestbedException;
import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.core.value.TimeSpan;
import dev.nestbed.migration.MigrationFailedException;
import dev.nestbed.migration.MigrationMode;
import dev.nestbed.migration.MigrationOptions;
import dev.nestbed.migration.MigrationResult;
import dev.nestbed.migration.MigrationTarget;
import dev.nestbed.migration.PartitionMigration;
import dev.nestbed.partitioner.Partition;
import dev.nestbed.partitioner.placement.CellSnapshot;
import dev.nestbed.partitioner.placement.DestinationCell;
import dev.nestbed.scenario.kind.Measures;
import dev.nestbed.scenario.plan.Placement;
import dev.nestbed.scenario.record.Metric;
import dev.nestbed.scenario.spec.MigrateStep;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code migrate}: live migration of a partition to another pool: between {@code host} pools over
 * local nodes, the memory crossing the nodes' network; or between {@code nested} pools, an L2 guest
 * going from one L1's libvirtd to another's, the memory crossing the interconnect between the L1s
 * (and so the nodes' network beneath). Records what was measured (inside the guest and by libvirt)
 * next to the pre-copy model's prediction, and the job's samples, the model's passes and the
 * downtime as series ({@link MigrationSeriesBuilder}). Afterwards the partition belongs to the
 * destination pool. A migration that fails or times out fails the step; the partition keeps running
 * in its source pool.
 */
final class MigrateAction implements StepAction {
  private static final double MIB = 1024.0 * 1024;
  private static final Duration ABORT_AND_CHECK = Duration.ofSeconds(90);

  /**
   * How long libvirt may take to learn what the guest has plugged (about a second measured; an L2
   * longer).
   */
  private static final Duration PLUGGED_SETTLES = Duration.ofSeconds(30);

  private final MigrateStep step;
  private final Duration timeout;
  private String note = "";

  /**
   * @param timeout after this long the migration job is aborted
   */
  MigrateAction(MigrateStep step, Duration timeout) {
    this.step = step;
    this.timeout = timeout;
  }

  /**
   * Past its timeout a migration is aborted, then the partition is checked where it runs; before
   * and after, its agent is asked for a checksum and its status. An L2 guest under nested TCG may
   * take minutes for each, a local guest a second.
   */
  @Override
  public Duration overrun(RunState state) {
    Duration agent =
        state.partition(step.validPartition()).map(Partition::agentReply).orElse(Duration.ZERO);
    return ABORT_AND_CHECK.plus(agent.multipliedBy(3));
  }

  @Override
  public Map<String, Metric> run(RunState state) throws InterruptedException {
    String name = step.validPartition();
    Partition partition = state.running(name);
    Pool from = state.pool(state.placement(name).pool());
    Pool to = state.pool(step.validToPool());
    boolean nested = to.guestsInside().isPresent();
    if (nested != from.guestsInside().isPresent()) {
      throw new NotSupportedException(
          "migrate "
              + name
              + " from pool "
              + from.name()
              + " to pool "
              + to.name()
              + " (between a host pool and a nested one: an L2 guest lives inside its L1, with the L1's paths and"
              + " network)",
          "nested");
    }
    if (from.files().isPresent() != to.files().isPresent()) {
      throw new NotSupportedException(
          "migrate "
              + name
              + " from pool "
              + from.name()
              + " to pool "
              + to.name()
              + " (between a remote host and this machine: the guest's image paths differ between them)",
          "remote");
    }
    Accelerator fromAccelerator = from.accelerator().orElse(state.environment.accelerator());
    Accelerator toAccelerator = to.accelerator().orElse(state.environment.accelerator());
    if (fromAccelerator.kind() != toAccelerator.kind()) {
      // A guest defined for one runs with that one's CPU: KVM's is the host's own, TCG's qemu64.
      throw new NestbedException(
          "migrate "
              + name
              + " from pool "
              + from.name()
              + " ("
              + fromAccelerator.kind()
              + ") to pool "
              + to.name()
              + " ("
              + toAccelerator.kind()
              + "): a guest cannot change accelerator while it runs (its CPU is the host's under"
              + " KVM, qemu64 under TCG)",
          "migrate between pools whose hosts run the same accelerator (each host's line at the"
              + " start of the run says which, and why)");
    }
    Optional<String> unsafe =
        TcgMigrationDefect.check(
            name,
            // the source pool's: a container or remote node emulates whatever this machine has
            fromAccelerator,
            partition.pluggedSettled(PLUGGED_SETTLES),
            step.allowUnsafe());
    // The destination QEMU opens the same kernel and initramfs paths: the run's pool on every host
    // has the same name, so placing the files there gives the same paths.
    to.files()
        .ifPresent(
            files -> {
              files.place(state.environment.image().kernel());
              files.place(state.environment.image().initramfs());
            });
    String address =
        to.migrationAddress()
            .orElseThrow(
                () ->
                    new NotSupportedException(
                        "migrate "
                            + name
                            + " into pool "
                            + to.name()
                            + " (adopted by uri: nestbed knows no address of that machine to send the"
                            + " memory to)",
                        to.plan().backend()));
    List<String> cells = to.plan().cells().stream().map(c -> c.node()).toList();
    List<CellBinding> bindTo = List.of();
    if (nested) {
      cells = List.of(cellInside(state, partition, to));
      bindTo = rebinding(state, name, from, to, cells.get(0));
    }
    MigrationTarget target =
        new MigrationTarget(to.libvirt(), to.libvirt().name(), address, bindTo);
    state.progress.detail(
        name
            + " migrating "
            + partition.node()
            + " -> "
            + target.node()
            + " ("
            + options().mode()
            + ")");
    OptionalLong receivedBefore = to.interconnectReceivedBytes();
    MigrationResult result;
    try {
      result = PartitionMigration.run(partition, target, options());
    } catch (MigrationFailedException e) {
      MigrationSeriesBuilder.sampled(name, e.samples(), state.clock).forEach(state::addSeries);
      throw unsafe.isPresent() ? withDefect(e, unsafe.get()) : e;
    } catch (NestbedException e) {
      throw unsafe.isPresent()
          ? withDefect(e, unsafe.get())
          : e; // e.g. the checksum found bad words
    }
    state.relocate(new Placement(name, to.name(), cells));
    MigrationSeriesBuilder.of(name, result, state.clock).forEach(state::addSeries);
    if (!result.lineOpenedDuringMigration()) {
      note =
          "the agent's line at "
              + target.node()
              + " opened only after the switch-over: guest-downtime includes"
              + " the time to open it";
    }
    if (unsafe.isPresent()) {
      note = (note.isEmpty() ? "" : note + "; ") + unsafe.get();
    }
    if (result.postcopyStarted()) {
      note = (note.isEmpty() ? "" : note + "; ") + "switched to post-copy";
    }
    state.progress.detail(result.describe());
    Map<String, Metric> metrics = metrics(result);
    if (receivedBefore.isPresent()) {
      long received = to.interconnectReceivedBytes().orElseThrow() - receivedBefore.getAsLong();
      Measures.INTERCONNECT_RECEIVED.record(metrics, received / MIB);
      state.progress.detail(
          String.format(
              "%s: the L1 of pool %s received %.1f MiB over the interconnect",
              name, to.name(), received / MIB));
    }
    return metrics;
  }

  /** The failure of a migration the step allowed although it was known to be unsafe, saying so. */
  private static NestbedException withDefect(NestbedException e, String unsafe) {
    return new NestbedException(e.getMessage() + " [" + unsafe + "]", e.hint().orElse(null), e);
  }

  MigrationOptions options() {
    return new MigrationOptions(
        MigrationMode.of(step.mode() == null ? MigrateStep.DEFAULT_MODE : step.mode()),
        Optional.ofNullable(step.maxDowntime()).map(TimeSpan::toDuration),
        Optional.ofNullable(step.bandwidth()),
        step.connections() == null ? 1 : step.connections(),
        step.postcopyAfterIterations() == null
            ? OptionalInt.empty()
            : OptionalInt.of(step.postcopyAfterIterations()),
        Optional.ofNullable(step.postcopyAfter()).map(TimeSpan::toDuration),
        timeout,
        MigrationOptions.DEFAULT_SAMPLE);
  }

  /**
   * The cell of nested pool {@code to} the partition will run on ({@link DestinationCell} picks it
   * from the cell account as it stands).
   */
  private static String cellInside(RunState state, Partition partition, Pool to) {
    String name = partition.spec().name();
    int vcpus = partition.vcpusNow();
    DataSize memory = partition.memoryNow();
    CellSnapshot cells = CellAccount.cells(state, to.name());
    return DestinationCell.choose(cells, vcpus, memory)
        .orElseThrow(
            () ->
                new NestbedException(
                    String.format(
                        "partition %s (%d vCPU, %d MiB) fits no cell of pool" + " %s: free %s",
                        name, vcpus, memory.mib(), to.name(), cells.ledger().describe(Set.of())),
                    "migrate it to a pool with room, or stop a partition there first; it keeps running where it is"));
  }

  /**
   * What the partition is bound to at the destination when that differs from its binding now (other
   * CPUs or NUMA nodes inside the other L1): then it migrates with its XML rebound. Empty when it
   * keeps its binding.
   */
  private static List<CellBinding> rebinding(
      RunState state, String name, Pool from, Pool to, String cell) {
    Optional<CellGroup> now = from.group(state.placement(name).cells());
    Optional<CellGroup> there = to.group(List.of(cell));
    if (now.isPresent() && now.equals(there)) {
      return List.of();
    }
    CellBinding binding =
        to.binding(cell)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "pool " + to.name() + " has no binding for its cell " + cell));
    state.progress.detail(
        String.format(
            "%s is bound to CPUs %s and NUMA node %d of pool %s's L1 there",
            name, binding.cpus(), binding.numaNode(), to.name()));
    return List.of(binding);
  }

  static Map<String, Metric> metrics(MigrationResult r) {
    Map<String, Metric> m = new LinkedHashMap<>();
    Measures.TOTAL.record(m, r.total().toMillis());
    r.libvirtDowntime().ifPresent(d -> Measures.LIBVIRT_DOWNTIME.record(m, d.toMillis()));
    Measures.GUEST_DOWNTIME_GAP.record(m, r.guestDowntime().largestGap().toMillis());
    Measures.LOST_HEARTBEATS.record(m, r.guestDowntime().lostBeats());
    Measures.BYTES_SENT.record(m, r.bytesSent() / MIB);
    r.iterations().ifPresent(n -> Measures.ITERATIONS.record(m, n));
    Measures.MEMORY_INTACT.record(m, r.memoryIntact() ? 1 : 0);
    Measures.DIRTY_RATE.record(m, r.dirtyRate() / MIB);
    Measures.BANDWIDTH.record(m, r.bandwidth() / MIB);
    if (r.prediction().converges()) {
      Measures.MODEL_ROUNDS.record(m, r.prediction().rounds());
      Measures.MODEL_TOTAL_TIME.record(m, r.prediction().total().toMillis());
      Measures.MODEL_DOWNTIME.record(m, r.prediction().downtime().toMillis());
      Measures.MODEL_BYTES_SENT.record(m, r.prediction().bytesSent() / MIB);
    } else {
      Measures.MODEL_CONVERGES.record(m, 0);
    }
    return m;
  }

  @Override
  public String note() {
    return note;
  }
}
