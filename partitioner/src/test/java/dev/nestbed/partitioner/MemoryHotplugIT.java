package dev.nestbed.partitioner;

import static org.awaitility.Awaitility.await;
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
import dev.nestbed.core.run.RunDirectories;
import dev.nestbed.core.run.RunId;
import dev.nestbed.core.run.RunWorkspace;
import dev.nestbed.core.value.DataRate;
import dev.nestbed.core.value.DataSize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real partition grows past its boot size through its memory device and shrinks back, seen by its
 * agent.
 */
class MemoryHotplugIT {
  private static final Logger log = LoggerFactory.getLogger(MemoryHotplugIT.class);
  private static final Duration BOOT = Duration.ofMinutes(3);
  private static final Duration RESIZE = Duration.ofMinutes(2);
  private static GuestImage image;
  private static Accelerator accelerator;

  @TempDir Path logs;

  @BeforeAll
  static void buildImage() {
    image =
        new PartitionImageBuilder(RunDirectories.home(), RunDirectories.cacheRoot()).ensureBuilt();
    accelerator = new AcceleratorDetector(() -> false).detect();
  }

  private static PartitionSpec p1(MemoryDeviceModel model) {
    return PartitionSpec.simple("p1", 1, DataSize.ofMiB(256))
        .withWorkload(DataSize.ofMiB(64), DataRate.parse("4MiB/s"))
        .withMaxMemory(DataSize.ofMiB(768), model);
  }

  @Test
  void virtioMemGrowsPastTheBootSizeAndShrinksBackWithTheWorkloadIntact() {
    resizes(MemoryDeviceModel.VIRTIO_MEM);
  }

  @Test
  void dimmsGrowPastTheBootSizeAndLeaveAgainLastFirst() {
    RunId run = RunId.random();
    try (RunWorkspace workspace = RunWorkspace.create(run);
        LocalNodeProvider provider = new LocalNodeProvider(run, workspace.nodes(), logs)) {
      Node node =
          provider
              .start(List.of(new NodeSpec("n1", 2, DataSize.ofGiB(3))), Duration.ofSeconds(60))
              .get(0);
      try (LibvirtHost n1 = node.connect();
          Partition partition =
              Partition.start(
                  p1(MemoryDeviceModel.DIMM),
                  n1,
                  new PartitionEnvironment(
                      run, image, accelerator, workspace.partitions(), logs))) {
        partition.awaitFirstHeartbeat(BOOT);
        long bootMib = partition.status().memTotal().mib();
        for (long mib : new long[] {512, 768, 512, 192}) {
          long before = partition.status().memTotal().mib();
          ResizeResult result = partition.resizeMemory(DataSize.ofMiB(mib), RESIZE);
          long after = result.status().memTotal().mib();
          log.info(
              "DIMM: MemTotal {} MiB -> {} MiB seen after {} ms",
              before,
              after,
              result.seenAfter().toMillis());
          long expected = mib - 256;
          assertTrue(
              Math.abs(after - bootMib - expected) <= 2,
              "MemTotal " + bootMib + " MiB at boot, " + after + " MiB at " + mib + " MiB");
          if (mib == 768) {
            NestbedException refused =
                assertThrows(
                    NestbedException.class,
                    () -> partition.resizeMemory(DataSize.ofMiB(384), RESIZE));
            assertTrue(
                refused
                    .getMessage()
                    .contains(
                        "its DIMMs (last plugged first: 256MiB, 256MiB) cannot leave"
                            + " exactly 128MiB plugged"),
                refused.getMessage());
          }
        }
        assertTrue(MemoryPlug.dimms(partition.domain()).isEmpty(), "every DIMM left");
        assertTrue(partition.checksum().intact(), "the working set survived");
      }
    }
  }

  private void resizes(MemoryDeviceModel model) {
    RunId run = RunId.random();
    try (RunWorkspace workspace = RunWorkspace.create(run);
        LocalNodeProvider provider = new LocalNodeProvider(run, workspace.nodes(), logs)) {
      Node node =
          provider
              .start(List.of(new NodeSpec("n1", 2, DataSize.ofGiB(3))), Duration.ofSeconds(60))
              .get(0);
      try (LibvirtHost n1 = node.connect();
          Partition partition =
              Partition.start(
                  p1(model),
                  n1,
                  new PartitionEnvironment(
                      run, image, accelerator, workspace.partitions(), logs))) {
        partition.awaitFirstHeartbeat(BOOT);
        long bootMib = partition.status().memTotal().mib();

        ResizeResult grown = partition.resizeMemory(DataSize.ofMiB(768), RESIZE);
        long grownMib = grown.status().memTotal().mib();
        log.info(
            "{}: MemTotal {} MiB -> {} MiB seen after {} ms, libvirt plugged {}",
            model,
            bootMib,
            grownMib,
            grown.seenAfter().toMillis(),
            grown.pluggedByLibvirt());
        // libvirt follows: its device's <current>, and the domain's memory the cell account counts
        await("libvirt to count the 512 MiB plugged in the domain's memory")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .ignoreExceptions() // a call that fails now is "not yet"; failFast says when to stop
            .failFast("the partition stopped", () -> !partition.domain().isActive())
            .until(
                () ->
                    partition.domain().currentMemory().mib() == 768
                        && MemoryPlug.pluggedNow(partition.domain()).mib() == 512);
        assertTrue(
            grownMib - bootMib >= 511, "MemTotal grew by 512 MiB: " + bootMib + " -> " + grownMib);
        assertTrue(partition.checksum().intact(), "the working set survived the growth");

        ResizeResult shrunk = partition.resizeMemory(DataSize.ofMiB(384), RESIZE);
        long shrunkMib = shrunk.status().memTotal().mib();
        log.info(
            "{}: MemTotal {} MiB -> {} MiB seen after {} ms, libvirt plugged {}",
            model,
            grownMib,
            shrunkMib,
            shrunk.seenAfter().toMillis(),
            shrunk.pluggedByLibvirt());
        assertTrue(
            grownMib - shrunkMib >= 383 && grownMib - shrunkMib <= 385,
            "MemTotal shrank by 384 MiB: " + grownMib + " -> " + shrunkMib);

        ResizeResult below = partition.resizeMemory(DataSize.ofMiB(192), RESIZE);
        long belowMib = below.status().memTotal().mib();
        log.info(
            "{}: MemTotal {} MiB -> {} MiB seen after {} ms (unplug, then balloon)",
            model,
            shrunkMib,
            belowMib,
            below.seenAfter().toMillis());
        assertTrue(
            shrunkMib - belowMib >= 190 && shrunkMib - belowMib <= 194,
            "MemTotal shrank by 192 MiB: " + shrunkMib + " -> " + belowMib);
        // libvirt's <current> follows the guest about a second later
        await("libvirt to see nothing plugged below the boot size")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .ignoreExceptions() // a call that fails now is "not yet"; failFast says when to stop
            .failFast("the partition stopped", () -> !partition.domain().isActive())
            .until(() -> MemoryPlug.pluggedNow(partition.domain()).isZero());
        assertTrue(partition.checksum().intact(), "the working set survived the shrinks");

        NestbedException refused =
            assertThrows(
                NestbedException.class, () -> partition.resizeMemory(DataSize.ofMiB(80), RESIZE));
        assertTrue(
            refused
                    .getMessage()
                    .startsWith("cannot shrink partition p1 from 192MiB to 80MiB: its guest has ")
                && refused.getMessage().contains("(working set 64MiB) from the OOM killer"),
            refused.getMessage());
        log.info("refused: {}", refused.getMessage());
      }
    }
  }
}
