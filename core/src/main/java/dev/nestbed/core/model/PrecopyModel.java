package dev.nestbed.core.model;

import java.time.Duration;

/**
 * Plain iterative pre-copy (Clark et al., NSDI'05), with the fixed costs of Akoush et al.
 * (MASCOTS'10) from a {@link MigrationCalibration}: the equations are in the package description.
 */
public final class PrecopyModel {
  /** QEMU's downtime limit when none is set. */
  public static final Duration QEMU_DEFAULT_DOWNTIME = Duration.ofMillis(300);

  private PrecopyModel() {}

  /** The pass equations alone, without fixed costs. */
  public static MigrationPrediction predict(
      long memoryBytes,
      long workingSetBytes,
      double dirtyBytesPerSecond,
      double bandwidthBytesPerSecond,
      Duration downtimeLimit) {
    return predict(
        new MigrationInputs(
            memoryBytes,
            workingSetBytes,
            dirtyBytesPerSecond,
            bandwidthBytesPerSecond,
            downtimeLimit),
        MigrationCalibration.NONE);
  }

  /** The pass equations plus the calibration's set-up and switch-over. */
  public static MigrationPrediction predict(MigrationInputs in, MigrationCalibration fixed) {
    return Passes.run(in, Passes.steady(in.dirtyBytesPerSecond()), Passes.NEVER, fixed);
  }
}
