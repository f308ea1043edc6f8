package dev.nestbed.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.value.DataSize;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TcgMigrationDefectTest {
  private static final DataSize PLUGGED = DataSize.ofMiB(256);

  @Test
  void underTcgAMigrationWithMemoryPluggedIsRefusedNamingTheDefectAndTheWaysOut() {
    NestbedException e =
        assertThrows(
            NestbedException.class,
            () -> TcgMigrationDefect.check("p1", Accelerator.tcg("test"), PLUGGED, false));
    assertTrue(
        e.getMessage()
            .startsWith(
                "refused to live-migrate partition p1: it has 256MiB plugged past its boot"
                    + " size and guests run under TCG, where QEMU's dirty-memory tracking"),
        e.getMessage());
    assertTrue(e.getMessage().contains("03bfc2188f"), e.getMessage());
    assertTrue(e.getMessage().endsWith(". " + TcgMigrationDefect.WAYS_OUT), e.getMessage());
    assertTrue(
        e.hint().orElseThrow().contains("Resize it back to its boot size first")
            && e.hint().orElseThrow().contains("KVM")
            && e.hint().orElseThrow().contains("allow-unsafe-migration: true"));
  }

  @Test
  void allowedItRunsAndTheStepSaysSo() {
    Optional<String> note = TcgMigrationDefect.check("p1", Accelerator.tcg("test"), PLUGGED, true);
    assertTrue(
        note.orElseThrow().startsWith("allow-unsafe-migration: ran under TCG with 256MiB plugged"),
        note.get());
  }

  @Test
  void nothingPluggedOrKvmIsSafe() {
    assertEquals(
        Optional.empty(),
        TcgMigrationDefect.check("p1", Accelerator.tcg("test"), DataSize.ZERO, false));
    assertEquals(
        Optional.empty(), TcgMigrationDefect.check("p1", Accelerator.kvm("test"), PLUGGED, false));
  }
}
