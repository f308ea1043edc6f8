package dev.nestbed.cli;

import dev.nestbed.aggregator.Node;
import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.aggregator.local.LocalNodeProvider;
import dev.nestbed.core.NestbedException;
import dev.nestbed.core.image.GuestImage;
import dev.nestbed.core.libvirt.LibvirtDomain;
import dev.nestbed.core.libvirt.LibvirtHost;
import dev.nestbed.core.libvirt.MigrationJobStats;
import dev.nestbed.core.process.ProcessRunner;
import dev.nestbed.core.run.RunId;
import dev.nestbed.core.run.RunWorkspace;
import dev.nestbed.core.run.Teardown;
import dev.nestbed.core.value.DataRate;
import dev.nestbed.core.value.DataSize;
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
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nestbed bench migration}: one partition (256 MiB, 32 MiB working set) migrated from one
 * local node to another at each dirty rate in each mode, a fresh guest per row; then, per dirty
 * rate, plain {@code virsh migrate} of the same kind of guest between the same nodes. Prints one
 * row per migration as it completes, and nestbed's overhead over virsh per rate.
 */
@Command(name = "migration", description = {
    "Time live migration at each dirty rate in each mode, and plain virsh migrate beside it.",
    "Migrates one partition between two local nodes, a fresh guest per row, and prints total time,"
        + " libvirt and guest downtime, data sent, passes, and the pre-copy model's prediction."})
final class MigrationBenchCommand implements Callable<Integer> {
  private static final Duration BOOT = Duration.ofMinutes(3);

  @Spec
  CommandSpec spec;

  @Option(names = "--rates", split = ",", defaultValue = "0MiB/s,4MiB/s,16MiB/s,64MiB/s",
      description = "Dirty rates (default: ${DEFAULT-VALUE}).")
  List<String> rates;

  @Option(names = "--modes", split = ",", defaultValue = "precopy,auto-converge,postcopy",
      description = "Modes (default: ${DEFAULT-VALUE}).")
  List<String> modes;

  @Option(names = "--timeout", defaultValue = "2m", description = "Abort a migration after this (default: 2m).")
  String timeout;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    HostContext host = new HostContext();
    out.println(host.accelerator().describe());
    GuestImage image = host.images().ensureBuilt();
    Duration limit = dev.nestbed.core.value.TimeSpan.parse(timeout).toDuration();
    RunId run = RunId.random();
    try (Teardown teardown = new Teardown()) {
      RunWorkspace workspace = RunWorkspace.create(run);
      teardown.add("remove " + workspace.directory(), workspace::close);
      LocalNodeProvider provider = new LocalNodeProvider(run, workspace.nodes(), null);
      teardown.add("stop the local nodes", provider::close);
      List<Node> nodes = provider.start(List.of(new NodeSpec("n1", 2, DataSize.ofGiB(2)),
          new NodeSpec("n2", 2, DataSize.ofGiB(2))), Duration.ofSeconds(90));
      Node n1 = nodes.get(0);
      Node n2 = nodes.get(1);
      LibvirtHost from = n1.connect();
      teardown.add("close n1", from::close);
      LibvirtHost to = n2.connect();
      teardown.add("close n2", to::close);
      PartitionEnvironment env = new PartitionEnvironment(run, image, host.accelerator(), workspace.partitions(), null);
      out.printf("%-9s %-13s %9s %9s %9s %9s %6s  %s%n", "dirty", "mode", "total ms", "lv down", "guest down",
          "sent MiB", "passes", "model (rounds, total, downtime, sent)");
      int row = 0;
      for (String rate : rates) {
        long nestbedMs = -1;
        long callMs = -1;
        for (String mode : modes) {
          PartitionSpec partition = spec("b" + row++, rate);
          try (Partition p = Partition.start(partition, from, env)) {
            p.awaitFirstHeartbeat(BOOT);
            long began = System.nanoTime();
            MigrationResult r = PartitionMigration.run(p, new MigrationTarget(to, "n2", n2.address()),
                MigrationOptions.precopy(limit).withMode(MigrationMode.of(mode)));
            if (mode.equals("precopy")) {
              nestbedMs = (System.nanoTime() - began) / 1_000_000;
              callMs = r.total().toMillis();
            }
            out.printf("%-9s %-13s %9d %9s %9d %9.1f %6s  %s%n", rate, mode + (r.postcopyStarted() ? "*" : ""),
                r.total().toMillis(), r.libvirtDowntime().map(d -> "" + d.toMillis()).orElse("-"),
                r.guestDowntime().largestGap().toMillis(), r.bytesSent() / (1024.0 * 1024),
                r.iterations().isPresent() ? "" + r.iterations().getAsLong() : "-", r.prediction().describe());
          } catch (NestbedException e) {
            out.printf("%-9s %-13s failed: %s%n", rate, mode, e.getMessage());
          }
          out.flush();
        }
        PartitionSpec partition = spec("v" + row++, rate);
        try (Partition p = Partition.start(partition, from, env)) {
          p.awaitFirstHeartbeat(BOOT);
          Duration took = new VirshMigration(new ProcessRunner()).migrate(n1.libvirtUri(), p.domainName(),
              n2.libvirtUri(), n2.address(), limit);
          LibvirtDomain moved = to.lookup(p.domainName()).orElseThrow(() -> new NestbedException(
              "virsh migrate returned 0 but " + p.domainName() + " is not on n2"));
          MigrationJobStats done = moved.completedJobStats();
          String guest = guestAfter(p, moved);
          out.printf("%-9s %-13s %9d %9s %9s %9.1f %6s  %s%n", rate, "virsh", took.toMillis(),
              done.downtimeMs().isPresent() ? "" + done.downtimeMs().getAsLong() : "-", "-",
              done.dataProcessed().orElse(0) / (1024.0 * 1024),
              done.iteration().isPresent() ? "" + done.iteration().getAsLong() : "-", guest + (nestbedMs > 0
                  ? String.format("; nestbed precopy / virsh: %.2f for the migration call, %.2f with checksums",
                      callMs / (double) took.toMillis(), nestbedMs / (double) took.toMillis())
                  : ""));
        } catch (NestbedException e) {
          out.printf("%-9s %-13s failed: %s%n", rate, "virsh", e.getMessage());
        }
        out.flush();
      }
      out.println("* switched to post-copy. total: the migration call; lv down: libvirt's downtime;"
          + " guest down: largest heartbeat gap around the switch.");
    }
    return ExitCode.OK;
  }

  /**
   * What the guest says after plain virsh moved it: its agent's line is opened at n2 only now (so
   * no guest downtime is measured), then it must beat and its checksum must be intact.
   */
  private static String guestAfter(Partition p, LibvirtDomain moved) throws InterruptedException {
    long opened = System.nanoTime();
    p.relocate(moved, "n2", AgentChannel.open(p.spec().name(), moved, PartitionDomainXml.AGENT_DEVICE, p.heartbeats()));
    if (p.heartbeats().awaitAfter(opened, Duration.ofSeconds(10)).isEmpty()) {
      return "guest silent at n2";
    }
    MemoryChecksum sum = p.checksum();
    return sum.intact() ? "guest beats, memory intact" : "guest beats, " + sum.badWords() + " bad words";
  }

  private static PartitionSpec spec(String name, String rate) {
    return PartitionSpec.simple(name, 1, DataSize.ofMiB(256)).withWorkload(DataSize.ofMiB(32), DataRate.parse(rate));
  }
}
