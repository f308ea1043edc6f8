package dev.nestbed.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrecopyModelTest {
  private static final long MIB = 1024 * 1024;
  private static final Duration T = Duration.ofMillis(300);

  @Test
  void anIdleGuestIsOnePassThenAnEmptyPausedOne() {
    PrecopyModel.Prediction p = PrecopyModel.predict(100 * MIB, 32 * MIB, 0, 100 * MIB, T);
    assertTrue(p.converges());
    assertEquals(2, p.rounds());
    assertEquals(Duration.ofSeconds(1), p.total());
    assertEquals(Duration.ZERO, p.downtime());
    assertEquals(100 * MIB, p.bytesSent());
  }

  @Test
  void aDirtyingGuestShrinksGeometricallyByDirtyRateOverBandwidth() {
    // r = 0.25: passes of 256, 64, 16 MiB; 16 MiB at 64 MiB/s is 250 ms, within 300 ms
    PrecopyModel.Prediction p = PrecopyModel.predict(256 * MIB, 256 * MIB, 16 * MIB, 64 * MIB, T);
    assertTrue(p.converges());
    assertEquals(3, p.rounds());
    assertEquals(336 * MIB, p.bytesSent());
    assertEquals(Duration.ofMillis(5250), p.total());
    assertEquals(Duration.ofMillis(250), p.downtime());
  }

  @Test
  void everyPassIsKeptWithWhenItBeginsForThePlot() {
    PrecopyModel.Prediction p = PrecopyModel.predict(256 * MIB, 256 * MIB, 16 * MIB, 64 * MIB, T);
    assertEquals(List.of(new PrecopyModel.Pass(Duration.ZERO, 256 * MIB),
        new PrecopyModel.Pass(Duration.ofSeconds(4), 64 * MIB), new PrecopyModel.Pass(Duration.ofSeconds(5), 16 * MIB)),
        p.passes());
  }

  @Test
  void aModelThatNeverConvergesKeepsThePassesUntilTheyLevelOff() {
    PrecopyModel.Prediction p = PrecopyModel.predict(256 * MIB, 64 * MIB, 128 * MIB, 64 * MIB, T);
    assertEquals(List.of(256 * MIB, 64 * MIB), p.passes().stream().map(PrecopyModel.Pass::bytes).toList());
  }

  @Test
  void theWorkingSetCapsWhatAPassCanLeaveBehind() {
    // r = 2 would diverge, but the guest only rewrites 8 MiB: that fits in 300 ms at 64 MiB/s
    PrecopyModel.Prediction p = PrecopyModel.predict(128 * MIB, 8 * MIB, 128 * MIB, 64 * MIB, T);
    assertTrue(p.converges());
    assertEquals(2, p.rounds());
    assertEquals(Duration.ofMillis(125), p.downtime());
  }

  @Test
  void aWorkingSetLargerThanOneDowntimeAtADirtyRateAboveTheBandwidthNeverConverges() {
    PrecopyModel.Prediction p = PrecopyModel.predict(256 * MIB, 64 * MIB, 128 * MIB, 64 * MIB, T);
    assertFalse(p.converges());
    assertTrue(p.describe().startsWith("does not converge"), p.describe());
  }

  @Test
  void aLongerDowntimeLimitMeansFewerRounds() {
    PrecopyModel.Prediction tight = PrecopyModel.predict(256 * MIB, 256 * MIB, 32 * MIB, 64 * MIB,
        Duration.ofMillis(50));
    PrecopyModel.Prediction loose = PrecopyModel.predict(256 * MIB, 256 * MIB, 32 * MIB, 64 * MIB,
        Duration.ofSeconds(2));
    assertTrue(tight.rounds() > loose.rounds(), tight.describe() + " vs " + loose.describe());
  }

  @Test
  void noBandwidthIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> PrecopyModel.predict(MIB, MIB, 0, 0, T));
  }
}
