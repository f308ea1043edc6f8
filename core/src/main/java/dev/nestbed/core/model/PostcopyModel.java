package dev.nestbed.core.model;

/**
 * Pre-copy passes, then the switch to post-copy (Hines and Gopalan, VEE'09): the guest pauses only
 * for the switch-over and runs on at the destination, which pulls what was still dirty at the
 * switch. Every page crosses at most once after it, so post-copy always completes. The package
 * description has the equations.
 */
public final class PostcopyModel {
  private PostcopyModel() {}

  /**
   * @param precopyPasses the passes sent in pre-copy before the switch (at least 1; QEMU needs one
   *     pass first); a migration whose rest fits in the downtime limit earlier ends in pre-copy
   */
  public static MigrationPrediction predict(
      MigrationInputs in, int precopyPasses, MigrationCalibration fixed) {
    if (precopyPasses < 1) {
      throw new IllegalArgumentException(
          "post-copy starts after at least one pre-copy pass, not " + precopyPasses);
    }
    return Passes.run(in, Passes.steady(in.dirtyBytesPerSecond()), precopyPasses, fixed);
  }
}
