package dev.nestbed.partitioner;

import dev.nestbed.aggregator.pool.CellBinding;
import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.partitioner.agent.HeartbeatLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where a partition runs inside its pool: the cells it is bound to and, when the pool's libvirtd
 * runs on another machine than nestbed (the L1 of a nested pool, or a remote host), where that
 * machine has the guest image and where its QEMU writes the console log.
 *
 * @param cells the cells' NUMA nodes and CPUs in the pool's numbering; empty binds nothing
 * @param imageDirectory the guest image's directory as the pool's machine sees it; empty for this
 *     machine's image paths
 * @param consoleDirectory where the console log goes on the pool's machine; empty for the
 *     partition's own directory here (then it is kept under the run's logs)
 */
public record PartitionSite(
    List<CellBinding> cells,
    Optional<Path> imageDirectory,
    Optional<Path> consoleDirectory,
    boolean nested) {
  public PartitionSite {
    cells = List.copyOf(cells);
  }

  /** A partition whose libvirtd runs on this machine. */
  public static PartitionSite onThisMachine(List<CellBinding> cells) {
    return new PartitionSite(cells, Optional.empty(), Optional.empty(), false);
  }

  /** A partition inside a pool's own machine (an L2 guest of a nested pool's L1). */
  public static PartitionSite inside(
      List<CellBinding> cells, Path imageDirectory, Path consoleDirectory) {
    return new PartitionSite(
        cells, Optional.of(imageDirectory), Optional.of(consoleDirectory), true);
  }

  /**
   * A partition on another machine that runs it directly (a remote host), where the guest image was
   * placed in {@code imageDirectory}. {@code emulatedMachine}: that machine is itself emulated (a
   * Vagrant machine under TCG), so the partition is as nested as an L2 and is given as long.
   */
  public static PartitionSite onHost(
      List<CellBinding> cells,
      Path imageDirectory,
      Path consoleDirectory,
      boolean emulatedMachine) {
    return new PartitionSite(
        cells, Optional.of(imageDirectory), Optional.of(consoleDirectory), emulatedMachine);
  }

  /**
   * How long the agent may take to answer a request. An L2 guest is emulated inside an emulated L1
   * under TCG: a checksum of an 8 MiB working set took 23 s there alone in the L1, 40 s while the
   * guest also rewrote it at 1 MiB/s, and more than 180 s once in CI with two L2s after moves; the
   * same guest answers in well under a second on a local node.
   */
  Duration agentReply() {
    return nested ? Duration.ofSeconds(300) : Duration.ofSeconds(10);
  }

  /**
   * How often its agent beats. Each beat is a line written to an emulated serial port, and under
   * nested TCG every port access of an L2 is emulated by a QEMU that is itself emulated. The same
   * L2 alone in a 1-CPU L1 booted in 210 s beating every 10 ms and in 104 s every 100 ms, and its
   * checksum of 2 MiB took more than 300 s at 10 ms, seconds at 100 ms. So an L2 under TCG beats
   * every 100 ms; downtime is then resolved to 0.1 s, far below the gaps an L2 shows anyway.
   */
  Duration heartbeat(Accelerator accelerator) {
    return nested && accelerator.kind() == Accelerator.Kind.TCG
        ? Duration.ofMillis(100)
        : HeartbeatLog.PERIOD;
  }

  boolean isElsewhere() {
    return imageDirectory.isPresent();
  }
}
