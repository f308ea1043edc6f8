package dev.nestbed.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.aggregator.Node;
import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.aggregator.local.LocalNodeProvider;
import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.accel.AcceleratorDetector;
import dev.nestbed.core.image.GuestImage;
import dev.nestbed.core.image.PartitionImageBuilder;
import dev.nestbed.core.libvirt.LibvirtHost;
import dev.nestbed.core.run.RunDirectories;
import dev.nestbed.core.run.RunId;
import dev.nestbed.core.run.RunWorkspace;
import dev.nestbed.core.value.DataRate;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.partitioner.Partition;
import dev.nestbed.partitioner.PartitionEnvironment;
import dev.nestbed.partitioner.PartitionSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real partition with a dirtying workload live-migrates between two local nodes, its memory
 * crossing the virtual network between their namespaces, measured by its agent from inside.
 */
class PartitionMigrationIT {
  private static final Duration BOOT = Duration.ofMinutes(3);
  private static final RunId RUN = RunId.random();
  private static RunWorkspace workspace;
  private static LocalNodeProvider provider;
  private static Node n1;
  private static Node n2;
  private static GuestImage image;
  private static Accelerator accelerator;

  @BeforeAll
  static void startNodes() {
    image = new PartitionImageBuilder(RunDirectories.home(), RunDirectories.cacheRoot()).ensureBuilt();
    accelerator = new AcceleratorDetector(() -> false).detect();
    workspace = RunWorkspace.create(RUN);
    provider = new LocalNodeProvider(RUN, workspace.nodes(), null);
    List<Node> nodes = provider.start(List.of(new NodeSpec("n1", 2, DataSize.ofGiB(2)),
        new NodeSpec("n2", 2, DataSize.ofGiB(2))), Duration.ofSeconds(90));
    n1 = nodes.get(0);
    n2 = nodes.get(1);
  }

  @AfterAll
  static void stopNodes() {
    if (provider != null) {
      provider.close();
    }
    if (workspace != null) {
      workspace.close();
    }
  }

  private static PartitionSpec spec(String name, String dirtyRate) {
    return PartitionSpec.simple(name, 1, DataSize.ofMiB(256)).withWorkload(DataSize.ofMiB(32),
        DataRate.parse(dirtyRate));
  }

  private static PartitionEnvironment env() {
    return new PartitionEnvironment(RUN, image, accelerator, workspace.partitions(), null);
  }

  @Test
  void aDirtyingPartitionMigratesAndItsGuestSeesOnlyTheSwitchOver() throws Exception {
    try (LibvirtHost from = n1.connect(); LibvirtHost to = n2.connect();
        Partition p = Partition.start(spec("p1", "4MiB/s"), from, env())) {
      p.awaitFirstHeartbeat(BOOT);
      MigrationResult result = PartitionMigration.run(p, new MigrationTarget(to, "n2", n2.address()),
          MigrationOptions.precopy(Duration.ofMinutes(2)));
      System.out.println("MIGRATION " + result.describe() + " early line=" + result.lineOpenedDuringMigration());

      assertEquals("n2", p.node());
      assertTrue(from.domainsOf(RUN).isEmpty(), "the domain stayed at the source: " + from.domainsOf(RUN));
      assertEquals(1, to.domainsOf(RUN).size());
      assertTrue(result.memoryIntact(), result.checksumAfter().toString());
      assertTrue(result.bytesSent() > 0);
      assertTrue(result.iterations() >= 1);
      Duration guest = result.guestDowntime().largestGap();
      assertTrue(guest.toMillis() > 0 && guest.compareTo(Duration.ofSeconds(10)) < 0, "guest downtime " + guest);
      assertTrue(p.heartbeats().awaitAfter(System.nanoTime(), Duration.ofSeconds(5)).isPresent(),
          "no heartbeat after the migration");
      assertTrue(p.checksum().intact());
    }
    assertTrue(n2.connect().domainsOf(RUN).isEmpty(), "teardown left the migrated domain behind");
  }

  /**
   * Post-copy there, auto-converge back. At 2 MiB/s: guests dirtying 8 MiB/s and more crashed
   * (kernel oops right after resuming at the destination) in 6 of 7 migrations on this machine,
   * in every mode, while 0 to 4 MiB/s never did; see the README.
   */
  @Test
  void postcopyThereAfterTheFirstPassAndAutoConvergeBack() throws Exception {
    try (LibvirtHost a = n1.connect(); LibvirtHost b = n2.connect();
        Partition p = Partition.start(spec("p3", "2MiB/s"), a, env())) {
      p.awaitFirstHeartbeat(BOOT);
      MigrationResult post = PartitionMigration.run(p, new MigrationTarget(b, "n2", n2.address()),
          MigrationOptions.precopy(Duration.ofMinutes(2)).withMode(MigrationMode.POSTCOPY));
      System.out.println("POSTCOPY " + post.describe());
      assertTrue(post.postcopyStarted(), "the job never switched to post-copy");
      assertTrue(post.memoryIntact());
      assertTrue(p.heartbeats().awaitAfter(System.nanoTime() + 3_000_000_000L, Duration.ofSeconds(15)).isPresent(),
          "the guest stopped beating after post-copy");

      MigrationResult back = PartitionMigration.run(p, new MigrationTarget(a, "n1", n1.address()),
          MigrationOptions.precopy(Duration.ofMinutes(2)).withMode(MigrationMode.AUTO_CONVERGE));
      System.out.println("AUTO-CONVERGE " + back.describe());
      assertEquals("n1", p.node());
      assertTrue(back.memoryIntact());
      assertTrue(b.domainsOf(RUN).isEmpty(), "the domain stayed at n2: " + b.domainsOf(RUN));
      assertTrue(p.heartbeats().awaitAfter(System.nanoTime() + 3_000_000_000L, Duration.ofSeconds(15)).isPresent(),
          "the guest stopped beating after migrating back");
    }
  }

  @Test
  void aMigrationPastItsTimeoutIsAbortedAndThePartitionRunsOnAtTheSource() throws Exception {
    try (LibvirtHost from = n1.connect(); LibvirtHost to = n2.connect();
        Partition p = Partition.start(spec("p2", "4MiB/s"), from, env())) {
      p.awaitFirstHeartbeat(BOOT);
      // 1 MiB/s cannot move a 256 MiB guest in 5 s
      MigrationOptions slow = MigrationOptions.precopy(Duration.ofSeconds(5)).withBandwidth(DataRate.parse("1MiB/s"));
      MigrationFailedException e = assertThrows(MigrationFailedException.class,
          () -> PartitionMigration.run(p, new MigrationTarget(to, "n2", n2.address()), slow));
      System.out.println("ABORTED " + e.getMessage());

      assertTrue(e.getMessage().contains("aborted after its timeout"), e.getMessage());
      assertTrue(e.getMessage().contains("still runs on n1 with its memory intact"), e.getMessage());
      assertTrue(e.getMessage().contains("nothing left on n2"), e.getMessage());
      assertEquals("n1", p.node());
      assertTrue(to.domainsOf(RUN).isEmpty(), "a domain was left at the destination: " + to.domainsOf(RUN));
      assertTrue(p.heartbeats().awaitAfter(System.nanoTime(), Duration.ofSeconds(5)).isPresent());
      assertTrue(p.checksum().intact());
      assertTrue(!e.samples().isEmpty(), "no job sample was taken");
    }
  }
}
