package dev.nestbed.migration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The classic iterative pre-copy model: what a live migration should cost, from the memory to
 * send, the rate the guest dirties it and the bandwidth of the link.
 *
 * <p>With {@code M} the memory the first pass sends, {@code W} the working set the guest keeps
 * rewriting (what it can dirty at most between two passes), {@code D} the dirty rate, {@code B}
 * the bandwidth and {@code T} the downtime limit:
 * <pre>
 *   V(0)   = M                                  the first pass sends all memory in use
 *   V(i+1) = min(W, D * V(i) / B)               what the guest dirtied while pass i was sent
 *   n      = the first i with V(i) &lt;= B * T    QEMU stops the guest when the rest fits in T
 *   rounds = n + 1                              n live passes, then one with the guest paused
 *   total  = (V(0) + ... + V(n)) / B
 *   downtime = V(n) / B
 *   sent   = V(0) + ... + V(n)
 * </pre>
 * Without the working-set cap, {@code V(i) = M r^i} with {@code r = D/B}, so
 * {@code n = ceil(ln(B*T/M) / ln r)} and {@code total = (M/B) (1 - r^(n+1)) / (1 - r)}: pre-copy
 * converges only when {@code r < 1} or the working set fits in one downtime ({@code W <= B*T}).
 * Otherwise the model says it never converges (the passes level off at {@code W}).
 *
 * <p>Left out on purpose: connection setup, device state, the time QEMU needs to notice the
 * end of a pass, and zero pages (QEMU sends them as markers: {@code M} should count memory in
 * use, not the guest's size). Auto-converge and post-copy change the picture; the model stays the
 * plain pre-copy baseline to compare them against.
 */
public final class PrecopyModel {
  /** QEMU's downtime limit when none is set. */
  public static final Duration QEMU_DEFAULT_DOWNTIME = Duration.ofMillis(300);
  /** Passes after which the model gives up: by then V(i) has levelled off. */
  static final int MAX_ROUNDS = 1000;

  private PrecopyModel() {}

  /**
   * One pass of the model: {@code V(i)}, what it sends, and when it begins, counted from the start
   * of the first pass at bandwidth {@code B}. Kept so that a plot can draw the model's curve of
   * remaining memory next to the one libvirt reported.
   */
  public record Pass(Duration start, long bytes) {}

  /**
   * What the model predicts. {@code converges} false means the rounds and times are not finite;
   * {@code passes} then holds the passes up to where they levelled off.
   */
  public record Prediction(boolean converges, int rounds, Duration total, Duration downtime, long bytesSent,
      List<Pass> passes) {
    public Prediction {
      passes = List.copyOf(passes);
    }

    /** One line for people: "3 rounds, 1.2 s, downtime 12 ms, 80 MiB". */
    public String describe() {
      if (!converges) {
        return "does not converge (the guest dirties its working set faster than the link drains it)";
      }
      return String.format("%d rounds, %.2f s, downtime %d ms, %.1f MiB", rounds, total.toNanos() / 1e9,
          downtime.toMillis(), bytesSent / (1024.0 * 1024));
    }
  }

  /**
   * @param memoryBytes M, the memory the first pass sends
   * @param workingSetBytes W, the most the guest rewrites between two passes
   * @param dirtyBytesPerSecond D
   * @param bandwidthBytesPerSecond B, more than zero
   * @param downtimeLimit T
   */
  public static Prediction predict(long memoryBytes, long workingSetBytes, double dirtyBytesPerSecond,
      double bandwidthBytesPerSecond, Duration downtimeLimit) {
    if (bandwidthBytesPerSecond <= 0) {
      throw new IllegalArgumentException("the pre-copy model needs a bandwidth above 0, not "
          + bandwidthBytesPerSecond + " B/s");
    }
    if (memoryBytes < 0 || workingSetBytes < 0 || dirtyBytesPerSecond < 0) {
      throw new IllegalArgumentException("memory, working set and dirty rate must not be negative");
    }
    double fitsInDowntime = bandwidthBytesPerSecond * downtimeLimit.toNanos() / 1e9;
    double pass = (double) memoryBytes;
    double sent = 0;
    List<Pass> passes = new ArrayList<>();
    for (int i = 0; i < MAX_ROUNDS; i++) {
      passes.add(new Pass(seconds(sent / bandwidthBytesPerSecond), Math.round(pass)));
      sent += pass;
      if (pass <= fitsInDowntime) {
        return new Prediction(true, i + 1, seconds(sent / bandwidthBytesPerSecond),
            seconds(pass / bandwidthBytesPerSecond), Math.round(sent), passes);
      }
      double next = Math.min((double) workingSetBytes, dirtyBytesPerSecond * pass / bandwidthBytesPerSecond);
      if (next >= pass && i > 0) {
        break; // levelled off above what fits in the downtime: it never will
      }
      pass = next;
    }
    return new Prediction(false, 0, Duration.ZERO, Duration.ZERO, 0, passes);
  }

  private static Duration seconds(double s) {
    return Duration.ofNanos(Math.round(s * 1e9));
  }
}
