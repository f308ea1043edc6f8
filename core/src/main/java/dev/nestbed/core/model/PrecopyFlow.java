package dev.nestbed.core.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A migration's passes as a process in time, for links whose share changes while it runs: the same
 * passes as {@link PrecopyModel}, {@link AutoConvergeModel} and {@link PostcopyModel}, advanced by
 * {@code (seconds, rate)} between the moments the rate may change. Each pass sends what the guest
 * dirtied while the one before was sent, {@code V(i+1) = min(W, D(i) * duration of pass i)}, with
 * {@code D(i)} the dirty rate the guest had during pass {@code i} (auto-converge lowers it as its
 * throttle rises); a pass begins paused when it fits in the downtime limit at the rate of that
 * moment, and post-copy switches over after its pre-copy passes. Alone at a constant rate it gives
 * exactly what the mode's {@code predict} gives.
 *
 * <p>Where the passes stop shrinking at the rate it has (the guest dirties as fast as the link
 * drains, and no throttle can rise further), the flow keeps sending but waits for a higher rate,
 * then starts a fresh pass of what is dirty; at the same rate it never ends, as {@code predict}
 * says "never converges".
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
  private final Passes.Guest guest;
  private final int postcopyAfter;
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
   * Plain pre-copy.
   *
   * @param in the memory, working set, dirty rate and downtime limit; its bandwidth is not used
   *     (the rate comes with each step)
   */
  public PrecopyFlow(MigrationInputs in, MigrationCalibration fixed) {
    this(in, Passes.steady(in.dirtyBytesPerSecond()), Passes.NEVER, fixed);
  }

  /** Pre-copy with QEMU's auto-converge throttle ({@link AutoConvergeModel}). */
  public static PrecopyFlow autoConverge(MigrationInputs in, MigrationCalibration fixed) {
    return new PrecopyFlow(
        in, new AutoConvergeModel.Throttle(in.dirtyBytesPerSecond()), Passes.NEVER, fixed);
  }

  /**
   * Pre-copy passes, then post-copy ({@link PostcopyModel}).
   *
   * @param precopyPasses as {@link PostcopyModel#predict}'s
   */
  public static PrecopyFlow postcopy(
      MigrationInputs in, int precopyPasses, MigrationCalibration fixed) {
    if (precopyPasses < 1) {
      throw new IllegalArgumentException(
          "post-copy starts after at least one pre-copy pass, not " + precopyPasses);
    }
    return new PrecopyFlow(in, Passes.steady(in.dirtyBytesPerSecond()), precopyPasses, fixed);
  }

  private PrecopyFlow(
      MigrationInputs in, Passes.Guest guest, int postcopyAfter, MigrationCalibration fixed) {
    this.workingSet = in.workingSetBytes();
    this.guest = guest;
    this.postcopyAfter = postcopyAfter;
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
      pending =
          Math.min(
              workingSet,
              Math.max(pending, guest.dirtyRate(passes.size() - 1) * (now - stalledSince)));
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
    int pass = passes.size() - 1;
    if (pass == postcopyAfter) {
      // paused only to move the device state; the rest is pulled while the guest runs there
      phase = Phase.SWITCHOVER;
      left = switchover;
      return;
    }
    double dirtied = Math.min(workingSet, guest.dirtyRate(pass) * passSeconds);
    guest.passEnded(passBytes, dirtied);
    pending = dirtied;
    boolean levelled =
        dirtied >= passBytes && pass > 0 && !guest.maySlowDown() && postcopyAfter == Passes.NEVER;
    if (levelled || passes.size() >= Passes.MAX_ROUNDS) {
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
