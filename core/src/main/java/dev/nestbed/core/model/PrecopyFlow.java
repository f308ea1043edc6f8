package dev.nestbed.core.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain pre-copy as a process in time, for links whose share changes while it runs: the same passes
 * as {@link PrecopyModel}, advanced by {@code (seconds, rate)} between the moments the rate may
 * change. Each pass sends what the guest dirtied while the one before was sent, {@code V(i+1) =
 * min(W, D * duration of pass i)}; a pass begins paused when it fits in the downtime limit at the
 * rate of that moment. Alone at a constant rate it gives exactly what {@link
 * PrecopyModel#predict(MigrationInputs, MigrationCalibration)} gives.
 *
 * <p>Where the passes stop shrinking at the rate it has (the guest dirties as fast as the link
 * drains), the flow keeps sending but waits for a higher rate, then starts a fresh pass of what is
 * dirty; at the same rate it never ends, as {@code predict} says "never converges".
 */
public final class PrecopyFlow implements SharedLinks.Flow {
  private static final double EPSILON = 1e-12;

  private enum Phase {
    SETUP,
    /** A pass of {@code pending} bytes is due; paused or not is decided at the rate it meets. */
    PASS_DUE,
    PASS,
    /** Levelled off at {@code stalledAt}: sending, waiting for a rate above it. */
    STALLED,
    PAUSED,
    SWITCHOVER,
    DONE
  }

  private final double workingSet;
  private final double dirtyRate;
  private final double downtimeSeconds;
  private final double switchover;
  private final List<MigrationPrediction.Pass> passes = new ArrayList<>();
  private Phase phase = Phase.SETUP;

  /** Seconds (set-up, switch-over) or bytes (a pass) left in the phase. */
  private double left;

  private double pending;
  private double passBytes;
  private double passSeconds;
  private double stalledAt;
  private double stalledSince;
  private double now;
  private double sent;
  private double paused;
  private double lastRate;

  /**
   * @param in the memory, working set, dirty rate and downtime limit; its bandwidth is not used
   *     (the rate comes with each step)
   */
  public PrecopyFlow(MigrationInputs in, MigrationCalibration fixed) {
    this.workingSet = in.workingSetBytes();
    this.dirtyRate = in.dirtyBytesPerSecond();
    this.downtimeSeconds = in.downtimeLimit().toNanos() / 1e9;
    this.switchover = fixed.switchoverSeconds();
    this.left = fixed.setupSeconds();
    this.pending = in.memoryBytes();
  }

  @Override
  public double secondsToNextEvent(double rate) {
    lastRate = rate;
    begin(rate);
    return switch (phase) {
      case SETUP, SWITCHOVER -> left;
      case PASS, PAUSED -> rate > 0 ? left / rate : Double.POSITIVE_INFINITY;
      case STALLED -> Double.POSITIVE_INFINITY;
      case PASS_DUE, DONE -> 0;
    };
  }

  @Override
  public void advance(double seconds, double rate) {
    double toEvent = secondsToNextEvent(rate);
    boolean reaches =
        !Double.isInfinite(toEvent) && seconds >= toEvent - EPSILON * Math.max(1, toEvent);
    double dt = reaches ? toEvent : seconds;
    now += dt;
    switch (phase) {
      case SETUP -> {
        left -= dt;
        if (reaches) {
          phase = Phase.PASS_DUE;
        }
      }
      case PASS, PAUSED -> {
        sent += reaches ? left : rate * dt;
        left = reaches ? 0 : left - rate * dt;
        passSeconds += dt;
        if (phase == Phase.PAUSED) {
          paused += dt;
          if (reaches) {
            phase = Phase.SWITCHOVER;
            left = switchover;
          }
        } else if (reaches) {
          passEnded();
        }
      }
      case STALLED -> sent += rate * seconds;
      case SWITCHOVER -> {
        left -= dt;
        paused += dt;
        if (reaches) {
          phase = Phase.DONE;
        }
      }
      case PASS_DUE, DONE -> {}
    }
  }

  @Override
  public boolean done() {
    return phase == Phase.DONE;
  }

  /** Resolves a pass that is due, or a stall the rate now lifts, at the rate met. */
  private void begin(double rate) {
    if (phase == Phase.STALLED && rate > stalledAt * (1 + EPSILON)) {
      // what is dirty now: the guest went on writing while the passes stayed level
      pending = Math.min(workingSet, Math.max(pending, dirtyRate * (now - stalledSince)));
      phase = Phase.PASS_DUE;
    }
    if (phase != Phase.PASS_DUE) {
      return;
    }
    passes.add(new MigrationPrediction.Pass(seconds(now), Math.round(pending)));
    passBytes = pending;
    passSeconds = 0;
    left = pending;
    phase = pending <= rate * downtimeSeconds ? Phase.PAUSED : Phase.PASS;
  }

  private void passEnded() {
    double dirtied = Math.min(workingSet, dirtyRate * passSeconds);
    pending = dirtied;
    if ((dirtied >= passBytes && passes.size() > 1) || passes.size() >= Passes.MAX_ROUNDS) {
      // levelled off above what fits in the downtime at this rate: only a higher one helps
      phase = Phase.STALLED;
      stalledAt = passBytes / passSeconds;
      stalledSince = now;
    } else {
      phase = Phase.PASS_DUE;
    }
  }

  /** The rate it was given last. */
  public double lastRate() {
    return lastRate;
  }

  /**
   * What the flow did: its passes, total time, pause and data once it is done; "never converges"
   * (with the passes so far) while it is not.
   */
  public MigrationPrediction result() {
    if (phase != Phase.DONE) {
      return MigrationPrediction.never(passes);
    }
    return new MigrationPrediction(
        true, passes.size(), seconds(now), seconds(paused), Math.round(sent), passes);
  }

  private static Duration seconds(double s) {
    return Duration.ofNanos(Math.round(s * 1e9));
  }
}
