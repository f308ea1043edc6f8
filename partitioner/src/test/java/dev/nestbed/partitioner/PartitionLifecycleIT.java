package dev.nestbed.partitioner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.aggregator.Node;
import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.aggregator.local.LocalNodeProvider;
import dev.nestbed.core.NestbedException;
import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.accel.AcceleratorDetector;
import dev.nestbed.core.image.GuestImage;
import dev.nestbed.core.image.PartitionImageBuilder;
import dev.nestbed.core.libvirt.LibvirtHost;
import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.Pids;
import dev.nestbed.core.process.ProcessRunner;
import dev.nestbed.core.run.RunDirectories;
import dev.nestbed.core.run.RunId;
import dev.nestbed.core.run.RunWorkspace;
import dev.nestbed.core.value.DataRate;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.partitioner.agent.AgentStatus;
import dev.nestbed.partitioner.agent.MemoryChecksum;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real partition guest under a real node daemon, measured from inside by its agent. */
class PartitionLifecycleIT {
  private static final Duration BOOT = Duration.ofMinutes(3);
  private static final Duration RESIZE = Duration.ofMinutes(1);
  private static GuestImage image;
  private static Accelerator accelerator;

  @TempDir Path logs;

  @BeforeAll
  static void buildImage() {
    image =
        new PartitionImageBuilder(RunDirectories.home(), RunDirectories.cacheRoot()).ensureBuilt();
    accelerator = new AcceleratorDetector(() -> false).detect();
  }

  private static PartitionSpec p1() {
    return PartitionSpec.simple("p1", 1, DataSize.ofMiB(256))
        .withMaxVcpus(2)
        .withWorkload(DataSize.ofMiB(32), DataRate.parse("4MiB/s"));
  }

  @Test
  void aPartitionBootsResizesLiveAndLeavesNothingBehind() {
    RunId run = RunId.random();
    Path runDir = RunDirectories.of(run);
    List<Long> pids = new ArrayList<>();
    try (RunWorkspace workspace = RunWorkspace.create(run);
        LocalNodeProvider provider = new LocalNodeProvider(run, workspace.nodes(), logs)) {
      List<Node> nodes =
          provider.start(
              List.of(
                  new NodeSpec("n1", 2, DataSize.ofGiB(3)),
                  new NodeSpec("n2", 2, DataSize.ofGiB(3))),
              Duration.ofSeconds(60));
      try (LibvirtHost n1 = nodes.get(0).connect()) {
        PartitionEnvironment env =
            new PartitionEnvironment(run, image, accelerator, workspace.partitions(), logs);
        try (Partition partition = Partition.start(p1(), n1, env)) {
          Duration boot = partition.awaitFirstHeartbeat(BOOT);
          assertTrue(boot.toMillis() > 0);
          pids.add(
              Pids.read(
                      runDir.resolve(
                          "nodes/n1/run/libvirt/qemu/" + partition.domainName() + ".pid"))
                  .orElseThrow());
          for (String node : List.of("n1", "n2")) {
            pids.add(
                Pids.read(runDir.resolve("nodes/" + node + "/run/libvirtd.pid")).orElseThrow());
          }

          AgentStatus before = partition.status();
          assertEquals(1, before.cpusOnline());
          MemoryChecksum intact = partition.checksum();
          assertTrue(intact.intact(), intact.toString());
          assertEquals(DataSize.ofMiB(32).bytes(), intact.bytes());

          ResizeResult vcpus = partition.resizeVcpus(2, RESIZE);
          assertEquals(2, vcpus.status().cpusOnline());
          assertEquals("0-1", vcpus.status().onlineCpuList());

          ResizeResult memory = partition.resizeMemory(DataSize.ofMiB(192), RESIZE);
          long droppedKib = (before.memTotal().bytes() - memory.status().memTotal().bytes()) / 1024;
          assertTrue(
              droppedKib >= 60 * 1024 && droppedKib <= 68 * 1024,
              "MemTotal should drop by about 64 MiB, dropped " + droppedKib + " KiB");

          // The guest kept beating throughout: no silence longer than a second.
          assertTrue(
              partition.heartbeats().maxArrivalGap().toMillis() < 1000,
              "heartbeat gap " + partition.heartbeats().maxArrivalGap());
          assertTrue(partition.checksum().intact());
        }
        assertTrue(n1.domainsOf(run).isEmpty(), "a domain of the run remains on n1");
        assertTrue(n1.domains().isEmpty(), "n1 knows domains nobody asked for: " + n1.domains());
      }
    }
    assertTrue(
        pids.stream().noneMatch(Pids::isRunning), "a daemon or QEMU of the run is still running");
    assertFalse(Files.exists(runDir), "the run directory remains: " + runDir);
    String namespaces = new ProcessRunner().run(Command.of("ip", "netns", "list")).stdout();
    assertFalse(namespaces.contains("nb-" + run.value()), "namespaces remain: " + namespaces);
    assertTrue(Files.isRegularFile(logs.resolve("p1.console.log")), "the console log was not kept");
    assertTrue(Files.isRegularFile(logs.resolve("n1/libvirtd.log")), "the node log was not kept");
  }

  @Test
  void aStartThatFailsMidwayNamesThePartitionAndTheNodeAndLeavesNothing() {
    RunId run = RunId.random();
    Path runDir = RunDirectories.of(run);
    GuestImage noKernel =
        new GuestImage(runDir.resolve("missing/kernel"), image.initramfs(), "missing");
    try (RunWorkspace workspace = RunWorkspace.create(run);
        LocalNodeProvider provider = new LocalNodeProvider(run, workspace.nodes(), null)) {
      Node node =
          provider
              .start(List.of(new NodeSpec("n1", 2, DataSize.ofGiB(3))), Duration.ofSeconds(60))
              .get(0);
      try (LibvirtHost n1 = node.connect()) {
        PartitionEnvironment env =
            new PartitionEnvironment(run, noKernel, accelerator, workspace.partitions(), null);
        NestbedException e =
            assertThrows(NestbedException.class, () -> Partition.start(p1(), n1, env));
        assertTrue(
            e.getMessage()
                .startsWith(
                    "partition p1 did not start on node n1: libvirt virDomainCreate of domain 'nb-"
                        + run
                        + "-p1' on n1 failed"),
            e.getMessage());
        // libvirt's own words race with QEMU's exit ("cannot load kernel ..." or "failed to connect
        // to
        // monitor socket"), so only what nestbed adds is asserted: partition, node, call, domain.
        assertTrue(
            n1.domains().isEmpty(), "the failed partition's domain remains: " + n1.domains());
        assertFalse(
            Files.exists(runDir.resolve("partitions/p1")), "the failed partition's files remain");
      }
    }
    assertFalse(Files.exists(runDir), "the run directory remains: " + runDir);
  }

  @Test
  void aResizeBeyondTheMaximumIsRefusedAndThePartitionKeepsRunning() {
    RunId run = RunId.random();
    Path runDir = RunDirectories.of(run);
    try (RunWorkspace workspace = RunWorkspace.create(run);
        LocalNodeProvider provider = new LocalNodeProvider(run, workspace.nodes(), null)) {
      Node node =
          provider
              .start(List.of(new NodeSpec("n1", 2, DataSize.ofGiB(3))), Duration.ofSeconds(60))
              .get(0);
      try (LibvirtHost n1 = node.connect();
          Partition partition =
              Partition.start(
                  p1(),
                  n1,
                  new PartitionEnvironment(
                      run, image, accelerator, workspace.partitions(), null))) {
        partition.awaitFirstHeartbeat(BOOT);
        NestbedException e =
            assertThrows(NestbedException.class, () -> partition.resizeVcpus(3, RESIZE));
        assertEquals("cannot resize partition p1 to 3 vCPUs: it allows 1 to 2", e.getMessage());
        assertThrows(
            NestbedException.class, () -> partition.resizeMemory(DataSize.ofMiB(512), RESIZE));
        long now = System.nanoTime();
        assertTrue(
            partition.heartbeats().awaitAfter(now, Duration.ofSeconds(5)).isPresent(),
            "the partition stopped beating after a refused resize");
        assertEquals(1, partition.status().cpusOnline());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    assertFalse(Files.exists(runDir), "the run directory remains: " + runDir);
  }
}
