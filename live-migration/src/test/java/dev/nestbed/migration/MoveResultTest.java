package dev.nestbed.migration;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.aggregator.pool.CellGroup;
import dev.nestbed.aggregator.pool.ProcessPlacement;
import dev.nestbed.core.NestbedException;
import dev.nestbed.core.value.DataSize;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MoveResultTest {
  private static final CellGroup TO_N3 = new CellGroup(Set.of(2), Set.of(2));
  private static final ProcessPlacement ON_N1 =
      new ProcessPlacement(Map.of(0, DataSize.ofMiB(160)), Map.of("0", Set.of(0)));
  private static final GuestDowntime GAP = new GuestDowntime(Duration.ofMillis(900), 12, 0, 0, 30);

  private static MoveResult movedTo(ProcessPlacement after) {
    return new MoveResult(List.of("n3"), TO_N3, Duration.ofSeconds(9), ON_N1, after, GAP);
  }

  @Test
  void aMoveWithItsVcpusAndMemoryOnTheNewCellHasLanded() {
    MoveResult r =
        movedTo(
            new ProcessPlacement(
                Map.of(0, DataSize.ofMiB(4), 2, DataSize.ofMiB(156)), Map.of("0", Set.of(2))));
    assertDoesNotThrow(() -> r.requireLanded("p1"));
    assertEquals(DataSize.ofMiB(156), r.memoryMoved());
  }

  @Test
  void memoryLeftBehindFailsNamingTheShare() {
    MoveResult r =
        movedTo(
            new ProcessPlacement(
                Map.of(0, DataSize.ofMiB(80), 2, DataSize.ofMiB(80)), Map.of("0", Set.of(2))));
    NestbedException e = assertThrows(NestbedException.class, () -> r.requireLanded("p1"));
    assertTrue(
        e.getMessage().contains("only 50% of the memory of p1 is on nodes [2]"), e.getMessage());
  }

  @Test
  void aVcpuStillAllowedOnTheOldCpuFails() {
    MoveResult r =
        movedTo(new ProcessPlacement(Map.of(2, DataSize.ofMiB(160)), Map.of("0", Set.of(0, 2))));
    NestbedException e = assertThrows(NestbedException.class, () -> r.requireLanded("p1"));
    assertTrue(
        e.getMessage().contains("vCPUs of p1 may still run outside CPUs [2]"), e.getMessage());
  }
}
