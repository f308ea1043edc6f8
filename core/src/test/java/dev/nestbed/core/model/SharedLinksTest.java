package dev.nestbed.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.model.SharedLinks.Outcome;
import dev.nestbed.core.model.SharedLinks.Transfer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SharedLinksTest {
  private static final double INF = Double.POSITIVE_INFINITY;

  /** A transfer of {@code bytes} that takes bytes / bandwidth. */
  private static Transfer bytes(double bytes, double cap, String... links) {
    return new Transfer(Set.of(links), cap, b -> bytes / b);
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
    List<Outcome> out =
        SharedLinks.run(List.of(bytes(100, INF, "a"), bytes(300, INF, "a")), Map.of("a", 100.0));
    // both at 50 until the first ends at 2 s (100 at 50); the second then has 200 left at 100
    assertEquals(2.0, out.get(0).seconds(), 1e-9);
    assertEquals(50.0, out.get(0).bandwidth(), 1e-6);
    assertEquals(4.0, out.get(1).seconds(), 1e-9);
    assertEquals(75.0, out.get(1).bandwidth(), 1e-6); // 300 in 4 s
  }

  @Test
  void aTransferThatNeverEndsAtItsShareKeepsItAndTheShareIsReported() {
    Transfer stubborn = new Transfer(Set.of("a"), INF, b -> b < 60 ? INF : 1.0);
    List<Outcome> out =
        SharedLinks.run(List.of(stubborn, bytes(100, INF, "a")), Map.of("a", 100.0));
    assertEquals(2.0, out.get(1).seconds(), 1e-9);
    // alone on the link after 2 s, at 100 it would take 1 s in all: it has done none of it yet
    assertEquals(3.0, out.get(0).seconds(), 1e-9);
    // no bandwidth takes it exactly 3 s (its time jumps at 60): it is read where it does end
    assertTrue(out.get(0).bandwidth() >= 60, "read at " + out.get(0).bandwidth());
  }

  @Test
  void aLinkWithoutACapacityIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> SharedLinks.rates(List.of(bytes(1, INF, "a")), Map.of()));
  }
}
