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
import dev.nestbed.core.process.Pids;
import dev.nestbed.core.process.TrackedProcess;
import dev.nestbed.core.run.RunDirectories;
import dev.nestbed.core.run.RunId;
import dev.nestbed.core.run.RunWorkspace;
import dev.nestbed.core.value.DataRate;
import dev.nestbed.core.value.DataSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's line travels inside the partition's libvirt connection, so it works through any
 * transport libvirt has. Here that is libvirt's {@code ext} transport piping through socat, the
 * shape nestbed uses to reach the libvirtd inside a nested pool's L1: no path on this machine leads
 * to the guest's serial port.
 */
class AgentOverLibvirtIT {
  private static final Duration BOOT = Duration.ofMinutes(3);

  /** Well under the agent's reply timeout (10 s): an ended line must fail a request at once. */
  private static final Duration AT_ONCE = Duration.ofSeconds(3);

  private static GuestImage image;
  private static Accelerator accelerator;

  @TempDir Path dir;

  @BeforeAll
  static void buildImage() {
    image =
        new PartitionImageBuilder(RunDirectories.home(), RunDirectories.cacheRoot()).ensureBuilt();
    accelerator = new AcceleratorDetector(() -> false).detect();
  }

  private static PartitionSpec spec(String name) {
    return PartitionSpec.simple(name, 1, DataSize.ofMiB(256))
        .withWorkload(DataSize.ofMiB(16), DataRate.parse("1MiB/s"));
  }

  @Test
  void twoAgentsAreHeardThroughOnePipedConnectionAndClosingLeavesNoThreadAndNoDomain()
      throws Exception {
    RunId run = RunId.random();
    try (RunWorkspace workspace = RunWorkspace.create(run);
        LocalNodeProvider provider = new LocalNodeProvider(run, workspace.nodes(), null)) {
      Node node =
          provider
              .start(List.of(new NodeSpec("n1", 2, DataSize.ofGiB(2))), Duration.ofSeconds(60))
              .get(0);
      try (LibvirtHost piped =
          LibvirtHost.connect("n1 via a pipe", pipedUri(node, dir.resolve("pipe.pid")))) {
        // Both readers block in the same connection; requests to one must not wait on the other.
        try (Partition p1 = Partition.start(spec("p1"), piped, env(run, workspace));
            Partition p2 = Partition.start(spec("p2"), piped, env(run, workspace))) {
          for (Partition partition : List.of(p1, p2)) {
            partition.awaitFirstHeartbeat(BOOT);
            // The line was open before the guest booted: QEMU dropped nothing, the first beat is
            // beat 1.
            assertEquals(
                1,
                partition.heartbeats().first().orElseThrow().sequence(),
                "beats of " + partition + " were lost before the open");
          }
          assertEquals(1, p1.status().cpusOnline());
          assertEquals(1, p2.status().cpusOnline());
          assertTrue(p2.checksum().intact());
          long now = System.nanoTime();
          assertTrue(
              p1.heartbeats().awaitAfter(now, Duration.ofSeconds(5)).isPresent(),
              "p1 stopped beating");
          assertTrue(
              p2.heartbeats().awaitAfter(now, Duration.ofSeconds(5)).isPresent(),
              "p2 stopped beating");
          assertEquals(List.of(run.qualify("p1"), run.qualify("p2")), agentThreads());
          assertFalse(Files.exists(workspace.partitions().resolve("p1/agent.sock")));
        }
        assertEquals(List.of(), agentThreads(), "reader threads outlive their partitions");
        assertTrue(
            piped.domainsOf(run).isEmpty(), "a domain of the run remains: " + piped.domainsOf(run));
      }
    }
  }

  @Test
  void aStoppedDomainOrALostConnectionEndsTheLineAndRequestsFailAtOnce() throws IOException {
    RunId run = RunId.random();
    try (RunWorkspace workspace = RunWorkspace.create(run);
        LocalNodeProvider provider = new LocalNodeProvider(run, workspace.nodes(), null)) {
      Node node =
          provider
              .start(List.of(new NodeSpec("n1", 2, DataSize.ofGiB(2))), Duration.ofSeconds(60))
              .get(0);
      Path pipePid = dir.resolve("pipe.pid");
      try (LibvirtHost direct = node.connect();
          LibvirtHost piped = LibvirtHost.connect("n1 via a pipe", pipedUri(node, pipePid))) {
        try (Partition stopped = Partition.start(spec("p1"), piped, env(run, workspace))) {
          stopped.awaitFirstHeartbeat(BOOT);
          direct.lookup(stopped.domainName()).orElseThrow().destroy();
          NestbedException e = failsAtOnce(stopped);
          assertTrue(e.getMessage().contains("the domain stopped"), e.getMessage());
        }
        assertEquals(List.of(), agentThreads(), "the reader of a stopped partition remains");

        Partition lost = Partition.start(spec("p2"), piped, env(run, workspace));
        try {
          lost.awaitFirstHeartbeat(BOOT);
          // The agent's line has a connection (and pipe) of its own, opened last: its pid is in the
          // file.
          TrackedProcess pipe = Pids.find(pipePid, "", "").orElseThrow();
          Pids.stop(pipe, "the pipe of p2's agent line", Duration.ofSeconds(5));
          NestbedException e = failsAtOnce(lost);
          assertTrue(e.getMessage().contains("lost"), e.getMessage());
          assertEquals(List.of(), agentThreads(), "the reader of a partition out of reach remains");
          // The partition's own connection is another pipe: teardown still reaches the domain.
          lost.close();
          assertTrue(direct.lookup(lost.domainName()).isEmpty(), "p2's teardown left its domain");
        } finally {
          direct.lookup(lost.domainName()).ifPresent(domain -> domain.destroyAndUndefine());
        }
        assertTrue(
            direct.domainsOf(run).isEmpty(),
            "a domain of the run remains: " + direct.domainsOf(run));
      }
    }
  }

  /** A request fails within {@link #AT_ONCE}, not after the agent's reply timeout. */
  private static NestbedException failsAtOnce(Partition partition) {
    long began = System.nanoTime();
    NestbedException e = assertThrows(NestbedException.class, partition::status);
    Duration took = Duration.ofNanos(System.nanoTime() - began);
    assertTrue(
        took.compareTo(AT_ONCE) < 0,
        "the request took " + took.toMillis() + " ms: " + e.getMessage());
    return e;
  }

  private PartitionEnvironment env(RunId run, RunWorkspace workspace) {
    return new PartitionEnvironment(run, image, accelerator, workspace.partitions(), null);
  }

  /** A qemu+ext URI whose command pipes to the node's socket and records its own pid. */
  private String pipedUri(Node node, Path pidFile) throws IOException {
    String socket =
        node.libvirtUri().substring(node.libvirtUri().indexOf("socket=") + "socket=".length());
    Path script = dir.resolve("pipe-to-" + node.name());
    Files.writeString(
        script,
        "#!/bin/sh\necho $$ > '" + pidFile + "'\nexec socat - 'UNIX-CONNECT:" + socket + "'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return "qemu+ext:///system?command=" + script;
  }

  private static List<String> agentThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(
            name ->
                name.startsWith("console-") && name.endsWith("-" + PartitionDomainXml.AGENT_DEVICE))
        .map(
            name ->
                name.substring(
                    "console-".length(),
                    name.length() - PartitionDomainXml.AGENT_DEVICE.length() - 1))
        .sorted()
        .toList();
  }
}
