package dev.nestbed.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RemoteCellAccessTest {
  @Test
  void onOneCellEveryAccessIsLocal() {
    assertEquals(1.0, RemoteCellAccess.relativeLatency(new int[][] {{10}}), 1e-12);
  }

  @Test
  void spreadEvenlyOverTwoCellsHalfTheAccessesPayTheRemoteDistance() {
    // (10 + 21 + 21 + 10) / (4 * 10): half local, half at 2.1x
    assertEquals(1.55, RemoteCellAccess.relativeLatency(new int[][] {{10, 21}, {21, 10}}), 1e-12);
  }

  @Test
  void overFourCellsOfAUniformInterconnectThreeQuartersAreRemote() {
    int r = 30;
    int[][] d = {{10, r, r, r}, {r, 10, r, r}, {r, r, 10, r}, {r, r, r, 10}};
    // (10 + 3 * 30) / (4 * 10) = 2.5
    assertEquals(2.5, RemoteCellAccess.relativeLatency(d), 1e-12);
  }

  @Test
  void distancesMustBeSquare() {
    assertThrows(
        IllegalArgumentException.class, () -> RemoteCellAccess.relativeLatency(new int[0][]));
    assertThrows(
        IllegalArgumentException.class,
        () -> RemoteCellAccess.relativeLatency(new int[][] {{10, 21}}));
  }
}
