package dev.nestbed.migration;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.host.QemuVersion;
import dev.nestbed.core.libvirt.LibvirtDomain;
import dev.nestbed.core.libvirt.MigrationJobStats;
import dev.nestbed.core.libvirt.MigrationRequest;
import dev.nestbed.partitioner.Partition;
import dev.nestbed.partitioner.agent.AgentChannel;
import dev.nestbed.partitioner.agent.AgentStatus;
import dev.nestbed.partitioner.agent.Heartbeat;
import dev.nestbed.partitioner.agent.MemoryChecksum;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live-migrates one running partition to another libvirt, measured from inside the guest: its
 * agent's checksum before and after, the heartbeat gap across the switch-over, and libvirt's own
 * job figures sampled while it runs. On success the {@link Partition} runs at the destination
 * (same heartbeat log). On failure or timeout the job is aborted, and before the failure is
 * reported it is verified that the partition still runs at the source with its memory intact and
 * that nothing is left at the destination.
 */
public final class PartitionMigration {
  private static final Logger log = LoggerFactory.getLogger(PartitionMigration.class);
  /** How long libvirt may take to end a job after an abort, or to fail after a lost peer. */
  private static final Duration AFTER_ABORT = Duration.ofSeconds(60);
  private static final Duration BEAT_WITHIN = Duration.ofSeconds(10);

  private final Partition partition;
  private final MigrationTarget target;
  private final MigrationOptions options;
  private volatile boolean postcopyStarted;
  private volatile String abortedBecause;
  private long startedNanos;

  private PartitionMigration(Partition partition, MigrationTarget target, MigrationOptions options) {
    this.partition = partition;
    this.target = target;
    this.options = options;
  }

  /**
   * Migrates {@code partition} to {@code target} and returns what was measured.
   *
   * @throws MigrationFailedException when it did not migrate (the message says why and what state
   *     the partition was verified to be in)
   */
  public static MigrationResult run(Partition partition, MigrationTarget target, MigrationOptions options)
      throws InterruptedException {
    return new PartitionMigration(partition, target, options).run();
  }

  private MigrationResult run() throws InterruptedException {
    String name = partition.spec().name();
    String from = partition.node();
    LibvirtDomain source = partition.domain();
    MemoryChecksum before = partition.checksum();
    if (!before.intact()) {
      throw new NestbedException("partition " + name + " on " + from + " reports " + before.badWords()
          + " bad words before migrating: its memory was damaged already", "see its console log");
    }
    AgentStatus status = partition.status();
    options.maxDowntime().ifPresent(source::setMigrationMaxDowntime);
    MigrationRequest plain = new MigrationRequest(target.libvirt(), target.dataUri(), options.bandwidth(),
        options.mode() == MigrationMode.AUTO_CONVERGE, options.mode() == MigrationMode.POSTCOPY,
        options.connections(), Optional.empty());
    MigrationRequest request = target.cells().isEmpty() ? plain
        : plain.withDestinationXml(partition.xmlBoundTo(target.cells()));

    startedNanos = System.nanoTime();
    CompletableFuture<LibvirtDomain> call = new CompletableFuture<>();
    Thread caller = new Thread(() -> {
      try {
        call.complete(source.migrate(request));
      } catch (Throwable e) {
        call.completeExceptionally(e);
      }
    }, "migrate-" + name);
    caller.setDaemon(true);
    DestinationLine line = DestinationLine.watch(name, partition.domainName(), target.libvirt(),
        partition.heartbeats(), options.timeout().plus(AFTER_ABORT),
        () -> call.isCompletedExceptionally() ? Optional.of("the migration failed") : Optional.empty());
    MigrationJobSampler sampler = MigrationJobSampler.start(source, options.sampleEvery(), name,
        sample -> control(source, sample));
    caller.start();
    LibvirtDomain moved;
    long returnedNanos;
    try {
      moved = call.get(options.timeout().plus(AFTER_ABORT).toMillis(), TimeUnit.MILLISECONDS);
      returnedNanos = System.nanoTime();
    } catch (ExecutionException | TimeoutException e) {
      sampler.close();
      line.abandon();
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw failed(from, cause, sampler.samples());
    } finally {
      sampler.close();
    }
    boolean early = line.openedNanos() != 0 && line.openedNanos() < returnedNanos;
    AgentChannel destinationLine = line.await(Duration.ofSeconds(30));
    partition.relocate(moved, target.node(), destinationLine);
    Heartbeat firstAfter = partition.heartbeats().awaitAfter(returnedNanos, BEAT_WITHIN)
        .orElseThrow(() -> silentAfterSwitch(moved));
    GuestDowntime downtime = GuestDowntime.measure(partition.heartbeats().snapshot(), startedNanos,
        firstAfter.hostNanos());
    MemoryChecksum after = partition.checksum();
    if (!after.intact()) {
      throw new NestbedException("partition " + name + " migrated to " + target.node() + " but its agent finds "
          + after.badWords() + " bad words in " + after.bytes() + " bytes: memory was lost or damaged",
          "the guest keeps running at " + target.node() + "; see its console log");
    }
    if (partition.spec().dirtyRate().isZero() && !after.value().equals(before.value())) {
      throw new NestbedException("partition " + name + " migrated to " + target.node() + " but the checksum of"
          + " its (idle) working set changed from " + before.value() + " to " + after.value(), null);
    }
    MigrationJobStats completed = moved.completedJobStats();
    return result(from, completed, downtime, before, after, status, sampler.samples(), returnedNanos, early);
  }

  /** The guest was moved but is not heard at its new place: say what libvirt says of it. */
  private NestbedException silentAfterSwitch(LibvirtDomain moved) {
    String state;
    try {
      state = "its domain there is " + moved.state().toString().toLowerCase(java.util.Locale.ROOT);
    } catch (RuntimeException e) {
      state = "its domain there cannot be asked: " + e.getMessage();
    }
    return new NestbedException("partition " + partition.spec().name() + " migrated to " + target.node()
        + " but no heartbeat arrived from there within " + BEAT_WITHIN.toSeconds() + " s; " + state,
        knownQemuBug(moved).orElse("see its console log: a guest kernel that oopsed right after the"
            + " switch-over lost memory in the migration"));
  }

  /** A TCG guest whose QEMU is known to lose stores in migration: name that as the likely cause. */
  private Optional<String> knownQemuBug(LibvirtDomain moved) {
    try {
      QemuVersion qemu = QemuVersion.ofLibvirt(target.libvirt().hypervisorVersion());
      boolean tcg = moved.xml().contains("type='qemu'");
      return tcg && qemu.losesStoresInTcgMigration()
          ? Optional.of("likely cause: " + qemu.tcgMigrationProblem() + "; see its console log")
          : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Called with every running sample: the switch to post-copy, and the abort at the timeout. */
  private void control(LibvirtDomain source, MigrationSample sample) {
    Duration elapsed = Duration.ofNanos(sample.hostNanos() - startedNanos);
    if (!postcopyStarted && options.postcopyDue(sample.stats().iteration().orElse(0), elapsed)) {
      log.info("{}: switching to post-copy after {} ms, iteration {}", partition.spec().name(), elapsed.toMillis(),
          sample.stats().iteration().orElse(0));
      source.startPostCopy();
      postcopyStarted = true;
    }
    if (!postcopyStarted && abortedBecause == null && elapsed.compareTo(options.timeout()) >= 0) {
      abortedBecause = TimeoutReason.of(sample.stats(), options.timeout(),
          options.maxDowntime().orElse(PrecopyModel.QEMU_DEFAULT_DOWNTIME));
      log.info("{}: {}", partition.spec().name(), abortedBecause);
      source.abortJob();
    }
  }

  /** Checks where the partition is after a failed migration, and says so in the exception. */
  private MigrationFailedException failed(String from, Throwable cause, List<MigrationSample> samples) {
    String name = partition.spec().name();
    String why = abortedBecause != null ? abortedBecause : cause.getMessage();
    StringBuilder verified = new StringBuilder();
    try {
      boolean beating = partition.heartbeats().awaitAfter(System.nanoTime(), BEAT_WITHIN).isPresent();
      MemoryChecksum now = partition.checksum();
      verified.append(beating ? name + " still runs on " + from : name + " sends no heartbeat on " + from)
          .append(now.intact() ? " with its memory intact" : " with " + now.badWords() + " bad words");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      verified.append("interrupted while checking ").append(name).append(" on ").append(from);
    } catch (RuntimeException e) {
      verified.append(name).append(" cannot be heard on ").append(from).append(": ").append(e.getMessage());
    }
    try {
      Optional<LibvirtDomain> left = target.libvirt().lookup(partition.domainName());
      if (left.isPresent()) {
        left.get().destroyAndUndefine();
        verified.append("; a half-created domain at ").append(target.node()).append(" was removed");
      } else {
        verified.append("; nothing left on ").append(target.node());
      }
    } catch (RuntimeException e) {
      verified.append("; cannot check ").append(target.node()).append(": ").append(e.getMessage());
    }
    return new MigrationFailedException("migration of partition " + name + " from " + from + " to " + target.node()
        + " failed: " + why + "; " + verified,
        abortedBecause != null ? "raise the timeout, the bandwidth or max-downtime, or use mode auto-converge"
            : "see the libvirtd logs of both nodes", samples, cause);
  }

  private MigrationResult result(String from, MigrationJobStats completed, GuestDowntime downtime,
      MemoryChecksum before, MemoryChecksum after, AgentStatus status, List<MigrationSample> samples,
      long returnedNanos, boolean early) {
    Duration total = Duration.ofNanos(returnedNanos - startedNanos);
    long sent = completed.dataProcessed().orElse(samples.isEmpty() ? 0
        : samples.get(samples.size() - 1).stats().dataProcessed().orElse(0));
    long memory = partition.spec().memory().bytes();
    long modelMemory = Math.max(0, memory - status.memFree().bytes());
    Optional<Double> measuredDirty = ModelInputs.dirtyRate(samples);
    double dirty = measuredDirty.orElse(partition.spec().dirtyRate().bytesPerSecond());
    double bandwidth = ModelInputs.bandwidth(samples).orElse(sent / Math.max(1e-3, total.toNanos() / 1e9));
    Duration limit = options.maxDowntime().orElse(PrecopyModel.QEMU_DEFAULT_DOWNTIME);
    PrecopyModel.Prediction prediction = PrecopyModel.predict(modelMemory, partition.spec().workingSet().bytes(),
        dirty, bandwidth, limit);
    MigrationResult result = new MigrationResult(partition.spec().name(), from, target.node(), options.mode(), total,
        Duration.ofMillis(completed.elapsedMs().orElse(total.toMillis())),
        downtimeOf(completed), downtime, sent, completed.memoryTotal().orElse(memory), completed.iteration(), dirty,
        measuredDirty.isPresent() ? "measured by QEMU" : "configured",
        bandwidth, modelMemory, limit, prediction, before, after, postcopyStarted, early, samples);
    log.info("{}", result.describe());
    return result;
  }

  private static Optional<Duration> downtimeOf(MigrationJobStats completed) {
    return completed.downtimeMs().isPresent() ? Optional.of(Duration.ofMillis(completed.downtimeMs().getAsLong()))
        : Optional.empty();
  }
}
