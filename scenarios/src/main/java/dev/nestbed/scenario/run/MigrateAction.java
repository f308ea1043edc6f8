package dev.nestbed.scenario.run;

import dev.nestbed.aggregator.pool.NestedPool;
import dev.nestbed.aggregator.pool.Pool;
import dev.nestbed.core.value.TimeSpan;
import dev.nestbed.migration.MigrationFailedException;
import dev.nestbed.migration.MigrationMode;
import dev.nestbed.migration.MigrationOptions;
import dev.nestbed.migration.MigrationResult;
import dev.nestbed.migration.MigrationSample;
import dev.nestbed.migration.MigrationTarget;
import dev.nestbed.migration.PartitionMigration;
import dev.nestbed.partitioner.Partition;
import dev.nestbed.scenario.plan.Placement;
import dev.nestbed.scenario.record.Metric;
import dev.nestbed.scenario.record.TimeSeries;
import dev.nestbed.scenario.spec.MigrateStep;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code migrate}: live migration of a partition to another pool, between {@code host} pools over
 * local nodes, the memory crossing the nodes' network. Records what was measured (inside the guest
 * and by libvirt) next to the pre-copy model's prediction, and the job's remaining memory as a
 * series. Afterwards the partition belongs to the destination pool. A migration that fails or
 * times out fails the step; the partition keeps running in its source pool.
 */
final class MigrateAction implements StepAction {
  private static final double MIB = 1024.0 * 1024;
  private final MigrateStep step;
  private final Duration timeout;
  private String note = "";

  /** @param timeout after this long the migration job is aborted */
  MigrateAction(MigrateStep step, Duration timeout) {
    this.step = step;
    this.timeout = timeout;
  }

  @Override
  public Map<String, Metric> run(RunState state) throws InterruptedException {
    String name = step.partition();
    Partition partition = state.running(name);
    Pool from = state.pool(state.placement(name).pool());
    Pool to = state.pool(step.toPool());
    for (Pool pool : List.of(from, to)) {
      if (pool instanceof NestedPool) {
        throw new NotSupportedException("migrate " + name + " from pool " + from.name() + " to pool " + to.name()
            + " (pool " + pool.name() + " is nested: its partitions are L2 guests inside an L1)", "nested");
      }
    }
    String address = to.migrationAddress().orElseThrow(() -> new NotSupportedException("migrate " + name
        + " into pool " + to.name() + " (adopted by uri: nestbed knows no address of that machine to send the"
        + " memory to)", to.plan().backend()));
    MigrationTarget target = new MigrationTarget(to.libvirt(), to.libvirt().name(), address);
    state.progress.detail(name + " migrating " + partition.node() + " -> " + target.node() + " (" + options().mode()
        + ")");
    MigrationResult result;
    try {
      result = PartitionMigration.run(partition, target, options());
    } catch (MigrationFailedException e) {
      state.addSeries(remaining(e.samples(), state));
      throw e;
    }
    state.relocate(new Placement(name, to.name(), to.plan().cells().stream().map(c -> c.node()).toList()));
    state.addSeries(remaining(result.samples(), state));
    if (!result.lineOpenedDuringMigration()) {
      note = "the agent's line at " + target.node() + " opened only after the switch-over: guest-downtime includes"
          + " the time to open it";
    }
    if (result.postcopyStarted()) {
      note = (note.isEmpty() ? "" : note + "; ") + "switched to post-copy";
    }
    state.progress.detail(result.describe());
    return metrics(result);
  }

  MigrationOptions options() {
    return new MigrationOptions(MigrationMode.of(step.mode() == null ? MigrateStep.DEFAULT_MODE : step.mode()),
        Optional.ofNullable(step.maxDowntime()).map(TimeSpan::toDuration), Optional.ofNullable(step.bandwidth()),
        step.connections() == null ? 1 : step.connections(),
        step.postcopyAfterIterations() == null ? OptionalInt.empty() : OptionalInt.of(step.postcopyAfterIterations()),
        Optional.ofNullable(step.postcopyAfter()).map(TimeSpan::toDuration), timeout,
        MigrationOptions.DEFAULT_SAMPLE);
  }

  static Map<String, Metric> metrics(MigrationResult r) {
    Map<String, Metric> m = new LinkedHashMap<>();
    m.put("total-time", Metric.millis(r.total().toMillis()));
    r.libvirtDowntime().ifPresent(d -> m.put("downtime", Metric.millis(d.toMillis())));
    m.put("guest-downtime", Metric.millis(r.guestDowntime().largestGap().toMillis()));
    m.put("lost-heartbeats", new Metric(r.guestDowntime().lostBeats(), "count"));
    m.put("bytes-sent", new Metric(r.bytesSent() / MIB, "MiB"));
    r.iterations().ifPresent(n -> m.put("iterations", new Metric(n, "count")));
    m.put("memory-intact", new Metric(r.memoryIntact() ? 1 : 0, "bool"));
    m.put("dirty-rate", new Metric(r.dirtyRate() / MIB, "MiB/s"));
    m.put("bandwidth", new Metric(r.bandwidth() / MIB, "MiB/s"));
    if (r.prediction().converges()) {
      m.put("model.rounds", new Metric(r.prediction().rounds(), "count"));
      m.put("model.total-time", Metric.millis(r.prediction().total().toMillis()));
      m.put("model.downtime", Metric.millis(r.prediction().downtime().toMillis()));
      m.put("model.bytes-sent", new Metric(r.prediction().bytesSent() / MIB, "MiB"));
    } else {
      m.put("model.converges", new Metric(0, "bool"));
    }
    return m;
  }

  private TimeSeries remaining(List<MigrationSample> samples, RunState state) {
    List<TimeSeries.Point> points = samples.stream()
        .map(s -> new TimeSeries.Point(state.clock.toMs(s.hostNanos()),
            Math.round(s.stats().memoryRemaining().orElse(0) / MIB * 10) / 10.0))
        .toList();
    return new TimeSeries("migration-remaining", step.partition(), "MiB", points);
  }

  @Override
  public String note() {
    return note;
  }
}
