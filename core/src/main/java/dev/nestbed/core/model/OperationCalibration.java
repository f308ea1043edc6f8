package dev.nestbed.core.model;

import dev.nestbed.core.value.DataSize;
import java.time.Duration;

/**
 * What the operations around a migration cost on one kind of host, measured there, for the models a
 * simulated run uses: booting a partition, hot-plugging vCPUs and memory, a node joining or leaving
 * its pool, and moving a partition between the cells of a pool. The equations that use them are in
 * this package's documentation ({@link OperationModel}).
 *
 * @param start from defining a partition's domain until its QEMU runs
 * @param firstHeartbeat from its domain's start until its agent's first heartbeat (its kernel's
 *     boot), as a real run's wait step times it
 * @param vcpuHotplug from asking for a new vCPU count until the agent sees it online
 * @param memoryPlugBytesPerSecond how fast memory past the boot size arrives (a memory device grows
 *     and the guest onlines it), until the agent sees it
 * @param memoryUnplugBytesPerSecond how fast that memory leaves again
 * @param balloon a balloon change within the boot size, until the agent sees it (fixed: it barely
 *     depends on the size here)
 * @param nodeJoin from a spare node's request to join until its cell is usable inside the pool
 * @param nodeLeave from a node's request to leave until its cell is gone inside the pool
 * @param moveSetup what a move between cells costs beyond copying memory: re-pinning, the checks
 * @param movePageBytesPerSecond how fast a partition moves between the cells of a pool, in bytes of
 *     its size per second
 * @param moveGuestDowntime the longest heartbeat gap a move causes inside its guest
 * @param guestFootprint the memory an idle partition's kernel and agent use besides its workload's
 *     working set: what a migration copies of a guest that does nothing
 * @param migration the fixed costs and bandwidth of a live migration between pools
 */
public record OperationCalibration(
    Duration start,
    Duration firstHeartbeat,
    Duration vcpuHotplug,
    double memoryPlugBytesPerSecond,
    double memoryUnplugBytesPerSecond,
    Duration balloon,
    Duration nodeJoin,
    Duration nodeLeave,
    Duration moveSetup,
    double movePageBytesPerSecond,
    Duration moveGuestDowntime,
    DataSize guestFootprint,
    MigrationCalibration migration,
    Provenance provenance) {
  public OperationCalibration {
    if (memoryPlugBytesPerSecond <= 0
        || memoryUnplugBytesPerSecond <= 0
        || movePageBytesPerSecond <= 0) {
      throw new IllegalArgumentException("a calibration's rates must be above 0");
    }
  }

  /**
   * Measured on this project's kind of development machine on 2026-12-05 (2 cores, TCG, QEMU 10.0,
   * libvirt 11.3), by running scenarios/examples quickstart, memory and evacuate for real and
   * reading their results.json; docs/model-calibration.md has every figure and its source.
   */
  public static final OperationCalibration MEASURED_HERE =
      new OperationCalibration(
          Duration.ofMillis(592),
          Duration.ofMillis(2909),
          Duration.ofMillis(511),
          926.0 * (1 << 20),
          429.0 * (1 << 20),
          Duration.ofMillis(168),
          Duration.ofMillis(754),
          Duration.ofMillis(954),
          // two moves of a 192 MiB partition (172.9 MiB resident) took 2037 and 2895 ms; with one
          // size, set-up and rate cannot be told apart, so all of it is rate, per MiB of the
          // partition's size: 192 MiB in their median, 2466 ms
          Duration.ZERO,
          77.9 * (1 << 20),
          Duration.ofMillis(430),
          // the idle 256 MiB guest of MigrationCalibration sent 81.8 MiB with the default 16 MiB
          // working set
          DataSize.ofMiB(66),
          MigrationCalibration.MEASURED_HERE,
          new Provenance(
              "2-core Debian 12 development machine under TCG (no usable KVM), QEMU 10.0.2 and libvirt"
                  + " 11.3 from bookworm-backports; host pools on local nodes (boot, hotplug) and a"
                  + " nested pool of two L1 cells (node join and leave, moves)",
              "2026-12-05",
              "one real run each of scenarios/examples/quickstart.yaml, memory.yaml and evacuate.yaml;"
                  + " each figure is the step metric of that run (see docs/model-calibration.md)",
              "docs/model-calibration.md"));
}
