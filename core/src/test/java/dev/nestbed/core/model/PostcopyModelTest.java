package dev.nestbed.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PostcopyModelTest {
  private static final long MIB = 1024 * 1024;
  private static final Duration T = Duration.ofMillis(300);
  private static final MigrationCalibration FIXED =
      new MigrationCalibration(
          Duration.ofMillis(500),
          Duration.ofMillis(80),
          0,
          new Provenance("a test", "", "by hand", ""));

  @Test
  void aGuestPreCopyCannotMoveMovesAfterOnePassPausedOnlyForTheSwitchOver() {
    // D = 2B: pass 0 sends 256 MiB in 4 s; meanwhile the guest dirtied all 256 MiB again, which
    // the destination pulls after the switch in another 4 s
    MigrationInputs in = new MigrationInputs(256 * MIB, 256 * MIB, 128 * MIB, 64 * MIB, T);
    MigrationPrediction p = PostcopyModel.predict(in, 1, FIXED);
    assertTrue(p.converges());
    assertEquals(2, p.rounds());
    assertEquals(512 * MIB, p.bytesSent());
    assertEquals(Duration.ofMillis(500 + 8000 + 80), p.total());
    assertEquals(Duration.ofMillis(80), p.downtime());
  }

  @Test
  void laterSwitchesSendMoreWhenPassesDoNotShrink() {
    MigrationInputs in = new MigrationInputs(256 * MIB, 64 * MIB, 128 * MIB, 64 * MIB, T);
    // passes 256, 64, 64, then the switch: 448 MiB
    assertEquals(448 * MIB, PostcopyModel.predict(in, 3, MigrationCalibration.NONE).bytesSent());
  }

  @Test
  void aMigrationThatFitsBeforeTheSwitchEndsInPreCopy() {
    // r = 0.25: 256, 64, 16 MiB, and 16 MiB fits in 300 ms before the switch after pass 3 is due
    MigrationInputs in = new MigrationInputs(256 * MIB, 256 * MIB, 16 * MIB, 64 * MIB, T);
    assertEquals(PrecopyModel.predict(in, FIXED), PostcopyModel.predict(in, 3, FIXED));
  }

  @Test
  void theSwitchNeedsOnePreCopyPassFirst() {
    MigrationInputs in = new MigrationInputs(MIB, MIB, 0, MIB, T);
    assertThrows(IllegalArgumentException.class, () -> PostcopyModel.predict(in, 0, FIXED));
  }
}
