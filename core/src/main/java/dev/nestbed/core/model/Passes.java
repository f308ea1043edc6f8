package dev.nestbed.core.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The loop of passes the migration models share: each pass sends what the guest dirtied while the
 * one before was sent (capped by its working set), until the rest fits in the downtime limit
 * (pre-copy ends with the guest paused) or the switch to post-copy is due (the rest follows while
 * the guest runs at the destination), or the passes stop shrinking for good.
 */
final class Passes {
  /** Passes after which a model gives up: by then V(i) has levelled off. */
  static final int MAX_ROUNDS = 1000;

  /** No switch to post-copy. */
  static final int NEVER = -1;

  private Passes() {}

  /** How the guest dirties memory while the passes run. */
  interface Guest {
    /** Its dirty rate during pass {@code pass} (0 is the first). */
    double dirtyRate(int pass);

    /** Told, after each pass, what it sent and what the guest dirtied meanwhile. */
    default void passEnded(double sent, double dirtied) {}

    /** Whether passes that stopped shrinking may shrink later (a throttle that can still rise). */
    default boolean maySlowDown() {
      return false;
    }
  }

  /** A guest dirtying at the same rate throughout. */
  static Guest steady(double dirtyBytesPerSecond) {
    return pass -> dirtyBytesPerSecond;
  }

  /**
   * @param postcopyAfter the passes sent in pre-copy before the switch to post-copy, or {@link
   *     #NEVER}
   */
  static MigrationPrediction run(
      MigrationInputs in, Guest guest, int postcopyAfter, MigrationCalibration fixed) {
    double bandwidth = in.bandwidthBytesPerSecond();
    double fits = in.fitsInDowntime();
    double setup = fixed.setupSeconds();
    double switchover = fixed.switchoverSeconds();
    double pass = (double) in.memoryBytes();
    double sent = 0;
    List<MigrationPrediction.Pass> passes = new ArrayList<>();
    for (int i = 0; i < MAX_ROUNDS; i++) {
      passes.add(new MigrationPrediction.Pass(seconds(setup + sent / bandwidth), Math.round(pass)));
      sent += pass;
      if (pass <= fits) {
        return new MigrationPrediction(
            true,
            i + 1,
            seconds(setup + sent / bandwidth + switchover),
            seconds(pass / bandwidth + switchover),
            Math.round(sent),
            passes);
      }
      if (i == postcopyAfter) {
        // paused only to move the device state; the rest is pulled while the guest runs there
        return new MigrationPrediction(
            true,
            i + 1,
            seconds(setup + sent / bandwidth + switchover),
            seconds(switchover),
            Math.round(sent),
            passes);
      }
      double dirtied =
          Math.min((double) in.workingSetBytes(), guest.dirtyRate(i) * pass / bandwidth);
      guest.passEnded(pass, dirtied);
      if (dirtied >= pass && i > 0 && !guest.maySlowDown() && postcopyAfter == NEVER) {
        break; // levelled off above what fits in the downtime: it never will
      }
      pass = dirtied;
    }
    return MigrationPrediction.never(passes);
  }

  private static Duration seconds(double s) {
    return Duration.ofNanos(Math.round(s * 1e9));
  }
}
