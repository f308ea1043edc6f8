package dev.nestbed.scenario.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NiceScaleTest {
  @Test
  void zeroTo97BecomesZeroTo100InStepsOf20() {
    assertEquals(List.of(0.0, 20.0, 40.0, 60.0, 80.0, 100.0), NiceScale.of(0, 97, 5).ticks());
  }

  @Test
  void stepsAreOneTwoOrFiveTimesAPowerOfTen() {
    assertEquals(List.of(0.0, 2.0, 4.0, 6.0, 8.0), NiceScale.of(0, 7, 5).ticks());
    assertEquals(List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0), NiceScale.of(0, 1, 5).ticks());
    assertEquals(List.of(0.1, 0.15, 0.2, 0.25, 0.3, 0.35), NiceScale.of(0.1, 0.35, 5).ticks());
    assertEquals(50.0, NiceScale.of(0, 240, 5).step());
    assertEquals(1.0, NiceScale.niceStep(1));
    assertEquals(5.0, NiceScale.niceStep(2.01));
    assertEquals(0.01, NiceScale.niceStep(0.0093), 1e-12);
  }

  @Test
  void theRangeIsWidenedToWholeStepsOnBothSides() {
    NiceScale time = NiceScale.of(38.2, 97.8, 10);

    assertEquals(30.0, time.min());
    assertEquals(100.0, time.max());
    assertEquals(10.0, time.step());
    assertEquals(List.of(-20.0, 0.0, 20.0, 40.0, 60.0), NiceScale.of(-13, 47, 5).ticks());
  }

  @Test
  void ticksCarryNoFloatingPointNoise() {
    for (double t : NiceScale.of(93.56, 94.66, 10).ticks()) {
      String label = NiceScale.of(93.56, 94.66, 10).label(t);
      assertTrue(label.matches("9[34](\\.\\d)?"), label);
    }
  }

  @Test
  void aSinglePointOrAConstantGetsARangeAroundIt() {
    NiceScale zero = NiceScale.of(0, 0, 5);
    NiceScale five = NiceScale.of(5, 5, 5);

    assertEquals(0.0, zero.min());
    assertEquals(1.0, zero.max());
    assertTrue(five.min() < 5 && five.max() > 5 && five.ticks().contains(5.0), five.toString());
  }

  @Test
  void hugeValuesGetShortLabels() {
    NiceScale bytes = NiceScale.of(0, 3.2e9, 5);

    assertEquals(List.of(0.0, 1e9, 2e9, 3e9, 4e9), bytes.ticks());
    assertEquals(
        List.of("0", "1G", "2G", "3G", "4G"), bytes.ticks().stream().map(bytes::label).toList());
    assertEquals("2.5M", NiceScale.of(0, 2.4e6, 5).label(2.5e6));
    assertEquals("1.0e+300", NiceScale.of(0, 1e300, 5).label(1e300));
  }

  @Test
  void labelsShowTheDecimalsTheStepNeeds() {
    NiceScale scale = NiceScale.of(0, 1, 5);

    assertEquals(
        List.of("0", "0.2", "0.4", "0.6", "0.8", "1"),
        scale.ticks().stream().map(scale::label).toList());
    assertEquals("1500", NiceScale.of(0, 2400, 5).label(1500));
  }

  @Test
  void nonFiniteOrExtremeInputsNeverHang() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () -> {
          assertEquals(
              List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0), NiceScale.of(Double.NaN, 4, 5).ticks());
          assertEquals(2, NiceScale.of(1e308, 1.7e308, 5).ticks().size());
          assertEquals(2, NiceScale.of(-Double.MAX_VALUE, Double.MAX_VALUE, 5).ticks().size());
          assertTrue(NiceScale.of(1e15, 1e15 + 0.5, 5).ticks().size() <= 12);
        });
  }

  @Test
  void reversedBoundsAreSwapped() {
    assertEquals(NiceScale.of(0, 97, 5).ticks(), NiceScale.of(97, 0, 5).ticks());
  }
}
