package dev.nestbed.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestbed.aggregator.Node;
import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.aggregator.local.LocalNodeProvider;
import dev.nestbed.core.NestbedException;
import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.image.GuestImage;
import dev.nestbed.core.libvirt.LibvirtDomain;
import dev.nestbed.core.libvirt.LibvirtHost;
import dev.nestbed.core.model.MigrationPrediction;
import dev.nestbed.core.process.ProcessRunner;
import dev.nestbed.core.run.RunId;
import dev.nestbed.core.run.RunWorkspace;
import dev.nestbed.core.run.Teardown;
import dev.nestbed.core.value.DataRate;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.core.value.TimeSpan;
import dev.nestbed.migration.MigrationMode;
import dev.nestbed.migration.MigrationOptions;
import dev.nestbed.migration.MigrationResult;
import dev.nestbed.migration.MigrationTarget;
import dev.nestbed.migration.PartitionMigration;
import dev.nestbed.migration.VirshMigration;
import dev.nestbed.partitioner.Partition;
import dev.nestbed.partitioner.PartitionDomainXml;
import dev.nestbed.partitioner.PartitionEnvironment;
import dev.nestbed.partitioner.PartitionSpec;
import dev.nestbed.partitioner.agent.AgentChannel;
import dev.nestbed.partitioner.agent.MemoryChecksum;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code nestbed bench migration}: one partition (256 MiB, 32 MiB working set) migrated from one
 * local node to another at each dirty rate in each mode, a fresh guest per migration, each cell of
 * the matrix {@code --repeat} times after one warm-up migration that is not counted. Each pre-copy
 * migration is followed at once by plain {@code virsh migrate} of the same kind of guest between
 * the same nodes (pairs A B A B), so the overhead ratio compares migrations made under the same
 * load. Prints medians with their spread, the pre-copy model beside them (fed by one idle migration
 * made first and not counted: {@link BenchCalibration}), and the ratio per pair.
 */
@Command(
    name = "migration",
    description = {
      "Time live migration at each dirty rate in each mode, repeated, with plain virsh migrate beside it.",
      "Migrates one partition between two local nodes, a fresh guest per migration, and prints the median"
          + " total time, libvirt and guest downtime, data sent and passes, the pre-copy model's prediction and"
          + " its ratio to the median, and nestbed's overhead over virsh pair by pair."
    })
final class MigrationBenchCommand implements Callable<Integer> {
  private static final Duration BOOT = Duration.ofMinutes(3);
  private static final DataSize WORKING_SET = DataSize.ofMiB(32);

  @Spec CommandSpec spec;

  @Option(
      names = "--rates",
      split = ",",
      defaultValue = "0MiB/s,4MiB/s,16MiB/s,64MiB/s",
      description = "Dirty rates (default: ${DEFAULT-VALUE}).")
  List<String> rates;

  @Option(
      names = "--modes",
      split = ",",
      defaultValue = "precopy,auto-converge,postcopy",
      description = "Modes (default: ${DEFAULT-VALUE}); virsh pairs come with precopy.")
  List<String> modes;

  @Option(
      names = "--repeat",
      defaultValue = "5",
      description = "Migrations per cell of the matrix (default: 5).")
  int repeat;

  @Option(
      names = "--timeout",
      defaultValue = "2m",
      description = "Abort a migration after this (default: 2m).")
  String timeout;

  @Option(
      names = "--json",
      description =
          "Print the figures as JSON on stdout once all are measured (each"
              + " migration's progress goes to stderr meanwhile).")
  boolean json;

  private int guests;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter progress = Verbosity.progress(spec);
    Duration limit = checkedOptions();
    HostContext host = new HostContext();
    RunId run = RunId.random();
    Accelerator accelerator = host.accelerator();
    // "run <id>, accelerator" is the line scripts and tests find the run id on
    progress.println(
        "bench run "
            + run
            + ", accelerator "
            + accelerator.kind()
            + " ("
            + accelerator.reason()
            + ")");
    GuestImage image = host.images().ensureBuilt();
    MigrationBenchTable table = new MigrationBenchTable(repeat);
    // Ctrl-C or SIGTERM: stop measuring, tear down what the bench started, exit 130 or 143.
    AtomicInteger interrupt = new AtomicInteger();
    AtomicBoolean tearingDown = new AtomicBoolean();
    Thread measuring = Thread.currentThread();
    InterruptSignals.Restore signals =
        InterruptSignals.onInterrupt(
            code -> {
              interrupt.compareAndSet(0, code);
              if (!tearingDown.get()) {
                measuring.interrupt();
              }
            });
    BenchCalibration calibration = null;
    try (Teardown teardown = new Teardown()) {
      try {
        calibration = measureAll(run, host, image, limit, table, teardown, interrupt, progress);
      } catch (InterruptedException | NestbedException e) {
        if (interrupt.get() == 0) {
          throw e;
        }
      } finally {
        // teardown must not be cut short by the signal's interrupt
        tearingDown.set(true);
        if (interrupt.get() != 0) {
          Thread.interrupted();
        }
      }
    } finally {
      signals.restore();
    }
    if (interrupt.get() != 0) {
      progress.println("bench interrupted: everything it started is torn down");
      progress.flush();
      return interrupt.get();
    }
    Objects.requireNonNull(calibration, "measureAll calibrates unless interrupted");
    if (json) {
      ObjectNode document =
          JsonOutput.object()
              .put("accelerator", host.accelerator().kind().name())
              .put("acceleratorReason", host.accelerator().reason());
      calibration.addTo(document);
      table.addTo(document);
      JsonOutput.print(document.put("exitCode", ExitCode.OK), out);
    } else {
      out.println(
          "model calibrated by "
              + BenchCalibration.RUNS
              + " idle migrations, not counted: "
              + calibration.describe());
      table.printText(out);
    }
    return ExitCode.OK;
  }

  /**
   * Starts the two nodes (torn down by {@code teardown}), calibrates, then measures the matrix.
   *
   * @return the calibration the matrix was predicted with; null when interrupted before it
   */
  private @Nullable BenchCalibration measureAll(
      RunId run,
      HostContext host,
      GuestImage image,
      Duration limit,
      MigrationBenchTable table,
      Teardown teardown,
      AtomicInteger interrupt,
      PrintWriter progress)
      throws InterruptedException {
    RunWorkspace workspace = RunWorkspace.create(run);
    teardown.add("remove " + workspace.directory(), workspace::close);
    LocalNodeProvider provider = new LocalNodeProvider(run, workspace.nodes(), null);
    teardown.add("stop the local nodes", provider::close);
    List<Node> nodes =
        provider.start(
            List.of(
                new NodeSpec("n1", 2, DataSize.ofGiB(2)), new NodeSpec("n2", 2, DataSize.ofGiB(2))),
            Duration.ofSeconds(90));
    LibvirtHost from = nodes.get(0).connect();
    teardown.add("close n1", from::close);
    LibvirtHost to = nodes.get(1).connect();
    teardown.add("close n2", to::close);
    Bench bench =
        new Bench(
            nodes.get(0),
            nodes.get(1),
            from,
            to,
            new PartitionEnvironment(run, image, host.accelerator(), workspace.partitions(), null),
            limit);
    // The first migration of a run is slow whoever makes it (its figures are in docs/): not
    // counted.
    MigrationResult warmUp = bench.nestbed(rates.get(0), modes.get(0));
    progress.printf(
        "warm-up, not counted: %s %s in %d ms%n",
        rates.get(0), modes.get(0), warmUp.total().toMillis());
    // The model's inputs for this run, from idle migrations of its own (not counted).
    List<MigrationResult> idle = new ArrayList<>();
    for (int i = 0; i < BenchCalibration.RUNS; i++) {
      if (interrupt.get() != 0) {
        return null;
      }
      idle.add(bench.nestbed("0B/s", "precopy"));
    }
    BenchCalibration calibration = BenchCalibration.of(idle);
    progress.printf("calibration, not counted: %s%n", calibration.describe());
    progress.flush();
    for (String rate : rates) {
      for (int i = 1; i <= repeat && interrupt.get() == 0; i++) {
        for (String mode : modes) {
          if (interrupt.get() == 0) {
            measure(bench, calibration, table, rate, mode, i, progress);
          }
        }
      }
    }
    return calibration;
  }

  private Duration checkedOptions() {
    if (repeat < 1) {
      throw new ParameterException(
          spec.commandLine(), "--repeat must be at least 1, not " + repeat);
    }
    for (String mode : modes) {
      try {
        MigrationMode.of(mode);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--modes: " + e.getMessage());
      }
    }
    for (String rate : rates) {
      try {
        DataRate.parse(rate);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--rates: " + e.getMessage());
      }
    }
    try {
      return TimeSpan.parse(timeout).toDuration();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--timeout: " + e.getMessage());
    }
  }

  /** One migration by nestbed, and when it is pre-copy, plain virsh right after it: one pair. */
  private void measure(
      Bench bench,
      BenchCalibration calibration,
      MigrationBenchTable table,
      String rate,
      String mode,
      int round,
      PrintWriter progress)
      throws InterruptedException {
    long began = System.nanoTime();
    MigrationResult r;
    try {
      r = bench.nestbed(rate, mode);
    } catch (NestbedException e) {
      table.fail(rate, mode, NestbedException.describe(e));
      progress.printf("%s %s #%d failed: %s%n", rate, mode, round, e.getMessage());
      progress.flush();
      return;
    }
    long nestbedMs = (System.nanoTime() - began) / 1_000_000;
    MigrationPrediction model = calibration.predict(r, WORKING_SET.bytes());
    table.add(
        rate,
        mode,
        new MigrationBenchTable.Sample(
            r.total().toMillis(),
            r.libvirtDowntime().map(Duration::toMillis).orElse(-1L),
            r.guestDowntime().largestGap().toMillis(),
            r.bytesSent(),
            r.iterations().orElse(-1),
            r.postcopyStarted(),
            r.dirtyRateSource().equals(MigrationResult.DIRTY_CONFIGURED) ? -1 : r.dirtyRate(),
            model.converges(),
            model.total().toMillis(),
            model.downtime().toMillis(),
            model.bytesSent()));
    progress.printf(
        "%s %s #%d: %s; calibrated model: %s%n", rate, mode, round, r.describe(), model.describe());
    progress.flush();
    if (!mode.equals("precopy")) {
      return;
    }
    try {
      Bench.Virsh v = bench.virsh(rate);
      table.addPair(
          rate,
          new MigrationBenchTable.Pair(
              r.total().toMillis(), nestbedMs, v.took().toMillis(), v.guest()));
      progress.printf("%s virsh #%d: %d ms, %s%n", rate, round, v.took().toMillis(), v.guest());
    } catch (NestbedException e) {
      table.failVirsh(rate, NestbedException.describe(e));
      progress.printf("%s virsh #%d failed: %s%n", rate, round, e.getMessage());
    }
    progress.flush();
  }

  /** The two nodes and what a migration between them needs; a fresh guest for every migration. */
  private final class Bench {
    record Virsh(Duration took, String guest) {}

    private final Node n1;
    private final Node n2;
    private final LibvirtHost from;
    private final LibvirtHost to;
    private final PartitionEnvironment env;
    private final Duration limit;

    Bench(
        Node n1,
        Node n2,
        LibvirtHost from,
        LibvirtHost to,
        PartitionEnvironment env,
        Duration limit) {
      this.n1 = n1;
      this.n2 = n2;
      this.from = from;
      this.to = to;
      this.env = env;
      this.limit = limit;
    }

    MigrationResult nestbed(String rate, String mode) throws InterruptedException {
      try (Partition p = Partition.start(spec("b" + guests++, rate), from, env)) {
        p.awaitFirstHeartbeat(BOOT);
        return PartitionMigration.run(
            p,
            new MigrationTarget(to, "n2", n2.address()),
            MigrationOptions.precopy(limit).withMode(MigrationMode.of(mode)));
      }
    }

    Virsh virsh(String rate) throws InterruptedException {
      try (Partition p = Partition.start(spec("v" + guests++, rate), from, env)) {
        p.awaitFirstHeartbeat(BOOT);
        Duration took =
            new VirshMigration(new ProcessRunner())
                .migrate(n1.libvirtUri(), p.domainName(), n2.libvirtUri(), n2.address(), limit);
        LibvirtDomain moved =
            to.lookup(p.domainName())
                .orElseThrow(
                    () ->
                        new NestbedException(
                            "virsh migrate returned 0 but " + p.domainName() + " is not on n2"));
        return new Virsh(took, guestAfter(p, moved));
      }
    }
  }

  /**
   * What the guest says after plain virsh moved it: its agent's line is opened at n2 only now (so
   * no guest downtime is measured), then it must beat and its checksum must be intact.
   */
  private static String guestAfter(Partition p, LibvirtDomain moved) throws InterruptedException {
    long opened = System.nanoTime();
    p.relocate(
        moved,
        "n2",
        AgentChannel.open(p.spec().name(), moved, PartitionDomainXml.AGENT_DEVICE, p.heartbeats()));
    if (p.heartbeats().awaitAfter(opened, Duration.ofSeconds(10)).isEmpty()) {
      return "guest silent at n2";
    }
    MemoryChecksum sum = p.checksum();
    return sum.intact()
        ? "guest beats, memory intact"
        : "guest beats, " + sum.badWords() + " bad words";
  }

  private static PartitionSpec spec(String name, String rate) {
    return PartitionSpec.simple(name, 1, DataSize.ofMiB(256))
        .withWorkload(WORKING_SET, DataRate.parse(rate));
  }
}
