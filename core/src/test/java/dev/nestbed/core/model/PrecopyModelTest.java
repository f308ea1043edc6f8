package dev.nestbed.core.model;

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
    MigrationPrediction p = PrecopyModel.predict(100 * MIB, 32 * MIB, 0, 100 * MIB, T);
    assertTrue(p.converges());
    assertEquals(2, p.rounds());
    assertEquals(Duration.ofSeconds(1), p.total());
    assertEquals(Duration.ZERO, p.downtime());
    assertEquals(100 * MIB, p.bytesSent());
  }

  @Test
  void aDirtyingGuestShrinksGeometricallyByDirtyRateOverBandwidth() {
    // r = 0.25: passes of 256, 64, 16 MiB; 16 MiB at 64 MiB/s is 250 ms, within 300 ms
    MigrationPrediction p = PrecopyModel.predict(256 * MIB, 256 * MIB, 16 * MIB, 64 * MIB, T);
    assertTrue(p.converges());
    assertEquals(3, p.rounds());
    assertEquals(336 * MIB, p.bytesSent());
    assertEquals(Duration.ofMillis(5250), p.total());
    assertEquals(Duration.ofMillis(250), p.downtime());
  }

  @Test
  void everyPassIsKeptWithWhenItBeginsForThePlot() {
    MigrationPrediction p = PrecopyModel.predict(256 * MIB, 256 * MIB, 16 * MIB, 64 * MIB, T);
    assertEquals(
        List.of(
            new MigrationPrediction.Pass(Duration.ZERO, 256 * MIB),
            new MigrationPrediction.Pass(Duration.ofSeconds(4), 64 * MIB),
            new MigrationPrediction.Pass(Duration.ofSeconds(5), 16 * MIB)),
        p.passes());
  }

  @Test
  void aModelThatNeverConvergesKeepsThePassesUntilTheyLevelOff() {
    MigrationPrediction p = PrecopyModel.predict(256 * MIB, 64 * MIB, 128 * MIB, 64 * MIB, T);
    assertEquals(
        List.of(256 * MIB, 64 * MIB),
        p.passes().stream().map(MigrationPrediction.Pass::bytes).toList());
  }

  @Test
  void theWorkingSetCapsWhatAPassCanLeaveBehind() {
    // r = 2 would diverge, but the guest only rewrites 8 MiB: that fits in 300 ms at 64 MiB/s
    MigrationPrediction p = PrecopyModel.predict(128 * MIB, 8 * MIB, 128 * MIB, 64 * MIB, T);
    assertTrue(p.converges());
    assertEquals(2, p.rounds());
    assertEquals(Duration.ofMillis(125), p.downtime());
  }

  @Test
  void aWorkingSetLargerThanOneDowntimeAtADirtyRateAboveTheBandwidthNeverConverges() {
    MigrationPrediction p = PrecopyModel.predict(256 * MIB, 64 * MIB, 128 * MIB, 64 * MIB, T);
    assertFalse(p.converges());
    assertTrue(p.describe().startsWith("does not converge"), p.describe());
  }

  @Test
  void aLongerDowntimeLimitMeansFewerRounds() {
    MigrationPrediction tight =
        PrecopyModel.predict(256 * MIB, 256 * MIB, 32 * MIB, 64 * MIB, Duration.ofMillis(50));
    MigrationPrediction loose =
        PrecopyModel.predict(256 * MIB, 256 * MIB, 32 * MIB, 64 * MIB, Duration.ofSeconds(2));
    assertTrue(tight.rounds() > loose.rounds(), tight.describe() + " vs " + loose.describe());
  }

  @Test
  void aDirtyRateEqualToTheBandwidthNeverConverges() {
    // r = 1: every pass leaves as much as it sent
    MigrationPrediction p = PrecopyModel.predict(256 * MIB, 256 * MIB, 64 * MIB, 64 * MIB, T);
    assertFalse(p.converges());
    assertEquals(
        List.of(256 * MIB, 256 * MIB),
        p.passes().stream().map(MigrationPrediction.Pass::bytes).toList());
  }

  @Test
  void passesShrinkByTheRatioOfDirtyRateToBandwidth() {
    // r = 24/64 = 0.375, the working set no cap
    MigrationPrediction p =
        PrecopyModel.predict(512 * MIB, 512 * MIB, 24 * MIB, 64 * MIB, Duration.ofMillis(30));
    List<Long> bytes = p.passes().stream().map(MigrationPrediction.Pass::bytes).toList();
    for (int i = 1; i < bytes.size(); i++) {
      assertEquals(
          0.375, bytes.get(i) / (double) bytes.get(i - 1), 1e-6, "pass " + i + " of " + bytes);
    }
  }

  @Test
  void theIteratedPassesAgreeWithTheClosedForm() {
    // M = 512 MiB, r = 0.375, B*T = 1.92 MiB: n = ceil(ln(1.92/512)/ln 0.375) = ceil(5.695) = 6
    double m = 512 * MIB;
    double r = 0.375;
    MigrationPrediction p =
        PrecopyModel.predict(512 * MIB, 512 * MIB, 24 * MIB, 64 * MIB, Duration.ofMillis(30));
    int n = (int) Math.ceil(Math.log(1.92 * MIB / m) / Math.log(r));
    assertEquals(6, n);
    assertEquals(n + 1, p.rounds());
    double sent = m * (1 - Math.pow(r, n + 1)) / (1 - r);
    assertEquals(sent, (double) p.bytesSent(), 8.0);
    assertEquals(sent / (64 * MIB), p.total().toNanos() / 1e9, 1e-6);
  }

  @Test
  void fixedCostsAddSetupToTheTotalAndTheSwitchOverToBoth() {
    MigrationCalibration fixed =
        new MigrationCalibration(
            Duration.ofMillis(500),
            Duration.ofMillis(80),
            0,
            new Provenance("a test", "", "by hand", ""));
    // the geometric case above: 5250 ms of passes, 250 ms of them paused
    MigrationPrediction p =
        PrecopyModel.predict(
            new MigrationInputs(256 * MIB, 256 * MIB, 16 * MIB, 64 * MIB, T), fixed);
    assertEquals(Duration.ofMillis(500 + 5250 + 80), p.total());
    assertEquals(Duration.ofMillis(250 + 80), p.downtime());
    assertEquals(336 * MIB, p.bytesSent());
    assertEquals(
        List.of(Duration.ofMillis(500), Duration.ofMillis(4500), Duration.ofMillis(5500)),
        p.passes().stream().map(MigrationPrediction.Pass::start).toList());
  }

  @Test
  void theDefaultCalibrationGivesBackTheMigrationItWasMeasuredFrom() {
    // the idle 256 MiB guest of docs/model-calibration.md: 81.8 MiB at 205 MiB/s, 996 ms, 86 ms
    // down
    long sent = Math.round(81.8 * MIB);
    MigrationPrediction p =
        PrecopyModel.predict(
            new MigrationInputs(
                sent, 32 * MIB, 0, MigrationCalibration.MEASURED_HERE.bandwidthBytesPerSecond(), T),
            MigrationCalibration.MEASURED_HERE);
    assertEquals(996, p.total().toMillis());
    assertEquals(86, p.downtime().toMillis());
    assertEquals(sent, p.bytesSent());
  }

  @Test
  void noBandwidthIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> PrecopyModel.predict(MIB, MIB, 0, 0, T));
  }
}
