package dev.nestbed.core.model;

/**
 * Pre-copy with QEMU's auto-converge: when the guest dirties too much for the passes to shrink,
 * QEMU throttles its vCPUs in steps, and the model slows the dirty rate by the same share (it
 * assumes the guest dirties in proportion to the CPU time it gets). The steps are QEMU's defaults;
 * the package description has the rule.
 */
public final class AutoConvergeModel {
  /** {@code cpu-throttle-initial}: the first throttle, in percent of the vCPUs' time. */
  public static final int THROTTLE_INITIAL = 20;

  /** {@code cpu-throttle-increment}: each later step. */
  public static final int THROTTLE_INCREMENT = 10;

  /** {@code max-cpu-throttle}: the throttle never goes beyond. */
  public static final int THROTTLE_MAX = 99;

  /**
   * {@code throttle-trigger-threshold}: a pass counts as too dirty when it dirtied more than this
   * share of what it sent.
   */
  public static final int TRIGGER_PERCENT = 50;

  private AutoConvergeModel() {}

  /** The migration, and the throttle the guest ended with. */
  public record Prediction(MigrationPrediction migration, int finalThrottlePercent) {}

  public static Prediction predict(MigrationInputs in, MigrationCalibration fixed) {
    Throttle throttle = new Throttle(in.dirtyBytesPerSecond());
    MigrationPrediction migration = Passes.run(in, throttle, Passes.NEVER, fixed);
    return new Prediction(migration, throttle.percent());
  }

  /**
   * QEMU's rule, checked at the end of every pass: a pass that dirtied more than {@link
   * #TRIGGER_PERCENT} % of what it sent counts; every second one that counts raises the throttle,
   * to {@link #THROTTLE_INITIAL} % first, then by {@link #THROTTLE_INCREMENT} up to {@link
   * #THROTTLE_MAX} %.
   */
  static final class Throttle implements Passes.Guest {
    private final double dirtyBytesPerSecond;
    private int percent;
    private int dirtyPasses;

    Throttle(double dirtyBytesPerSecond) {
      this.dirtyBytesPerSecond = dirtyBytesPerSecond;
    }

    int percent() {
      return percent;
    }

    @Override
    public double dirtyRate(int pass) {
      return dirtyBytesPerSecond * (100 - percent) / 100.0;
    }

    @Override
    public void passEnded(double sent, double dirtied) {
      if (dirtied > sent * TRIGGER_PERCENT / 100.0 && ++dirtyPasses >= 2) {
        dirtyPasses = 0;
        percent =
            percent == 0 ? THROTTLE_INITIAL : Math.min(percent + THROTTLE_INCREMENT, THROTTLE_MAX);
      }
    }

    @Override
    public boolean maySlowDown() {
      return percent < THROTTLE_MAX;
    }
  }
}
