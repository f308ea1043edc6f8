package dev.nestbed.core.model;

import dev.nestbed.core.value.DataSize;
import java.time.Duration;

/**
 * What booting, resizing, moving and re-membering cost, for a simulated run: measured fixed costs
 * and rates of an {@link OperationCalibration}, combined as the package documentation states. Each
 * method is one equation; none guesses at what was not measured.
 */
public final class OperationModel {
  private final OperationCalibration calibration;

  public OperationModel(OperationCalibration calibration) {
    this.calibration = calibration;
  }

  public OperationCalibration calibration() {
    return calibration;
  }

  /** From defining a partition's domain until its QEMU runs. */
  public Duration start() {
    return calibration.start();
  }

  /** From its domain's start until its agent's first heartbeat. */
  public Duration firstHeartbeat() {
    return calibration.firstHeartbeat();
  }

  /** Until the agent sees a new vCPU count: one fixed cost, whatever the count. */
  public Duration vcpus() {
    return calibration.vcpuHotplug();
  }

  /**
   * Until the agent sees a memory size change from {@code from} to {@code to} of a partition that
   * booted with {@code boot}: memory past the boot size is plugged or unplugged at its measured
   * rate, a change within the boot size is the balloon's fixed cost, and a change across it is
   * both.
   */
  public Duration memory(DataSize boot, DataSize from, DataSize to) {
    long pluggedBefore = Math.max(0, from.bytes() - boot.bytes());
    long pluggedAfter = Math.max(0, to.bytes() - boot.bytes());
    double seconds = 0;
    if (pluggedAfter > pluggedBefore) {
      seconds += (pluggedAfter - pluggedBefore) / calibration.memoryPlugBytesPerSecond();
    } else if (pluggedAfter < pluggedBefore) {
      seconds += (pluggedBefore - pluggedAfter) / calibration.memoryUnplugBytesPerSecond();
    }
    long balloonBefore = Math.min(from.bytes(), boot.bytes());
    long balloonAfter = Math.min(to.bytes(), boot.bytes());
    Duration balloon = balloonBefore == balloonAfter ? Duration.ZERO : calibration.balloon();
    return seconds(seconds).plus(balloon);
  }

  /** Until a joining node's cell is usable inside its pool. */
  public Duration nodeJoin() {
    return calibration.nodeJoin();
  }

  /** Until a leaving node's cell is gone inside its pool (its partitions already moved). */
  public Duration nodeLeave() {
    return calibration.nodeLeave();
  }

  /**
   * A move of {@code memory} between cells joined by a link of {@code linkBytesPerSecond}: the
   * set-up, then the pages at the slower of the page-migration rate and the link.
   */
  public Duration move(DataSize memory, double linkBytesPerSecond) {
    double rate = Math.min(calibration.movePageBytesPerSecond(), linkBytesPerSecond);
    return calibration.moveSetup().plus(seconds(memory.bytes() / rate));
  }

  /** The longest heartbeat gap a move causes inside its guest. */
  public Duration moveGuestDowntime() {
    return calibration.moveGuestDowntime();
  }

  /**
   * What a live migration copies of a guest of {@code memory} whose workload rewrites {@code
   * workingSet}: its kernel's and agent's footprint and the working set, at most all of it (zero
   * pages cross as markers, so memory never touched costs nothing).
   */
  public DataSize inUse(DataSize memory, DataSize workingSet) {
    return DataSize.ofBytes(
        Math.min(memory.bytes(), calibration.guestFootprint().bytes() + workingSet.bytes()));
  }

  private static Duration seconds(double seconds) {
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }
}
