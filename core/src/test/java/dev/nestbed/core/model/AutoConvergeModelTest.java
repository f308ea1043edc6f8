package dev.nestbed.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutoConvergeModelTest {
  private static final long MIB = 1024 * 1024;
  private static final Duration T = Duration.ofMillis(300);

  @Test
  void theThrottleStartsAt20AndRisesBy10EverySecondDirtyPassUpTo99() {
    AutoConvergeModel.Throttle throttle = new AutoConvergeModel.Throttle(MIB);
    List<Integer> after = new ArrayList<>();
    for (int pass = 0; pass < 20; pass++) {
      throttle.passEnded(100, 100);
      after.add(throttle.percent());
    }
    assertEquals(
        List.of(0, 20, 20, 30, 30, 40, 40, 50, 50, 60, 60, 70, 70, 80, 80, 90, 90, 99, 99, 99),
        after);
    assertFalse(throttle.maySlowDown());
  }

  @Test
  void aPassThatDirtiedHalfOfWhatItSentOrLessDoesNotCount() {
    AutoConvergeModel.Throttle throttle = new AutoConvergeModel.Throttle(MIB);
    for (int pass = 0; pass < 10; pass++) {
      throttle.passEnded(100, 50);
    }
    assertEquals(0, throttle.percent());
  }

  @Test
  void theThrottleSlowsTheDirtyRateByItsShare() {
    AutoConvergeModel.Throttle throttle = new AutoConvergeModel.Throttle(100 * MIB);
    throttle.passEnded(1, 1);
    throttle.passEnded(1, 1);
    assertEquals(80.0 * MIB, throttle.dirtyRate(2), 1e-6);
  }

  @Test
  void aGuestDirtyingTwiceTheBandwidthConvergesOnceThrottledTo80Percent() {
    // D = 128, B = 64 MiB/s, W = M = 256 MiB, B*T = 19.2 MiB. Plain pre-copy never converges.
    // By hand, V(i+1) = min(W, 2(1 - p(i)) V(i)): passes 0-10 stay at 256 MiB (capped by W) while
    // the throttle climbs to 20, 30, 40, 50 % (after passes 1, 3, 5, 7) and 60 % (after pass 9);
    // then 204.8, 163.84 (-> 70 %), 98.304, 58.9824 (-> 80 %), 23.59296, 9.437184 MiB, which fits
    // in 300 ms. 17 rounds; 11 x 256 + 558.956544 = 3374.956544 MiB sent in 52.733696 s; the last
    // 9.437184 MiB paused for 147.456 ms.
    MigrationInputs in = new MigrationInputs(256 * MIB, 256 * MIB, 128 * MIB, 64 * MIB, T);
    assertFalse(PrecopyModel.predict(in, MigrationCalibration.NONE).converges());
    AutoConvergeModel.Prediction p = AutoConvergeModel.predict(in, MigrationCalibration.NONE);
    assertTrue(p.migration().converges());
    assertEquals(80, p.finalThrottlePercent());
    assertEquals(17, p.migration().rounds());
    assertEquals(3374.956544 * MIB, (double) p.migration().bytesSent(), 16.0);
    assertEquals(52733.696, p.migration().total().toNanos() / 1e6, 1e-3);
    assertEquals(147, p.migration().downtime().toMillis());
  }

  @Test
  void aGuestThatPreCopyMovesIsNeverThrottled() {
    // r = 0.25: no pass dirties more than half of what it sent
    MigrationInputs in = new MigrationInputs(256 * MIB, 256 * MIB, 16 * MIB, 64 * MIB, T);
    AutoConvergeModel.Prediction p = AutoConvergeModel.predict(in, MigrationCalibration.NONE);
    assertEquals(0, p.finalThrottlePercent());
    assertEquals(PrecopyModel.predict(in, MigrationCalibration.NONE), p.migration());
  }

  @Test
  void evenTheLargestThrottleCannotSaveAGuestDirtyingAHundredTimesTheBandwidth() {
    // at 99 % the guest still dirties at 1.28 x the bandwidth
    MigrationInputs in = new MigrationInputs(256 * MIB, 256 * MIB, 128 * 64 * MIB, 64 * MIB, T);
    AutoConvergeModel.Prediction p = AutoConvergeModel.predict(in, MigrationCalibration.NONE);
    assertFalse(p.migration().converges());
    assertEquals(AutoConvergeModel.THROTTLE_MAX, p.finalThrottlePercent());
  }
}
