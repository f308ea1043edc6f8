package dev.nestbed.migration;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.host.QemuVersion;
import dev.nestbed.core.libvirt.DomainEventRegistration;
import dev.nestbed.core.libvirt.LibvirtDomain;
import dev.nestbed.core.libvirt.MigrationJobStats;
import dev.nestbed.core.libvirt.MigrationRequest;
import dev.nestbed.core.model.MigrationCalibration;
import dev.nestbed.core.model.MigrationInputs;
import dev.nestbed.core.model.MigrationPrediction;
import dev.nestbed.core.model.PrecopyModel;
import dev.nestbed.core.run.Teardown;
import dev.nestbed.partitioner.Partition;
import dev.nestbed.partitioner.agent.AgentChannel;
import dev.nestbed.partitioner.agent.AgentStatus;
import dev.nestbed.partitioner.agent.Heartbeat;
import dev.nestbed.partitioner.agent.MemoryChecksum;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live-migrates one running partition to another libvirt, measured from inside the guest: its
 * agent's checksum before and after, the heartbeat gap across the switch-over, and libvirt's own
 * job figures sampled while it runs. On success the {@link Partition} runs at the destination (same
 * heartbeat log). On failure or timeout the job is aborted, and before the failure is reported it
 * is verified that the partition still runs at the source with its memory intact and that nothing
 * is left at the destination.
 */
public final class PartitionMigration {
  private static final Logger log = LoggerFactory.getLogger(PartitionMigration.class);

  /** How long libvirt may take to end a job after an abort, or to fail after a lost peer. */
  private static final Duration AFTER_ABORT = Duration.ofSeconds(60);

  private static final Duration BEAT_WITHIN = Duration.ofSeconds(10);

  private final Partition partition;
  private final MigrationTarget target;
  private final MigrationOptions options;
  private final Consumer<PostcopySwitch> switched;

  /** The switch to post-copy once made; set once, by whichever rule fires first. */
  private final AtomicReference<PostcopySwitch> postcopy = new AtomicReference<>();

  /**
   * Held while deciding to end pre-copy, by switching (the switcher thread on a pass event, or the
   * sampler by time) or by aborting at the timeout (the sampler): only one of them may act on the
   * job. Never taken on libvirt's event thread, which must not wait for a libvirt call to return.
   */
  private final Object ending = new Object();

  private volatile @Nullable String abortedBecause;

  /** Read by libvirt's event thread too. */
  private volatile long startedNanos;

  private PartitionMigration(
      Partition partition,
      MigrationTarget target,
      MigrationOptions options,
      Consumer<PostcopySwitch> switched) {
    this.partition = partition;
    this.target = target;
    this.options = options;
    this.switched = switched;
  }

  /**
   * Migrates {@code partition} to {@code target} and returns what was measured.
   *
   * @throws MigrationFailedException when it did not migrate (the message says why and what state
   *     the partition was verified to be in)
   */
  public static MigrationResult run(
      Partition partition, MigrationTarget target, MigrationOptions options)
      throws InterruptedException {
    return run(partition, target, options, made -> {});
  }

  /**
   * As {@link #run(Partition, MigrationTarget, MigrationOptions)}, and tells {@code switched} when
   * and why the job switched to post-copy (on the thread that switched it).
   */
  static MigrationResult run(
      Partition partition,
      MigrationTarget target,
      MigrationOptions options,
      Consumer<PostcopySwitch> switched)
      throws InterruptedException {
    return new PartitionMigration(partition, target, options, switched).run();
  }

  /** What the agent's workload writes after a pause to catch up: at most 100 ms of it. */
  private static final Duration AGENT_CATCH_UP = Duration.ofMillis(100);

  private MigrationResult run() throws InterruptedException {
    String name = partition.spec().name();
    String from = partition.node();
    LibvirtDomain source = partition.domain();
    MemoryChecksum before = partition.checksum();
    if (!before.intact()) {
      throw new NestbedException(
          "partition "
              + name
              + " on "
              + from
              + " reports "
              + before.badWords()
              + " bad words before migrating: its memory was damaged already",
          "see its console log");
    }
    AgentStatus status = partition.status();
    options.maxDowntime().ifPresent(source::setMigrationMaxDowntime);
    MigrationRequest plain =
        new MigrationRequest(
            target.libvirt(),
            target.dataUri(),
            options.bandwidth(),
            options.mode() == MigrationMode.AUTO_CONVERGE,
            options.mode() == MigrationMode.POSTCOPY,
            options.connections(),
            Optional.empty());
    MigrationRequest request =
        target.cells().isEmpty()
            ? plain
            : plain.withDestinationXml(partition.xmlBoundTo(target.cells()));

    startedNanos = System.nanoTime();
    // Created before anything starts, so that its samples can be read on every way out; it
    // starts no thread until it is started below.
    MigrationJobSampler sampler =
        MigrationJobSampler.of(source, name, sample -> control(source, sample));
    CompletableFuture<LibvirtDomain> call = new CompletableFuture<>();
    DestinationLine line =
        DestinationLine.watch(
            name,
            partition.domainName(),
            target.libvirt(),
            partition.heartbeats(),
            options.timeout().plus(AFTER_ABORT),
            () ->
                call.isCompletedExceptionally()
                    ? Optional.of("the migration failed")
                    : Optional.empty());
    LibvirtDomain moved;
    long returnedNanos;
    try {
      // Everything that watches or steers the job is stopped when this block ends, however it
      // ends: a pass listener left registered would switch a later migration of the same domain.
      try (Teardown watchers = new Teardown()) {
        PostcopySwitcher switcher = new PostcopySwitcher(name);
        watchers.add("stop the post-copy switcher of " + name, switcher::close);
        if (options.mode() == MigrationMode.POSTCOPY) {
          // Before the call starts, so no pass goes unheard; a 200 ms sampler missed the short
          // ones.
          DomainEventRegistration passes =
              source.onMigrationIteration(pass -> onPass(source, pass, switcher));
          watchers.add("stop listening for the migration passes of " + name, passes::close);
        }
        watchers.add("stop sampling the migration job of " + name, sampler::close);
        sampler.start(options.sampleEvery());
        startCaller(name, () -> source.migrate(request), call);
        moved = call.get(options.timeout().plus(AFTER_ABORT).toMillis(), TimeUnit.MILLISECONDS);
        returnedNanos = System.nanoTime();
      }
    } catch (ExecutionException | TimeoutException e) {
      // The watchers are stopped by now: nothing acts on the job while its end is verified.
      line.abandon();
      Throwable cause =
          e instanceof ExecutionException ? Objects.requireNonNullElse(e.getCause(), e) : e;
      MigrationFailedException failure = failed(from, cause, sampler.samples());
      for (Throwable teardown : e.getSuppressed()) {
        failure.addSuppressed(teardown);
      }
      throw failure;
    } catch (InterruptedException | RuntimeException e) {
      line.abandon();
      throw e;
    }
    boolean early = line.openedNanos() != 0 && line.openedNanos() < returnedNanos;
    AgentChannel destinationLine;
    try {
      destinationLine = line.await(Duration.ofSeconds(30));
    } catch (InterruptedException | RuntimeException e) {
      line.abandon(); // its opener may still be trying: stop it
      throw e;
    }
    partition.relocate(moved, target.node(), destinationLine);
    Heartbeat firstAfter =
        partition
            .heartbeats()
            .awaitAfter(returnedNanos, BEAT_WITHIN)
            .orElseThrow(() -> silentAfterSwitch(moved));
    GuestDowntime downtime =
        GuestDowntime.measure(
            partition.heartbeats().snapshot(), startedNanos, firstAfter.hostNanos());
    // QEMU's own dirty rate counts the pages a pass must send again, which is what the model needs;
    // it computes one at most once a second, at the end of a pass, so short migrations have none.
    // Only then is the guest asked what its workload achieved (one more agent round trip, seconds
    // in a nested guest): under emulation that can fall far short of the rate it was given.
    List<MigrationSample> samples = sampler.samples();
    Optional<Double> measuredDirty = ModelInputs.dirtyRate(samples);
    Optional<Double> achievedDirty =
        measuredDirty.isPresent() || partition.spec().dirtyRate().isZero()
            ? Optional.empty()
            : achievedDirtyRate(status, downtime.largestGap());
    MemoryChecksum after = partition.checksum();
    if (!after.intact()) {
      throw new NestbedException(
          "partition "
              + name
              + " migrated to "
              + target.node()
              + " but its agent finds "
              + after.badWords()
              + " bad words in "
              + after.bytes()
              + " bytes: memory was lost or damaged",
          "the guest keeps running at " + target.node() + "; see its console log");
    }
    if (partition.spec().dirtyRate().isZero() && !after.value().equals(before.value())) {
      throw new NestbedException(
          "partition "
              + name
              + " migrated to "
              + target.node()
              + " but the checksum of"
              + " its (idle) working set changed from "
              + before.value()
              + " to "
              + after.value(),
          null);
    }
    MigrationJobStats completed = moved.completedJobStats();
    return result(
        from,
        completed,
        downtime,
        before,
        after,
        status,
        measuredDirty,
        achievedDirty,
        samples,
        returnedNanos,
        early);
  }

  /**
   * What the workload wrote from {@code before} (read just before the migration) to now (just after
   * the guest is heard at its destination), per second it could write: the pause is left out (after
   * one the agent catches up at most 100 ms of writing). It is a model input, so a guest that does
   * not answer leaves it unknown rather than failing a migration that succeeded.
   */
  private Optional<Double> achievedDirtyRate(AgentStatus before, Duration pause) {
    Duration couldNotWrite = pause.minus(AGENT_CATCH_UP);
    try {
      return partition
          .status()
          .dirtyRateSince(before, couldNotWrite.isNegative() ? Duration.ZERO : couldNotWrite);
    } catch (RuntimeException e) {
      log.warn(
          "partition {}: no status after the migration, so no achieved dirty rate: {}",
          partition.spec().name(),
          e.getMessage());
      return Optional.empty();
    }
  }

  /** The guest was moved but is not heard at its new place: say what libvirt says of it. */
  private NestbedException silentAfterSwitch(LibvirtDomain moved) {
    String state;
    try {
      state = "its domain there is " + moved.state().toString().toLowerCase(java.util.Locale.ROOT);
    } catch (RuntimeException e) {
      state = "its domain there cannot be asked: " + e.getMessage();
    }
    return new NestbedException(
        "partition "
            + partition.spec().name()
            + " migrated to "
            + target.node()
            + " but no heartbeat arrived from there within "
            + BEAT_WITHIN.toSeconds()
            + " s; "
            + state,
        knownQemuBug(moved)
            .orElse(
                "see its console log: a guest kernel that oopsed right after the"
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

  /**
   * Called on libvirt's event thread as each pre-copy pass begins: the switch to post-copy by
   * passes. The pass and its time are taken here, but the switch is made on {@code switcher}: every
   * event of every connection of this JVM waits while this runs, and the switch is a libvirt call
   * made under {@link #ending}, which an abort may hold for as long as libvirt takes.
   */
  private void onPass(LibvirtDomain source, int pass, PostcopySwitcher switcher) {
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
    log.debug(
        "{}: pass {} began {} ms into the migration",
        partition.spec().name(),
        pass,
        elapsed.toMillis());
    if (options.postcopyDueAtPass(pass)) {
      PostcopySwitch why = new PostcopySwitch(pass, elapsed, PostcopySwitch.Trigger.PASS_EVENT);
      if (!switcher.submit(() -> switchToPostcopy(source, why))) {
        // libvirt may be dispatching this event while the registration closes: the call has ended
        log.debug(
            "{}: pass {} was heard after the migration ended; not switched",
            partition.spec().name(),
            pass);
      }
    }
  }

  /**
   * Called with every running sample: the switch to post-copy by time, and the abort at the
   * timeout.
   */
  private void control(LibvirtDomain source, MigrationSample sample) {
    Duration elapsed = Duration.ofNanos(sample.hostNanos() - startedNanos);
    if (options.postcopyDueAfter(elapsed)) {
      switchToPostcopy(
          source,
          new PostcopySwitch(
              sample.stats().iteration().orElse(0), elapsed, PostcopySwitch.Trigger.ELAPSED_TIME));
    }
    synchronized (ending) {
      if (postcopy.get() == null
          && abortedBecause == null
          && elapsed.compareTo(options.timeout()) >= 0) {
        abortedBecause =
            TimeoutReason.of(
                sample.stats(),
                options.timeout(),
                options.maxDowntime().orElse(PrecopyModel.QEMU_DEFAULT_DOWNTIME));
        log.info("{}: {}", partition.spec().name(), abortedBecause);
        source.abortJob();
      }
    }
  }

  /**
   * Switches the job to post-copy unless it switched or was aborted already. A refused switch (the
   * job was completing) leaves it in pre-copy, and the next pass or sample may try again.
   */
  private void switchToPostcopy(LibvirtDomain source, PostcopySwitch why) {
    synchronized (ending) {
      if (postcopy.get() != null || abortedBecause != null) {
        return;
      }
      try {
        source.startPostCopy();
      } catch (RuntimeException e) {
        log.warn(
            "{}: the switch to post-copy {} was refused: {}",
            partition.spec().name(),
            why.describe(),
            e.getMessage());
        return;
      }
      postcopy.set(why);
    }
    log.info("{}: switched to post-copy {}", partition.spec().name(), why.describe());
    switched.accept(why);
  }

  /** Runs the migration call on a thread of its own, completing {@code call} with its outcome. */
  private static void startCaller(
      String name, Callable<LibvirtDomain> migrate, CompletableFuture<LibvirtDomain> call) {
    Thread caller =
        new Thread(
            () -> {
              try {
                call.complete(migrate.call());
              } catch (Throwable e) {
                call.completeExceptionally(e);
              }
            },
            "migrate-" + name);
    caller.setDaemon(true);
    caller.start();
  }

  /** Checks where the partition is after a failed migration, and says so in the exception. */
  private MigrationFailedException failed(
      String from, Throwable cause, List<MigrationSample> samples) {
    String name = partition.spec().name();
    String why = abortedBecause != null ? abortedBecause : cause.getMessage();
    StringBuilder verified = new StringBuilder();
    try {
      boolean beating =
          partition.heartbeats().awaitAfter(System.nanoTime(), BEAT_WITHIN).isPresent();
      MemoryChecksum now = partition.checksum();
      verified
          .append(
              beating ? name + " still runs on " + from : name + " sends no heartbeat on " + from)
          .append(
              now.intact() ? " with its memory intact" : " with " + now.badWords() + " bad words");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      verified.append("interrupted while checking ").append(name).append(" on ").append(from);
    } catch (RuntimeException e) {
      verified
          .append(name)
          .append(" cannot be heard on ")
          .append(from)
          .append(": ")
          .append(e.getMessage());
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
    return new MigrationFailedException(
        "migration of partition "
            + name
            + " from "
            + from
            + " to "
            + target.node()
            + " failed: "
            + why
            + "; "
            + verified,
        abortedBecause != null
            ? "raise the timeout, the bandwidth or max-downtime, or use mode auto-converge"
            : "see the libvirtd logs of both nodes",
        samples,
        cause);
  }

  private MigrationResult result(
      String from,
      MigrationJobStats completed,
      GuestDowntime downtime,
      MemoryChecksum before,
      MemoryChecksum after,
      AgentStatus status,
      Optional<Double> measuredDirty,
      Optional<Double> achievedDirty,
      List<MigrationSample> samples,
      long returnedNanos,
      boolean early) {
    Duration total = Duration.ofNanos(returnedNanos - startedNanos);
    long sent =
        completed
            .dataProcessed()
            .orElse(
                samples.isEmpty()
                    ? 0
                    : samples.get(samples.size() - 1).stats().dataProcessed().orElse(0));
    long memory = partition.spec().memory().bytes();
    // what QEMU found to send as whole pages; where libvirt does not count, what the kernel uses
    long modelMemory =
        ModelInputs.firstPassMemory(completed, Math.max(memory, partition.memoryNow().bytes()))
            .orElse(Math.max(0, memory - status.memFree().bytes()));
    double dirty =
        measuredDirty.orElse(achievedDirty.orElse(partition.spec().dirtyRate().bytesPerSecond()));
    String dirtySource =
        measuredDirty.isPresent()
            ? MigrationResult.DIRTY_MEASURED_BY_QEMU
            : achievedDirty.isPresent()
                ? MigrationResult.DIRTY_ACHIEVED_BY_GUEST
                : MigrationResult.DIRTY_CONFIGURED;
    double bandwidth =
        ModelInputs.bandwidth(samples).orElse(sent / Math.max(1e-3, total.toNanos() / 1e9));
    Duration limit = options.maxDowntime().orElse(PrecopyModel.QEMU_DEFAULT_DOWNTIME);
    // the fixed costs are this project's machine's until a host calibrates its own (issue 18)
    MigrationPrediction prediction =
        PrecopyModel.predict(
            new MigrationInputs(
                modelMemory, partition.spec().workingSet().bytes(), dirty, bandwidth, limit),
            MigrationCalibration.MEASURED_HERE);
    MigrationResult result =
        new MigrationResult(
            partition.spec().name(),
            from,
            target.node(),
            options.mode(),
            total,
            Duration.ofMillis(completed.elapsedMs().orElse(total.toMillis())),
            downtimeOf(completed),
            downtime,
            sent,
            completed.memoryTotal().orElse(memory),
            completed.iteration(),
            dirty,
            dirtySource,
            bandwidth,
            modelMemory,
            limit,
            prediction,
            before,
            after,
            postcopy.get() != null,
            early,
            samples,
            startedNanos);
    log.info("{}", result.describe());
    return result;
  }

  private static Optional<Duration> downtimeOf(MigrationJobStats completed) {
    return completed.downtimeMs().isPresent()
        ? Optional.of(Duration.ofMillis(completed.downtimeMs().getAsLong()))
        : Optional.empty();
  }
}
