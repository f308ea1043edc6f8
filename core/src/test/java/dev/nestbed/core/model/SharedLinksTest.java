package dev.nestbed.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nestbed.core.model.SharedLinks.Stepped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SharedLinksTest {
  private static final double INF = Double.POSITIVE_INFINITY;

  /** A transfer of {@code bytes} that takes bytes / bandwidth. */
  private static Stepped bytes(double bytes, double cap, String... links) {
    return new Stepped(Set.of(links), cap, new Bytes(bytes));
  }

  /** So many bytes, sent at whatever rate it gets. */
  private static final class Bytes implements SharedLinks.Flow {
    private double left;

    Bytes(double bytes) {
      this.left = bytes;
    }

    @Override
    public double secondsToNextEvent(double rate) {
      return rate > 0 ? left / rate : INF;
    }

    @Override
    public void advance(double seconds, double rate) {
      left = Math.max(0, left - seconds * rate);
    }

    @Override
    public boolean done() {
      return left <= 1e-9;
    }
  }

  @Test
  void twoTransfersOverOneLinkShareItEvenly() {
    assertArrayEquals(
        new double[] {50, 50},
        SharedLinks.rates(List.of(bytes(1, INF, "a"), bytes(1, INF, "a")), Map.of("a", 100.0)),
        1e-9);
  }

  @Test
  void transfersOverDisjointLinksEachTakeAWholeLink() {
    assertArrayEquals(
        new double[] {100, 100},
        SharedLinks.rates(
            List.of(bytes(1, INF, "out:a", "in:b"), bytes(1, INF, "out:c", "in:d")),
            Map.of("out:a", 100.0, "in:b", 100.0, "out:c", 100.0, "in:d", 100.0)),
        1e-9);
  }

  @Test
  void aCappedTransferLeavesTheRestOfTheLinkToTheOthers() {
    assertArrayEquals(
        new double[] {20, 80},
        SharedLinks.rates(List.of(bytes(1, 20, "a"), bytes(1, INF, "a")), Map.of("a", 100.0)),
        1e-9);
  }

  @Test
  void aTransferHeldBackByANarrowLinkLeavesItsShareOfTheWideOneToTheOthers() {
    // the textbook case: the narrow link fills first at 2 each; f1 then takes the rest of a
    assertArrayEquals(
        new double[] {8, 2, 2},
        SharedLinks.rates(
            List.of(bytes(1, INF, "a"), bytes(1, INF, "a", "b"), bytes(1, INF, "b")),
            Map.of("a", 10.0, "b", 4.0)),
        1e-9);
  }

  @Test
  void whenOneTransferEndsTheOtherTakesTheWholeLinkAndNothingIsLost() {
    double[] ended =
        SharedLinks.step(List.of(bytes(100, INF, "a"), bytes(300, INF, "a")), Map.of("a", 100.0));
    // both at 50 until the first ends at 2 s (100 at 50); the second then has 200 left at 100
    assertArrayEquals(new double[] {2.0, 4.0}, ended, 1e-9);
  }

  @Test
  void aTransferThatGetsNothingNeverEndsAndTheOthersDo() {
    Stepped starved = new Stepped(Set.of("a", "b"), INF, new Bytes(100));
    double[] ended =
        SharedLinks.step(List.of(starved, bytes(100, INF, "a")), Map.of("a", 100.0, "b", 0.0));
    assertEquals(INF, ended[0]);
    assertEquals(1.0, ended[1], 1e-9, "the starved one takes nothing of a");
  }

  @Test
  void aLinkWithoutACapacityIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> SharedLinks.rates(List.of(bytes(1, INF, "a")), Map.of()));
  }
}
