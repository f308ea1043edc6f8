package dev.nestbed.core.model;

import java.time.Duration;
import java.util.List;

/**
 * What a migration model predicts. {@code converges} false means the rounds and times are not
 * finite; {@code passes} then holds the passes up to where they levelled off.
 *
 * @param rounds the passes over memory, the last one (pre-copy: with the guest paused; post-copy:
 *     pulled while the guest runs at the destination) included
 * @param total from the migration call to the guest running at the destination with all its memory,
 *     fixed costs included
 * @param downtime how long the guest is paused
 */
public record MigrationPrediction(
    boolean converges,
    int rounds,
    Duration total,
    Duration downtime,
    long bytesSent,
    List<Pass> passes) {
  public MigrationPrediction {
    passes = List.copyOf(passes);
  }

  /**
   * One pass: {@code V(i)}, what it sends, and when it begins, counted from the migration call.
   * Kept so that a plot can draw the model's curve of remaining memory next to the one libvirt
   * reported.
   */
  public record Pass(Duration start, long bytes) {}

  static MigrationPrediction never(List<Pass> passes) {
    return new MigrationPrediction(false, 0, Duration.ZERO, Duration.ZERO, 0, passes);
  }

  /** One line for people: "3 rounds, 1.2 s, downtime 12 ms, 80 MiB". */
  public String describe() {
    if (!converges) {
      return "does not converge (the guest dirties its working set faster than the link drains it)";
    }
    return String.format(
        "%d rounds, %.2f s, downtime %d ms, %.1f MiB",
        rounds, total.toNanos() / 1e9, downtime.toMillis(), bytesSent / (1024.0 * 1024));
  }
}
