package dev.nestbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.model.MigrationPrediction;
import dev.nestbed.core.model.PrecopyModel;
import dev.nestbed.migration.GuestDowntime;
import dev.nestbed.migration.MigrationResult;
import dev.nestbed.testing.MigrationResults;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchCalibrationTest {
  private static final long MIB = 1024 * 1024;

  @Test
  void idleMigrationsGiveTheMemoryTheLinkAndTheFixedCostsAsMedians() {
    // the middle one: 80 MiB at 100 MiB/s is 800 ms of transfer; a 50 ms pause; 1,500 ms in all
    BenchCalibration c =
        BenchCalibration.of(
            List.of(
                idle(1400, 40, 78 * MIB, 90.0 * MIB),
                idle(1500, 50, 80 * MIB, 100.0 * MIB),
                idle(1900, 90, 81 * MIB, 400.0 * MIB)));
    assertEquals(80 * MIB, c.memoryBytes());
    assertEquals(100.0 * MIB, c.bandwidth());
    assertEquals(Duration.ofMillis(50), c.switchover());
    assertEquals(Duration.ofMillis(650), c.setup());
  }

  @Test
  void predictingTheCalibrationRunItselfGivesBackItsTotalAndData() {
    MigrationResult idle = idle(1500, 50, 80 * MIB, 100.0 * MIB);
    MigrationPrediction p = BenchCalibration.of(List.of(idle)).predict(idle, 32 * MIB);
    assertTrue(p.converges());
    assertEquals(1500.0, (double) p.total().toMillis(), 1.0);
    assertEquals(80 * MIB, p.bytesSent());
    assertEquals(50, p.downtime().toMillis());
  }

  @Test
  void aLinkSlowerThanTheTotalAllowsLeavesNoSetUpRatherThanANegativeOne() {
    BenchCalibration c = BenchCalibration.of(List.of(idle(1000, 50, 80 * MIB, 40.0 * MIB)));
    assertEquals(Duration.ZERO, c.setup());
  }

  @Test
  void aMigrationThatDirtiesMoreThanTheLinkCarriesNeverConvergesInTheModel() {
    BenchCalibration c = BenchCalibration.of(List.of(idle(1500, 50, 80 * MIB, 100.0 * MIB)));
    MigrationResult busy = result(3000, 80, 90 * MIB, 100.0 * MIB, 200.0 * MIB);
    assertFalse(c.predict(busy, 256 * MIB).converges());
  }

  @Test
  void noIdleMigrationIsNoCalibration() {
    assertThrows(IllegalArgumentException.class, () -> BenchCalibration.of(List.of()));
  }

  private static MigrationResult idle(long totalMs, long gapMs, long sent, double bandwidth) {
    return result(totalMs, gapMs, sent, bandwidth, 0);
  }

  private static MigrationResult result(
      long totalMs, long gapMs, long sent, double bandwidth, double dirty) {
    return MigrationResults.precopy()
        .total(Duration.ofMillis(totalMs), Duration.ofMillis(totalMs - 100))
        .guestDowntime(new GuestDowntime(Duration.ofMillis(gapMs), 100, 0, 0, 200))
        .sent(sent, 256 * MIB)
        .rates(dirty, bandwidth)
        .model(
            112 * MIB,
            PrecopyModel.predict(112 * MIB, 32 * MIB, dirty, bandwidth, Duration.ofMillis(300)))
        .build();
  }
}
